#include "ProfileActions.h"

#include "CellConnection.h"
#include "MessageBox.h"
#include "ProfileEditor.h"
#include "SecretResolver.h"
#include "Workspace.h"
#include "cell/CellSession.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QFile>
#include <QFileDialog>
#include <QMenu>
#include <QSaveFile>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::ui {

ProfileActions::ProfileActions(const Workspace *workspace, SecretResolver *secrets, const CellConnection *cell, QWidget *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_secrets(secrets)
    , m_cell(cell)
    , m_window(window)
{
}

void ProfileActions::addTo(QMenu *menu)
{
    auto add = [this, menu](const QString &text, const QKeySequence &keys, auto slot) {
        auto *a = menu->addAction(text);
        a->setShortcut(keys);
        connect(a, &QAction::triggered, this, slot);
    };
    // Acts on the open profile, if any.
    auto onOpen = [this](bool (ProfileActions::*act)(const QString &)) {
        return [this, act] {
            if (!m_cell->profileId().isEmpty())
                (this->*act)(m_cell->profileId());
        };
    };
    add(tr("&New profile…"), QKeySequence::New, [this] { newProfile(); });
    add(tr("&Edit profile…"), QKeySequence(tr("Ctrl+E")), [this] {
        if (!m_cell->profileId().isEmpty())
            editProfile(m_cell->profileId());
    });
    add(tr("&Duplicate profile"), QKeySequence(tr("Ctrl+D")), onOpen(&ProfileActions::duplicateProfile));
    add(tr("De&lete profile…"), QKeySequence(tr("Ctrl+Shift+Del")), onOpen(&ProfileActions::deleteProfile));
    menu->addSeparator();
    add(tr("&Import the current context as a profile…"), QKeySequence(), [this] { newFromSession(); });
    add(tr("E&xport profiles (without secrets)…"), QKeySequence(), &ProfileActions::exportProfiles);
    add(tr("I&mport profiles…"), QKeySequence(), &ProfileActions::importProfiles);
}

ProfileEditor *ProfileActions::newProfile()
{
    return openEditor(profiles::Profile(), true);
}

ProfileEditor *ProfileActions::editProfile(const QString &profileId)
{
    const profiles::Profile *p = m_workspace->profiles ? m_workspace->profiles->find(profileId) : nullptr;
    return p ? openEditor(*p, false) : nullptr;
}

ProfileEditor *ProfileActions::newFromContext(const QString &context)
{
    profiles::Profile p;
    p.name = context;
    p.cell.context = context;
    p.cell.kubeconfig = m_workspace->config ? m_workspace->config->files().value(0) : QString();
    if (m_workspace->config)
        if (auto resolved = m_workspace->config->resolve(context))
            p.cell.ns = resolved->ns;
    return openEditor(p, true);
}

ProfileEditor *ProfileActions::newFromSession()
{
    profiles::Profile p;
    if (const cell::CellSession *session = m_cell->session()) {
        p.name = session->client->context().context;
        p.cell.context = p.name;
        p.cell.ns = session->client->context().ns;
        p.cell.kubeconfig = m_workspace->config ? m_workspace->config->files().value(0) : QString();
    }
    return openEditor(p, true);
}

ProfileEditor *ProfileActions::openEditor(const profiles::Profile &profile, bool isNew)
{
    auto *editor = new ProfileEditor(profile, m_workspace->secrets, m_window);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor, isNew] { saveFromEditor(editor, isNew); });
    editor->open();
    return editor;
}

void ProfileActions::saveFromEditor(ProfileEditor *editor, bool isNew)
{
    profiles::ProfileStore *store = m_workspace->profiles;
    if (!store)
        return;
    const profiles::Profile p = editor->profile();
    auto saved = isNew ? store->add(p) : store->update(p);
    if (!saved) {
        MessageBox::warning(m_window, tr("Profile not saved"), saved.error().message);
        return;
    }
    const profiles::Profile stored = *store->find(p.name);
    QList<QPair<profiles::SecretKind, QString>> typed;
    for (auto kind : {profiles::SecretKind::CellToken, profiles::SecretKind::DatabasePassword, profiles::SecretKind::DatastorePassword}) {
        if (const QString secret = editor->typedSecret(kind); !secret.isEmpty())
            typed.append({kind, secret});
    }
    m_secrets->keep(stored.id, typed);
    spdlog::info("profile {} saved", stored.name.toStdString());
    Q_EMIT profileSaved(stored.id);
    Q_EMIT profilesChanged();
}

