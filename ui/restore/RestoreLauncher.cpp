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

#include <QFile>
#include <QHostInfo>
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
    m_wizard = wizard;
    m_runCell = tr("%1 (context %2)").arg(c.ns, c.context);
    connect(wizard, &RestoreWizard::runEvent, this, &RestoreLauncher::noteEvent);
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
    wizard->input.target = target;
    wizard->input.mode = restore::DataMode::Archive;
    wizard->input.archive = path;
    // Once, when the plan page first shows this target: a later choice of the admin stands.
    auto preset = std::make_shared<bool>(true);
    connect(wizard, &QWizard::currentIdChanged, wizard, [wizard, path, target, preset](int id) {
        auto *plan = id == RestoreWizard::PlanPage ? qobject_cast<PlanWizardPage *>(wizard->page(id)) : nullptr;
        if (!plan || wizard->input.target != target || !std::exchange(*preset, false))
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
    });
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
    const bool database = !m_wizard || m_wizard->plan.target == cell::RestoreTarget::Database;
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
    // A run that restores a backup writes into its store again: the open profile's stores, with
    // their passwords from the keychain (without them the runner refuses and says so).
    m_secrets->storeAccess(m_cell->profileId(), [this, journal, rollBack, then](const profiles::Profile *, const restore::StoreAccess &stores) {
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
        request.store = stores;
        runner->resume(journal, request, rollBack, false);
    });
}

} // namespace eic::ui
