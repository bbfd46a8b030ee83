#include "RestoreLauncher.h"

#include "CellConnection.h"
#include "MessageBox.h"
#include "RestoreWizard.h"
#include "SecretResolver.h"
#include "Workspace.h"
#include "pages/PlanWizardPage.h"
#include "cell/CellSession.h"
#include "profiles/ConnectionStrings.h"
#include "profiles/ProfileStore.h"
#include "log/Logging.h"
#include "restore/CellSurvey.h"
#include "restore/Events.h"
#include "restore/Journal.h"
#include "restore/RestoreRunner.h"
#include "UnfinishedBanner.h"
#include "kube/DeploymentScaler.h"
#include "profiles/SecretStore.h"
#include "restore/CellIdentity.h"
#include "util/OsUser.h"

#include <QFile>
#include <QCryptographicHash>
#include <QHostInfo>
#include <QInputDialog>
#include <QLineEdit>
#include <QJsonObject>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPointer>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

QString operatorName()
{
    return util::osUser();
}

QString storeWord(const restore::JournalState &run)
{
    return run.plan.target == cell::RestoreTarget::Database ? RestoreLauncher::tr("database") : RestoreLauncher::tr("data store");
}

} // namespace

RestoreLauncher::RestoreLauncher(const Workspace *workspace, CellConnection *cell, SecretResolver *secrets, QMainWindow *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_cell(cell)
    , m_secrets(secrets)
    , m_window(window)
{
    // Another cell, another profile, the sandbox's runs: what is unfinished there.
    connect(m_cell, &CellConnection::sessionChanged, this, &RestoreLauncher::rescanUnfinished);
}

WizardContext RestoreLauncher::wizardContext() const
{
    const kube::ResolvedContext &cell = m_cell->session()->client->context();
    WizardContext c;
    c.ns = cell.ns;
    c.context = cell.context;
    c.clusterUrl = cell.cluster.server.toString();
    c.mark = m_workspace->sandbox ? u"sandbox"_s : QString();
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
    m_wizard = wizard;
    m_runCell = tr("%1 (context %2)").arg(c.ns, c.context);
    connect(wizard, &RestoreWizard::runEvent, this, &RestoreLauncher::noteEvent);
    connect(wizard, &RestoreWizard::runEvent, this, [this](const QJsonObject &e) {
        if (e.value("event"_L1).toString() == restore::ev::RunStarted)
            rescanUnfinished();
    });
    connect(wizard, &RestoreWizard::runFinished, this, &RestoreLauncher::rescanUnfinished);
    connect(wizard, &QObject::destroyed, this, [this] { QTimer::singleShot(0, this, &RestoreLauncher::rescanUnfinished); });
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    addProfile(wizard);
    return wizard;
}

RestoreWizard *RestoreLauncher::restoreBackup(const QString &path, cell::RestoreTarget target)
{
    RestoreWizard *wizard = openWizard();
    if (!wizard)
        return nullptr;
    wizard->session()->input.target = target;
    wizard->session()->input.mode = restore::DataMode::Archive;
    wizard->session()->input.archive = path;
    // Once, when the plan page first shows this target: a later choice of the admin stands.
    auto preset = std::make_shared<bool>(true);
    connect(wizard, &QWizard::currentIdChanged, wizard, [wizard, path, target, preset](int id) {
        auto *plan = id == RestoreWizard::PlanPage ? qobject_cast<PlanWizardPage *>(wizard->page(id)) : nullptr;
        if (!plan || wizard->session()->input.target != target || !std::exchange(*preset, false))
            return;
        plan->chooseMode(1); // archive
        plan->setArchive(path);
    });
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
        next.clusterUrl = cell.cluster.server.toString();
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
    rescanUnfinished();
    if (!m_unfinished)
        return false;
    const restore::JournalState state = *m_unfinished;
    QStringList counts;
    for (auto it = state.recorded.cbegin(); it != state.recorded.cend(); ++it)
        counts.append(u"%1=%2"_s.arg(it.key()).arg(it.value()));
    counts.sort();
    QString text = tr("A restore of the %1 of cell %2, started by %3, did not finish (run %4; data step: %5).\n\nRecorded counts: %6.")
                       .arg(storeWord(state), state.plan.ns, UnfinishedBanner::operatorOf(state), state.runId, state.dataState,
                            counts.isEmpty() ? tr("none yet") : counts.join(u", "_s));
    QList<QPair<QMessageBox::StandardButton, QString>> buttons{{QMessageBox::Open, tr("View the log")}, {QMessageBox::Cancel, tr("Later")}};
    if (!m_otherCell.isEmpty()) {
        text += u"\n\n"_s + tr("It ran on %1, not on the open cell (%2): open that cell to finish or roll it back.").arg(UnfinishedBanner::cellOf(state), m_otherCell);
    } else {
        text += u"\n\n"_s + tr("Resume finishes it after re-reading the cell; Roll back returns every component to its recorded count.");
        buttons.prepend({QMessageBox::Discard, tr("Roll back")});
        buttons.prepend({QMessageBox::Yes, tr("Resume")});
    }
    const auto answer = MessageBox::choose(m_window, tr("Unfinished restore"), text, buttons);
    if (answer == QMessageBox::Open)
        showJournal(state.path, state.runId);
    // Nothing acts on a cell that is not the run's, whatever the answer.
    if ((answer != QMessageBox::Yes && answer != QMessageBox::Discard) || !m_otherCell.isEmpty())
        return true;
    if (!m_cell->session()) {
        MessageBox::warning(m_window, tr("Unfinished restore"), tr("Connect to the cell %1 first, then choose again (Restore menu).").arg(state.plan.ns));
        return true;
    }
    const bool rollBack = answer == QMessageBox::Discard;
    m_window->statusBar()->showMessage(rollBack ? tr("Rolling back run %1…").arg(state.runId) : tr("Resuming run %1…").arg(state.runId));
    resume(state.path, rollBack);
    return true;
}

void RestoreLauncher::rescanUnfinished()
{
    // A run of this window under way (or about to start: tracked, not yet running), or the wizard's
    // own (waiting for the data step): not "unfinished", and nothing may start a second one on it.
    if (activeRunner() || !m_runs.isEmpty())
        return setUnfinished(std::nullopt);
    const QString wizardJournal = m_wizard ? m_wizard->journal() : QString();
    for (const QString &path : restore::Journal::unfinished()) {
        if (path == wizardJournal)
            continue;
        if (auto state = restore::JournalState::load(path))
            return setUnfinished(*state);
    }
    setUnfinished(std::nullopt);
}

void RestoreLauncher::setUnfinished(std::optional<restore::JournalState> run)
{
    const quint64 scan = ++m_scan;
    m_unfinished = std::move(run);
    m_otherCell = m_unfinished ? otherCellThan(*m_unfinished) : QString();
    Q_EMIT unfinishedChanged();
    if (m_unfinished && m_otherCell.isEmpty() && m_cell->session() && !m_unfinished->cellIdentity.isEmpty())
        confirmCellIdentity(scan);
}

QString RestoreLauncher::otherCellThan(const restore::JournalState &run) const
{
    if (!m_cell->session())
        return {};
    const kube::ResolvedContext &open = m_cell->session()->client->context();
    const QString ns = open.ns;
    if (run.cellIdentity.isEmpty()) // an older journal: only the namespace is known
        return ns == run.plan.ns ? QString() : tr("the run's namespace is %1, the open one %2").arg(run.plan.ns, ns);
    const restore::CellIdentity was = restore::CellIdentity::fromJson(run.cellIdentity);
    const QString server = open.cluster.server.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    if (was.server != server)
        return tr("the run's API server is %1, the open one %2").arg(was.server, server);
    const QString ca = open.cluster.caPem.isEmpty() ? QString() : QString::fromLatin1(QCryptographicHash::hash(open.cluster.caPem, QCryptographicHash::Sha256).toHex());
    if (!was.caFingerprint.isEmpty() && !ca.isEmpty() && was.caFingerprint != ca)
        return tr("the API server %1 is pinned to another CA than the run's").arg(server);
    if (was.ns != ns)
        return tr("the run's namespace is %1, the open one %2").arg(was.ns, ns);
    return {};
}

void RestoreLauncher::confirmCellIdentity(quint64 scan)
{
    kube::KubeClient *client = m_cell->session()->client.get();
    const restore::CellIdentity was = restore::CellIdentity::fromJson(m_unfinished->cellIdentity);
    const kube::DeploymentScaler api(client, was.ns);
    restore::CellIdentity::read(api, client->context(), was.deploymentUids.keys(), this, [this, scan, was](const Result<restore::CellIdentity> &now) {
        if (scan != m_scan || !now) // a newer scan, or unreadable: the run's own check says why when it starts
            return;
        if (const auto why = was.differs(*now)) {
            m_otherCell = *why;
            Q_EMIT unfinishedChanged();
        }
    });
}

QString RestoreLauncher::unfinishedText() const
{
    return m_unfinished ? UnfinishedBanner::describe(*m_unfinished, m_otherCell, m_cell->session() != nullptr) : QString();
}

bool RestoreLauncher::unfinishedActionable() const
{
    return m_unfinished && m_otherCell.isEmpty() && m_cell->session() && !runInProgress();
}

bool RestoreLauncher::unfinishedAwaitsData() const
{
    return m_unfinished && restore::dataStateFromName(m_unfinished->dataState) == restore::DataState::Awaiting;
}

void RestoreLauncher::resumeUnfinished()
{
    if (!unfinishedActionable())
        return;
    const restore::JournalState run = *m_unfinished;
    const bool awaiting = unfinishedAwaitsData();
    const QString cell = UnfinishedBanner::cellOf(run);
    const QString text = awaiting ? tr("Has the %1 been restored? Continue checks that it accepts writes, then starts the components of run %2 on %3 again.")
                                        .arg(storeWord(run), run.runId, cell)
                                  : tr("Resume run %1 on %2? It reads the cell again, then finishes the restore from where it stopped.").arg(run.runId, cell);
    if (MessageBox::question(m_window, tr("Unfinished restore"), text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_window->statusBar()->showMessage(tr("Resuming run %1…").arg(run.runId));
    resume(run.path, awaiting ? restore::ResumeCommand::Continue : restore::ResumeCommand::Resume);
}

void RestoreLauncher::rollBackUnfinished()
{
    if (!unfinishedActionable())
        return;
    const restore::JournalState run = *m_unfinished;
    const QString text = tr("Roll back run %1 on %2? Every component goes back to its recorded count; the %3 stays as it is now.")
                             .arg(run.runId, UnfinishedBanner::cellOf(run), storeWord(run));
    if (MessageBox::question(m_window, tr("Unfinished restore"), text, QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    m_window->statusBar()->showMessage(tr("Rolling back run %1…").arg(run.runId));
    resume(run.path, true);
}

void RestoreLauncher::showUnfinishedDetails()
{
    if (m_unfinished)
        showJournal(m_unfinished->path, m_unfinished->runId);
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

void RestoreLauncher::track(restore::RestoreRunner *runner)
{
    m_runs.append(runner);
    if (m_cell->session())
        m_runCell = tr("%1 (context %2)").arg(m_cell->session()->client->context().ns, m_cell->session()->client->context().context);
    connect(runner, &restore::RestoreRunner::event, this, &RestoreLauncher::noteEvent);
    // The run ends here when it hands the data step over to the admin: its journal keeps it.
    auto handedOver = std::make_shared<bool>(false);
    connect(runner, &restore::RestoreRunner::awaitingData, this, [handedOver] { *handedOver = true; });
    connect(runner, &restore::RestoreRunner::finished, this, [this, runner, handedOver](const restore::RunOutcome &o) {
        m_awaitingJournal = *handedOver ? o.journal : QString();
        m_runs.removeAll(runner);
        runner->deleteLater();
        // After the run's own answers to its end: the banner follows what the journal now says.
        QTimer::singleShot(0, this, &RestoreLauncher::rescanUnfinished);
    });
    rescanUnfinished(); // a run of this window under way is not "unfinished"
}

void RestoreLauncher::noteEvent(const QJsonObject &e)
{
    if (e.value("event"_L1).toString() != restore::ev::Scaled)
        return;
    const QString name = e.value("name"_L1).toString();
    if (e.value("to"_L1).toInt() == 0)
        m_stopped.insert(name);
    else
        m_stopped.remove(name);
}

restore::RestoreRunner *RestoreLauncher::activeRunner() const
{
    if (m_wizard && m_wizard->runner() && m_wizard->runner()->running())
        return m_wizard->runner();
    for (const auto &runner : m_runs)
        if (runner && runner->running())
            return runner;
    return nullptr;
}

bool RestoreLauncher::runInProgress() const
{
    return activeRunner() != nullptr;
}

bool RestoreLauncher::runAwaitingData() const
{
    return ((m_wizard && m_wizard->awaitingData()) || !m_awaitingJournal.isEmpty()) && !runInProgress();
}

QString RestoreLauncher::runAtStakeText() const
{
    const restore::RestoreRunner *runner = activeRunner();
    const bool database = !m_wizard || m_wizard->session()->plan.target == cell::RestoreTarget::Database;
    const QString store = database ? tr("database") : tr("data store");
    if (runner && !runner->componentsMayBeDown())
        return tr("A restore is running on cell %1: its pre-flight is under way; no component is stopped and nothing was written.\n\n"
                  "Roll back and close ends it and closes the window; Keep running leaves the window open.").arg(m_runCell);
    QStringList names = m_stopped.values();
    names.sort();
    const restore::DataState data = runner ? runner->dataState() : restore::DataState::Awaiting;
    QString phase;
    if (data == restore::DataState::Awaiting)
        phase = tr("They wait for your data step; this program wrote nothing to the %1. Close keeps them stopped: the next start offers to finish or roll back the run.").arg(store);
    else if (data == restore::DataState::Done)
        phase = tr("The %1 was restored; the components are being started again.").arg(store);
    else if (!restore::mayHaveWritten(data))
        phase = tr("The data step has not begun: nothing was written to the %1.").arg(store);
    else
        phase = tr("The data step is under way: the %1 may already be partly restored. A rollback starts the components on the %1 as it is now, and the report says so.").arg(store);
    const QString stopped = names.size() == 1 ? tr("1 component is stopped") : tr("%1 components are stopped").arg(names.size());
    return tr("A restore is running on cell %1: %2 (%3).").arg(m_runCell, stopped, names.join(u", "_s)) +
           u"\n\n"_s + phase + u"\n\n"_s +
           tr("Roll back and close returns every component to its recorded count, then closes the window; Keep running leaves the window open.");
}

void RestoreLauncher::cancelRunAndThen(std::function<void(const restore::RunOutcome &)> then, int boundMs)
{
    restore::RestoreRunner *runner = activeRunner();
    const bool awaiting = runAwaitingData();
    if (!runner && !awaiting) {
        then({});
        return;
    }
    m_rollingBack = true;
    // Whichever comes first, the run's end or the bound, answers; the other finds nothing left to call.
    auto once = std::make_shared<std::function<void(const restore::RunOutcome &)>>(std::move(then));
    auto answer = [once](const restore::RunOutcome &o) {
        if (auto f = std::exchange(*once, nullptr))
            f(o);
    };
    if (awaiting && !m_awaitingJournal.isEmpty() && !(m_wizard && m_wizard->awaitingData())) {
        resume(std::exchange(m_awaitingJournal, QString()), true, answer);
    } else if (m_wizard && (awaiting || runner == m_wizard->runner())) {
        QPointer<RestoreWizard> wizard(m_wizard);
        connect(m_wizard, &RestoreWizard::runFinished, this, [wizard, answer] { answer(wizard ? wizard->outcome() : restore::RunOutcome{}); });
        m_wizard->rollBack(); // nothing new when the admin already chose Roll back: the rollback runs
    } else {
        connect(runner, &restore::RestoreRunner::finished, this, answer);
        runner->cancel();
    }
    QTimer::singleShot(boundMs, this, [this, answer, boundMs] {
        restore::RunOutcome o;
        o.exitCode = restore::ExitFailed;
        o.message = tr("The rollback did not finish within %1 min; components may still be stopped. Its journal keeps the run: "
                       "the next start of eic-restore (or eicctl resume --abort) finishes it.").arg(boundMs / 60000);
        answer(o);
    });
}

void RestoreLauncher::closeWizard()
{
    // Hidden, not closed: a close would ask again about a run the window has already decided on.
    if (m_wizard) {
        m_wizard->hide();
        m_wizard->deleteLater();
    }
}

void RestoreLauncher::startUnattended(cell::RestoreTarget target, const QString &dataCommand)
{
    if (!m_cell->session()) {
        spdlog::error("test autorun: no cell is open");
        return;
    }
    // Its own client, as the wizard's: the dashboard's watches occupy the shared one's connections.
    auto *client = new kube::KubeClient(m_cell->session()->client->context(), this);
    restore::PlanInput in;
    in.target = target;
    in.mode = restore::DataMode::External;
    in.ns = client->context().ns.isEmpty() ? u"edge-icell"_s : client->context().ns;
    in.context = client->context().context;
    in.dataCommand = dataCommand;
    restore::surveyCell(client, in, {}, this, [this, client](const Result<restore::PlanInput> &surveyed) {
        if (!surveyed) {
            spdlog::error("test autorun: {}", surveyed.error().toString().toStdString());
            return;
        }
        restore::RunRequest request;
        request.plan = restore::RestorePlanner::plan(*surveyed);
        request.accepted = request.plan.cautionIds();
        request.operatorName = operatorName();
        request.host = QHostInfo::localHostName();
        request.appVersion = QStringLiteral(EIC_VERSION);
        auto *runner = new restore::RestoreRunner(client, this);
        track(runner);
        client->setParent(runner);
        m_runCell = tr("%1 (context %2)").arg(request.plan.ns, request.plan.context);
        connect(runner, &restore::RestoreRunner::finished, this, [this](const restore::RunOutcome &o) {
            spdlog::info("test autorun finished: {} {}", o.outcome.toStdString(), o.message.toStdString());
            m_window->statusBar()->showMessage(o.message);
        });
        spdlog::info("test autorun: restore of the {} started", restore::targetName(request.plan.target).toStdString());
        runner->start(request);
    });
}

void RestoreLauncher::resume(const QString &journal, bool rollBack, std::function<void(const restore::RunOutcome &)> then)
{
    resume(journal, rollBack ? restore::ResumeCommand::Abort : restore::ResumeCommand::Resume, std::move(then));
}

void RestoreLauncher::resume(const QString &journal, restore::ResumeCommand command, std::function<void(const restore::RunOutcome &)> then)
{
    auto state = restore::JournalState::load(journal);
    if (!state) {
        MessageBox::warning(m_window, tr("Unfinished restore"), state.error().message);
        return;
    }
    // A run that restores a backup writes into its store again: the open profile's stores, with
    // their passwords from the keychain, or asked for (a rollback writes nothing there).
    m_secrets->storeAccess(m_cell->profileId(), [this, journal, command, then, run = *state](const profiles::Profile *, const restore::StoreAccess &found) {
        auto go = [this, journal, command, then](const restore::StoreAccess &stores) {
            if (!m_cell->session())
                return;
            auto *runner = new restore::RestoreRunner(m_cell->session()->client.get(), this);
            track(runner);
            connect(runner, &restore::RestoreRunner::finished, this, [this](const restore::RunOutcome &o) {
                m_window->statusBar()->showMessage(o.message, 15000);
                if (!m_rollingBack) // quitting: nobody waits for a dialog, the log says it
                    MessageBox::information(m_window, tr("Unfinished restore"), o.message);
            });
            if (then)
                connect(runner, &restore::RestoreRunner::finished, this, then);
            restore::RunRequest request;
            request.operatorName = operatorName();
            request.host = QHostInfo::localHostName();
            request.store = stores;
            runner->resume(journal, request, command);
        };
        if (command == restore::ResumeCommand::Abort)
            return go(found);
        completeStoreAccess(run, found, go);
    });
}

void RestoreLauncher::completeStoreAccess(const restore::JournalState &run, restore::StoreAccess stores, std::function<void(const restore::StoreAccess &)> then)
{
    const bool database = run.plan.target == cell::RestoreTarget::Database;
    const profiles::Profile *profile = m_workspace->profiles && !m_cell->profileId().isEmpty() ? m_workspace->profiles->find(m_cell->profileId()) : nullptr;
    if (!profile || !m_workspace->secrets || (database ? !stores.database : !stores.datastore))
        return then(stores); // no store to reach: the runner says what that leaves unchecked, or refuses
    const QString key = profiles::secretKey(profile->id, database ? profiles::SecretKind::DatabasePassword : profiles::SecretKind::DatastorePassword);
    const QString where = database ? u"%1:%2/%3"_s.arg(stores.database->host).arg(stores.database->port).arg(stores.database->dbname)
                                   : profile->datastore.hosts.join(u", "_s);
    const QString profileName = profile->name;
    m_workspace->secrets->read(key, this, [this, run, stores, then, where, profileName](const Result<QString> &saved) mutable {
        if (saved)
            return then(stores);
        auto *dialog = new QInputDialog(m_window);
        dialog->setObjectName(u"storePasswordDialog"_s);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setWindowTitle(tr("Store password"));
        dialog->setLabelText(tr("Resuming run %1 needs the %2's password: the profile %3 has none saved for %4.\n\n"
                                "Password for this run only (it is not saved; empty if the %2 needs none):")
                                 .arg(run.runId, storeWord(run), profileName, where));
        dialog->setTextEchoMode(QLineEdit::Password);
        dialog->setWindowModality(Qt::WindowModal);
        const bool forDatabase = run.plan.target == cell::RestoreTarget::Database;
        connect(dialog, &QInputDialog::textValueSelected, this, [stores, then, forDatabase](const QString &password) mutable {
            if (forDatabase)
                stores.database->password = password;
            else
                stores.datastore->password = password;
            then(stores);
        });
        connect(dialog, &QDialog::rejected, this, [this, run] {
            m_window->statusBar()->showMessage(tr("Resume of run %1 cancelled: nothing was changed.").arg(run.runId), 15000);
        });
        dialog->open();
    });
}

} // namespace eic::ui
