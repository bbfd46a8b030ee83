#include "RestoreLauncher.h"

#include "CellConnection.h"
#include "MessageBox.h"
#include "RestoreWizard.h"
#include "SecretResolver.h"
#include "Workspace.h"
#include "cell/CellSession.h"
#include "profiles/ConnectionStrings.h"
#include "profiles/ProfileStore.h"
#include "restore/Journal.h"
#include "restore/RestoreRunner.h"

#include <QFile>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPointer>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

QString operatorName()
{
    return qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
}

} // namespace

RestoreLauncher::RestoreLauncher(const Workspace *workspace, CellConnection *cell, SecretResolver *secrets, QMainWindow *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_cell(cell)
    , m_secrets(secrets)
    , m_window(window)
{
}

WizardContext RestoreLauncher::wizardContext() const
{
    const kube::ResolvedContext &cell = m_cell->session()->client->context();
    WizardContext c;
    c.ns = cell.ns;
    c.context = cell.context;
    c.operatorName = operatorName();
    c.cells = m_cell->cells();
    c.currentCell = m_cell->currentCell();
    return c;
}

RestoreWizard *RestoreLauncher::openWizard()
{
    if (!m_cell->session()) {
        MessageBox::warning(m_window, tr("Restore"), tr("Connect to a cell first (choose a context or a profile)."));
        return nullptr;
    }
    WizardContext c = wizardContext();
    // Its own client: the dashboard's watches occupy the shared one's connections.
    auto *client = new kube::KubeClient(m_cell->session()->client->context());
    c.client = client;
    auto *wizard = new RestoreWizard(c, m_window);
    client->setParent(wizard);
    QPointer<RestoreWizard> chooser(wizard);
    c.chooseCell = [this, chooser](const QStringList &key, std::function<void(const WizardContext &)> done) {
        if (chooser)
            chooseCell(chooser, key, std::move(done));
    };
    wizard->setContext(c);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    addProfile(wizard);
    return wizard;
}

void RestoreLauncher::chooseCell(RestoreWizard *wizard, const QStringList &key, std::function<void(const WizardContext &)> done)
{
    QPointer<RestoreWizard> chooser(wizard);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_cell, &CellConnection::sessionChanged, this, [this, chooser, key, done] {
        if (!chooser || !m_cell->session())
            return;
        WizardContext next = chooser->context();
        const kube::ResolvedContext &cell = m_cell->session()->client->context();
        next.client = new kube::KubeClient(cell, chooser);
        next.ns = cell.ns;
        next.context = cell.context;
        next.currentCell = key;
        next.profile.clear();
        next.backupFolder.clear();
        next.store = {};
        next.updateProfile = {};
        m_secrets->storeAccess(m_cell->profileId(), [chooser, next, done](const profiles::Profile *profile, const restore::StoreAccess &stores) {
            if (!chooser)
                return;
            WizardContext ready = next;
            if (profile) {
                ready.profile = profile->name;
                ready.backupFolder = profile->backupFolder;
            }
            ready.store = stores;
            done(ready);
        });
    }, Qt::SingleShotConnection);
    if (key.value(0) == "profile"_L1) {
        m_cell->switchProfile(key.value(1));
    } else if (!m_cell->switchContext(key.value(1))) {
        disconnect(*connection);
        if (chooser)
            done(chooser->context()); // stays where it was; the dashboard says why
    }
}

void RestoreLauncher::addProfile(RestoreWizard *wizard)
{
    QPointer<RestoreWizard> guard(wizard);
    m_secrets->storeAccess(m_cell->profileId(), [this, guard](const profiles::Profile *profile, const restore::StoreAccess &stores) {
        if (!guard)
            return;
        WizardContext updated = guard->context();
        if (profile) {
            updated.profile = profile->name;
            updated.backupFolder = profile->backupFolder;
            const QString id = profile->id;
            updated.updateProfile = [this, id](const QString &address) -> Result<bool> {
                const profiles::Profile *current = m_workspace->profiles ? m_workspace->profiles->find(id) : nullptr;
                if (!current)
                    return Error{tr("The profile is gone."), {}, 0};
                auto changed = profiles::withStoreAddress(*current, address);
                if (!changed)
                    return changed.error();
                return m_workspace->profiles->update(*changed);
            };
        }
        updated.store = stores;
        guard->setContext(updated);
        guard->show();
    });
}

bool RestoreLauncher::offerUnfinishedRun()
{
    const QStringList open = restore::Journal::unfinished();
    if (open.isEmpty())
        return false;
    const QString path = open.first();
    auto state = restore::JournalState::load(path);
    if (!state)
        return false;
    QStringList counts;
    for (auto it = state->recorded.cbegin(); it != state->recorded.cend(); ++it)
        counts.append(u"%1=%2"_s.arg(it.key()).arg(it.value()));
    counts.sort();
    const QString text = tr("A restore of the %1 of cell %2, started by %3, did not finish (run %4; data step: %5).\n\n"
                            "Recorded counts: %6.\n\nResume finishes it after re-reading the cell; Roll back returns every component to its recorded count.")
                             .arg(state->plan.target == cell::RestoreTarget::Database ? tr("database") : tr("data store"), state->plan.ns, state->operatorName,
                                  state->runId, state->dataState, counts.isEmpty() ? tr("none yet") : counts.join(u", "_s));
    const auto answer = MessageBox::choose(m_window, tr("Unfinished restore"), text,
                                           {{QMessageBox::Yes, tr("Resume")}, {QMessageBox::Discard, tr("Roll back")}, {QMessageBox::Open, tr("View the log")},
                                            {QMessageBox::Cancel, tr("Later")}});
    if (answer == QMessageBox::Open)
        showJournal(path, state->runId);
    if (answer != QMessageBox::Yes && answer != QMessageBox::Discard)
        return true;
    if (!m_cell->session()) {
        MessageBox::warning(m_window, tr("Unfinished restore"), tr("Connect to the cell %1 first, then choose again (Restore menu).").arg(state->plan.ns));
        return true;
    }
    const bool rollBack = answer == QMessageBox::Discard;
    m_window->statusBar()->showMessage(rollBack ? tr("Rolling back run %1…").arg(state->runId) : tr("Resuming run %1…").arg(state->runId));
    resume(path, rollBack);
    return true;
}

void RestoreLauncher::showJournal(const QString &path, const QString &runId)
{
    QFile f(path);
    const QString log = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : f.errorString();
    auto *viewer = new QPlainTextEdit(log);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->setReadOnly(true);
    viewer->setWindowTitle(tr("Journal of run %1").arg(runId));
    viewer->resize(900, 500);
    viewer->show();
}

void RestoreLauncher::resume(const QString &journal, bool rollBack)
{
    // A run that restores a backup writes into its store again: the open profile's stores, with
    // their passwords from the keychain (without them the runner refuses and says so).
    m_secrets->storeAccess(m_cell->profileId(), [this, journal, rollBack](const profiles::Profile *, const restore::StoreAccess &stores) {
        if (!m_cell->session())
            return;
        auto *runner = new restore::RestoreRunner(m_cell->session()->client.get(), this);
        connect(runner, &restore::RestoreRunner::finished, this, [this, runner](const restore::RunOutcome &o) {
            runner->deleteLater();
            m_window->statusBar()->showMessage(o.message, 15000);
            MessageBox::information(m_window, tr("Unfinished restore"), o.message);
        });
        restore::RunRequest request;
        request.operatorName = operatorName();
        request.store = stores;
        runner->resume(journal, request, rollBack, false);
    });
}

} // namespace eic::ui