bool ProfileActions::duplicateProfile(const QString &profileId)
{
    profiles::ProfileStore *store = m_workspace->profiles;
    const profiles::Profile *p = store ? store->find(profileId) : nullptr;
    if (!p)
        return false;
    profiles::Profile copy = *p;
    const QString fromId = copy.id;
    copy.id.clear();
    copy.name = tr("%1 (copy)").arg(p->name);
    while (store->find(copy.name))
        copy.name += tr(" (copy)");
    if (auto added = store->add(copy); !added) {
        MessageBox::warning(m_window, tr("Duplicate"), added.error().message);
        return false;
    }
    const QString toId = store->find(copy.name)->id;
    profiles::copyProfileSecrets(*m_workspace->secrets, fromId, toId, this, [this](const Result<bool> &r) {
        if (!r)
            MessageBox::warning(m_window, tr("Duplicate"), tr("The copy was made, but its secrets were not: %1").arg(r.error().message));
    });
    Q_EMIT profilesChanged();
    return true;
}

bool ProfileActions::deleteProfile(const QString &profileId)
{
    profiles::ProfileStore *store = m_workspace->profiles;
    const profiles::Profile *p = store ? store->find(profileId) : nullptr;
    if (!p)
        return false;
    const QString name = p->name;
    if (MessageBox::question(m_window, tr("Delete profile"),
                             tr("Delete the profile \"%1\" and its secrets in the keychain? The cell itself is not touched.").arg(name),
                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return false;
    if (auto removed = store->remove(profileId); !removed) {
        MessageBox::warning(m_window, tr("Delete profile"), removed.error().message);
        return false;
    }
    profiles::removeProfileSecrets(*m_workspace->secrets, profileId, this, [this, name](const Result<bool> &r) {
        if (!r)
            MessageBox::warning(m_window, tr("Delete profile"),
                                tr("\"%1\" was deleted, but its secrets could not be removed: %2").arg(name, r.error().message));
    });
    Q_EMIT profileDeleted(profileId);
    Q_EMIT profilesChanged();
    return true;
}

void ProfileActions::exportProfiles()
{
    if (!m_workspace->profiles || m_workspace->profiles->profiles().isEmpty()) {
        MessageBox::information(m_window, tr("Export profiles"), tr("There are no profiles to export yet: create one first (Profiles ▸ New profile…)."));
        return;
    }
    const QString file = QFileDialog::getSaveFileName(m_window, tr("Export profiles"), u"eic-profiles.json"_s, tr("JSON (*.json)"));
    if (file.isEmpty() || !m_workspace->profiles)
        return;
    QSaveFile f(file);
    if (!f.open(QIODevice::WriteOnly) || f.write(profiles::ProfileStore::exportJson(m_workspace->profiles->profiles())) < 0 || !f.commit())
        MessageBox::warning(m_window, tr("Export"), tr("Cannot write %1: %2").arg(file, f.errorString()));
}

void ProfileActions::importProfiles()
{
    const QString file = QFileDialog::getOpenFileName(m_window, tr("Import profiles"), {}, tr("JSON (*.json)"));
    profiles::ProfileStore *store = m_workspace->profiles;
    if (file.isEmpty() || !store)
        return;
    QFile f(file);
    auto imported = f.open(QIODevice::ReadOnly) ? profiles::ProfileStore::importJson(f.readAll())
                                                : Result<QList<profiles::Profile>>(Error{tr("Cannot read %1: %2").arg(file, f.errorString()), {}, 0});
    if (!imported) {
        MessageBox::warning(m_window, tr("Import"), imported.error().message);
        return;
    }
    QStringList problems;
    for (profiles::Profile p : *imported) {
        p.id.clear(); // a new id: the imported profile has no secrets yet
        while (store->find(p.name))
            p.name += tr(" (imported)");
        if (auto added = store->add(p); !added)
            problems.append(added.error().message);
    }
    Q_EMIT profilesChanged();
    if (!problems.isEmpty())
        MessageBox::warning(m_window, tr("Import"), problems.join(u'\n'));
}

} // namespace eic::ui
