#include "SecretResolver.h"

#include "MessageBox.h"
#include "Workspace.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QInputDialog>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace eic::ui {

SecretResolver::SecretResolver(const Workspace *workspace, QWidget *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_window(window)
    , m_session(new profiles::MemorySecretStore(this))
{
}

void SecretResolver::secret(const QString &key, bool sayIfMissing, std::function<void(const Result<QString> &)> then)
{
    m_session->read(key, this, [this, key, sayIfMissing, then](const Result<QString> &session) {
        if (session || m_keychainMissing || !m_workspace->secrets)
            return then(session);
        m_workspace->secrets->read(key, this, [this, then, sayIfMissing](const Result<QString> &stored) {
            if (stored || stored.error().code != profiles::SecretStore::Unavailable)
                return then(stored);
            m_keychainMissing = true;
            if (sayIfMissing)
                keychainMissing(stored.error());
            then(stored);
        });
    });
}

void SecretResolver::keychainMissing(const Error &why)
{
    m_keychainMissing = true;
    if (std::exchange(m_told, true))
        return;
    MessageBox::warning(m_window, tr("No keychain"), why.message);
}

void SecretResolver::cellToken(const profiles::Profile &profile, std::function<void(const QString &)> then)
{
    const QString key = profiles::secretKey(profile.id, profiles::SecretKind::CellToken);
    // The token is asked for, with the reason (once), instead of a separate message.
    secret(key, false, [this, key, then](const Result<QString> &stored) {
        if (stored || (stored.error().code != profiles::SecretStore::Unavailable && !m_keychainMissing)) {
            then(stored ? *stored : QString());
            return;
        }
        // No keychain now: say so in one sentence and ask for this session only.
        bool ok = false;
        const QString why = std::exchange(m_told, true) ? QString() : stored.error().message + u"\n\n"_s; // this dialog says it once
        const QString token = QInputDialog::getText(m_window, tr("Cell token"), why + tr("Token for this session only:"), QLineEdit::Password, {}, &ok);
        if (!ok)
            return;
        m_session->write(key, token, this, [](const Result<bool> &) {});
        then(token);
    });
}

void SecretResolver::storeAccess(const QString &profileId, StoresCallback then)
{
    const Workspace &w = *m_workspace;
    const profiles::Profile *p = w.profiles && !profileId.isEmpty() ? w.profiles->find(profileId) : nullptr;
    if (!p || !w.secrets)
        return then(nullptr, {});
    const profiles::Profile profile = *p;
    secret(profiles::secretKey(profile.id, profiles::SecretKind::DatabasePassword), true, [this, profile, then](const Result<QString> &dbPassword) {
        secret(profiles::secretKey(profile.id, profiles::SecretKind::DatastorePassword), true, [profile, then, dbPassword](const Result<QString> &dsPassword) {
            restore::StoreAccess stores;
            if (!profile.database.host.isEmpty() || !profile.database.service.isEmpty())
                stores.database = profiles::ConnectionTester::databaseOptions(profile, dbPassword ? *dbPassword : QString());
            if (!profile.datastore.hosts.isEmpty())
                if (auto ds = profiles::ConnectionTester::datastoreOptions(profile, dsPassword ? *dsPassword : QString()))
                    stores.datastore = *ds;
            then(&profile, stores);
        });
    });
}

void SecretResolver::keep(const QString &profileId, const QList<QPair<profiles::SecretKind, QString>> &secrets)
{
    // For this session first: the profile opens at once and must not ask for what was just typed.
    for (const auto &[kind, value] : secrets)
        m_session->write(profiles::secretKey(profileId, kind), value, this, [](const Result<bool> &) {});
    keepNext(profileId, secrets);
}

void SecretResolver::keepNext(const QString &profileId, QList<QPair<profiles::SecretKind, QString>> rest)
{
    // One after the other: a missing or locked keychain answers the first, and the rest are not
    // sent to it (no second prompt, no second message).
    if (rest.isEmpty() || m_keychainMissing || !m_workspace->secrets)
        return;
    const auto [kind, value] = rest.takeFirst();
    m_workspace->secrets->write(profiles::secretKey(profileId, kind), value, this, [this, profileId, rest, kind](const Result<bool> &written) {
        if (written)
            return keepNext(profileId, rest);
        if (written.error().code == profiles::SecretStore::Unavailable)
            return keychainMissing(written.error());
        MessageBox::warning(m_window, tr("Secret kept for this session only"),
                            tr("The %1 could not be saved in the keychain: %2").arg(profiles::secretLabel(kind), written.error().message));
    });
}

} // namespace eic::ui
