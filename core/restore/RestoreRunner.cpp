#include "RestoreRunner.h"

#include "CellIdentity.h"
#include "Rollback.h"
#include "kube/ClusterWatch.h"
#include "kube/DeploymentScaler.h"
#include "kube/KubeClient.h"
#include "kube/KubeConfig.h"
#include "kube/LeaseLock.h"
#include "steps/QuiesceStep.h"
#include "steps/Step.h"
#include "stores/StoreProbe.h"
#include "util/PrivateDir.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QTimer>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

// A refusal's sentence says "Nothing was changed." once: the error it carries may say it already.
QString nothingChanged(const QString &message)
{
    const QString said = RestoreRunner::tr(" Nothing was changed.");
    return message.contains(said.trimmed()) ? message : message + said;
}

} // namespace

RestoreRunner::RestoreRunner(kube::KubeClient *client, QObject *parent)
    : QObject(parent)
    // A connection pool of its own: the dashboard's long-running watches hold most of a shared
    // client's connections to the API server (six per host), and a scale must never queue behind them.
    , m_client(new kube::KubeClient(client->context(), this))
{
    qRegisterMetaType<RunOutcome>();
    m_run.client = m_client;
    m_run.writer = new RunWriter(this);
    connect(m_run.writer, &RunWriter::event, this, &RestoreRunner::event);
}

RestoreRunner::~RestoreRunner() = default;

bool RestoreRunner::componentsMayBeDown() const
{
    return running() && m_stopped;
}

void RestoreRunner::bind(const QString &ns, const QString &holder)
{
    m_running = true;
    m_run.ns = ns;
    m_run.holder = holder;
    m_scaler = std::make_unique<kube::DeploymentScaler>(m_client, ns);
    m_run.scaler = m_scaler.get();
    m_run.lock = new kube::LeaseLock(*m_scaler, kLeaseName, holder, m_run.req.leaseDurationSeconds, this);
    m_run.watch = new kube::ClusterWatch(m_client, ns, this);
}

// ---------------------------------------------------------------------------------- a new run

void RestoreRunner::start(const RunRequest &request)
{
    m_run.req = request;
    m_run.plan = request.plan;
    const RestorePlan &plan = m_run.plan;
    if (!kube::isDnsLabel(plan.ns))
        return finish(PreflightFailed, tr("\"%1\" is not a valid namespace name.").arg(plan.ns));
    if (!plan.refusal.isEmpty())
        return finish(PreflightFailed, plan.refusal);
    // The suggestion names what is required; an optional caution (terminate-sessions ends
    // sessions) is the admin's own decision, never pasted in by accident.
    QStringList missing, required, optional;
    for (const Caution &c : plan.cautions) {
        (c.required() ? required : optional).append(c.id);
        if (c.required() && !request.accepted.contains(c.id))
            missing.append(c.id);
    }
    if (!missing.isEmpty())
        return finish(CautionMissing, tr("Not acknowledged: %1. Read them (eicctl plan) and pass --accept %2 to go on%3. Nothing was changed.")
                                          .arg(missing.join(u", "_s), required.join(u','),
                                               optional.isEmpty() ? QString() : tr(" (optional, add it only if you mean it: %1)").arg(optional.join(u", "_s))));
    if (const QStringList open = Journal::unfinished(); !open.isEmpty())
        return finish(NeedsResume, tr("An interrupted restore (%1) must be finished first: eicctl resume, or eicctl abort to roll it back. Nothing was changed.")
                                       .arg(QFileInfo(open.first()).completeBaseName()));
    const QString runId = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s) + u'-'
                        + QString::number(QRandomGenerator::global()->bounded(0x10000), 16).rightJustified(4, u'0');
    auto journal = Journal::create(runId);
    if (!journal)
        return finish(PreflightFailed, journal.error().message);
    m_run.writer->attach(std::move(journal.value()));
    bind(plan.ns, u"%1 %2@%3"_s.arg(runId, request.operatorName, request.host));
    const QJsonObject started = m_run.writer->log(
        ev::RunStarted, {{"runId"_L1, runId}, {"plan"_L1, plan.toJson()}, {"operator"_L1, request.operatorName}, {"host"_L1, request.host},
                         {"appVersion"_L1, request.appVersion}, {"context"_L1, plan.context}, {"namespace"_L1, plan.ns},
                         {"profile"_L1, request.profile}, {"storeAddress"_L1, request.storeAddress}, {"storeCaFile"_L1, request.storeCaFile},
                         {"accepted"_L1, QJsonArray::fromStringList(request.accepted)}, {"target"_L1, targetName(plan.target)},
                         {"mode"_L1, modeName(plan.mode)}, {"ticket"_L1, ticketText(request.ticket)},
                         {"workspaceMark"_L1, workspaceMarkText(request.workspaceMark)}});
    // "at": when the admin ticked it (the wizard knows); eicctl's --accept counts from the run's start.
    const QString runStart = started.value("t"_L1).toString();
    for (const Caution &c : plan.cautions)
        if (request.accepted.contains(c.id)) {
            const QDateTime ticked = request.acknowledgedAt.value(c.id);
            m_run.writer->log(ev::CautionAcknowledged, {{"id"_L1, c.id}, {"by"_L1, request.operatorName}, {"text"_L1, c.text}, {"numbers"_L1, c.numbers},
                                                        {"at"_L1, ticked.isValid() ? ticked.toUTC().toString(Qt::ISODateWithMs) : runStart}});
        }
    m_run.watch->start();
    runStep(0);
}

void RestoreRunner::dryRun(const RunRequest &request)
{
    m_run.req = request;
    m_run.plan = request.plan;
    m_run.dryRun = true;
    if (!m_run.plan.refusal.isEmpty())
        return finish(PreflightFailed, m_run.plan.refusal);
    bind(m_run.plan.ns, u"dry-run %1@%2"_s.arg(request.operatorName, request.host));
    Step *step = Step::make(u"preflight"_s, m_run, this);
    m_current = step;
    step->run([this, step](const Result<bool> &ok) {
        step->deleteLater();
        m_current = nullptr;
        if (!ok)
            return finish(PreflightFailed, nothingChanged(ok.error().message));
        finish(Done, tr("Pre-flight passed; nothing was changed."));
    });
}

// ---------------------------------------------------------------------------------- the loop

qsizetype RestoreRunner::indexOf(const QString &stepId) const
{
    for (qsizetype i = 0; i < m_run.plan.steps.size(); ++i)
        if (m_run.plan.steps.at(i).id == stepId)
            return i;
    return -1;
}

void RestoreRunner::runStep(qsizetype index)
{
    if (m_finished || m_rollback)
        return;
    if (index < 0)
        return rollback(u"internal error: the plan has no such step"_s);
    if (index >= m_run.plan.steps.size())
        return complete();
    const QString id = m_run.plan.steps.at(index).id;
    Step *step = Step::make(id, m_run, this);
    if (!step)
        return rollback(u"internal error: no step \"%1\""_s.arg(id));
    m_current = step;
    m_currentId = id;
    m_stopped = m_stopped || id == "stop"_L1;
    m_run.writer->log(ev::StepStarted, {{"step"_L1, id}});
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    step->run([this, index, step, clock](const Result<bool> &r) { stepEnded(index, step, r, static_cast<double>(clock->elapsed()) / 1000.0); });
}

void RestoreRunner::stepEnded(qsizetype index, Step *step, const Result<bool> &r, double seconds)
{
    if (m_current != step) // cancelled: the rollback has taken over
        return;
    m_current = nullptr;
    step->deleteLater();
    const QString id = m_run.plan.steps.at(index).id;
    if (!r && id == "preflight"_L1)
        return preflightFailed(r.error());
    if (!r) {
        m_run.writer->log(ev::StepFailed, {{"step"_L1, id}, {"message"_L1, r.error().message}});
        return rollback(r.error().message);
    }
    if (m_run.writer->error())
        return rollback(m_run.writer->error()->message);
    // The data step is the admin's now: it is not finished, and `continue` takes it on.
    if (id == "data"_L1 && m_run.data == DataState::Awaiting) {
        m_run.lock->stopRenewing();
        Q_EMIT awaitingData(m_run.plan.dataInstructions);
        return finish(NeedsResume, tr("The components are stopped. Restore the %1 now with your provider's tooling, then run: eicctl continue (or eicctl abort to start them again without a restore).")
                                       .arg(m_run.storeWord()));
    }
    m_run.writer->log(ev::StepFinished, {{"step"_L1, id}, {"seconds"_L1, seconds}});
    runStep(index + 1);
}

void RestoreRunner::preflightFailed(const Error &error)
{
    m_run.writer->log(ev::PreflightFailed, {{"message"_L1, error.message}});
    m_run.lock->release(this, [this, error](const Result<bool> &) {
        m_run.writer->log(ev::RunFinished, {{"outcome"_L1, ev::PreflightFailedOutcome}, {"message"_L1, error.message}});
        finish(PreflightFailed, nothingChanged(error.message), ev::PreflightFailedOutcome);
    });
}

void RestoreRunner::complete()
{
    const bool left = !m_run.leftovers.isEmpty();
    const QString outcome = left ? QString(ev::CompleteWithLeftovers) : QString(ev::Complete);
    m_run.writer->log(ev::RunFinished, {{"outcome"_L1, outcome}, {"downtimeSeconds"_L1, m_run.downtime}, {"dataStep"_L1, dataStateName(m_run.data)},
                                        {"notChecked"_L1, QJsonArray::fromStringList(m_run.notChecked)}, {"leftovers"_L1, QJsonArray::fromStringList(m_run.leftovers)}});
    QString message = m_run.plan.mode == DataMode::NewInstance
                        ? tr("The profile now points to the new instance, and it accepts writes. Change the cell's connection properties in Edge Lifecycle Management.")
                        : m_run.storeAcceptsWrites
                              ? tr("Restore complete: the %1 was restored and every component is back at its recorded count (down for %2 s).")
                                    .arg(m_run.storeWord()).arg(m_run.downtime, 0, 'f', 1)
                              // Without a connection the store was never looked at: say what is known.
                              : tr("Restore complete: the data step succeeded and every component is back at its recorded count (down for %2 s); the %1 itself was not checked.")
                                    .arg(m_run.storeWord()).arg(m_run.downtime, 0, 'f', 1);
    if (left)
        message = tr("Restored, but left behind: %1. %2").arg(m_run.leftovers.join(u"; "_s), message.section(u':', 1).trimmed());
    if (!m_run.notChecked.isEmpty())
        message += tr(" Not checked: %1.").arg(m_run.notChecked.join(u"; "_s));
    finish(left ? LeftBehind : Done, message, outcome);
}

// ---------------------------------------------------------------------------------- cancel, rollback

void RestoreRunner::cancel()
{
    if (m_finished || !m_running)
        return;
    if (m_rollback || m_cancelled) {
        m_run.writer->log(ev::Warning, {{"message"_L1, tr("The rollback is under way and is not interrupted: it brings every component back to its recorded count.")}});
        return;
    }
    m_cancelled = true;
    *m_run.cancelled = true;
    m_run.writer->log(ev::CancelRequested, {{"step"_L1, m_currentId}});
    // From the event loop, never from inside a step's own call: the step can then be deleted at once.
    QTimer::singleShot(0, this, &RestoreRunner::cancelNow);
}

void RestoreRunner::endSessions()
{
    auto *quiesce = qobject_cast<QuiesceStep *>(m_current);
    if (m_finished || m_cancelled || !quiesce)
        return;
    const QString id = u"terminate-sessions"_s;
    if (!m_run.req.accepted.contains(id)) {
        m_run.req.accepted.append(id);
        m_run.writer->log(ev::CautionAcknowledged, {{"id"_L1, id}, {"by"_L1, m_run.req.operatorName},
                                                    {"text"_L1, tr("End these sessions: asked during the wait for the stopped components' sessions.")},
                                                    {"at"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}});
    }
    quiesce->endNow();
}

void RestoreRunner::cancelNow()
{
    if (m_finished || m_rollback)
        return;
    const bool inPreflight = m_currentId == "preflight"_L1 && m_run.recorded.isEmpty();
    if (Step *step = std::exchange(m_current, nullptr)) {
        step->cancel();
        delete step; // its waits, timers, connections and pending answers go with it
    }
    if (!inPreflight)
        return rollback(tr("The restore was cancelled."));
    m_run.lock->release(this, [this](const Result<bool> &) {
        m_run.writer->log(ev::RunFinished, {{"outcome"_L1, ev::Cancelled}, {"dataStep"_L1, dataStateName(m_run.data)}});
        finish(Failed, tr("The restore was cancelled during the pre-flight. Nothing was changed."), ev::Cancelled);
    });
}

void RestoreRunner::rollback(const QString &reason)
{
    if (m_rollback || m_finished)
        return;
    if (Step *step = std::exchange(m_current, nullptr)) {
        step->cancel();
        step->deleteLater();
    }
    m_rollback = new Rollback(m_run, this);
    m_run.watch->start();
    m_rollback->run(reason, m_aborting, [this](const RunOutcome &o) { finish(o); });
}

void RestoreRunner::finish(int exitCode, const QString &message, const QString &outcome)
{
    finish(m_run.outcome(exitCode, message, outcome));
}

void RestoreRunner::finish(RunOutcome outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_run.lock)
        m_run.lock->stopRenewing();
    if (m_run.watch)
        m_run.watch->stop();
    Q_EMIT finished(outcome);
}


// ---------------------------------------------------------------------------------- resume

void RestoreRunner::resume(const QString &journalPath, const RunRequest &request, ResumeCommand command, const QString &expectedNamespace)
{
    auto state = JournalState::load(journalPath);
    if (!state)
        return finish(Failed, state.error().message);
    if (state->finished)
        return finish(Done, tr("The run %1 is already finished (%2).").arg(state->runId, state->outcome));
    const bool abort = command == ResumeCommand::Abort;
    m_run.req = request;
    m_run.plan = state->plan;
    m_run.req.plan = state->plan;
    // The run's own ticket and mark: its report reads them from run-started.
    m_run.req.ticket = state->start.value("ticket"_L1).toString();
    m_run.req.workspaceMark = state->start.value("workspaceMark"_L1).toString();
    // Acknowledgements of the run itself count again (they were journaled).
    m_run.req.accepted = state->accepted;
    for (const QString &extra : request.accepted)
        if (!m_run.req.accepted.contains(extra))
            m_run.req.accepted.append(extra);
    m_run.recorded = state->recorded;
    m_run.data = m_run.dataBefore = dataStateFromName(state->dataState);
    m_run.children = state->children;
    m_run.cellIdentity = state->cellIdentity;
    m_run.storeIdentity = state->storeIdentity;
    bind(m_run.plan.ns, u"%1 %2@%3"_s.arg(state->runId, request.operatorName, request.host));
    // An archive run whose data step is not done writes into its store again: without the store
    // (its connection, its password) nothing is touched, rather than stopping and rolling back.
    if (!abort && m_run.plan.mode == DataMode::Archive && m_run.data != DataState::Done && !m_run.hasStore())
        return finish(NeedsResume, tr("The run %1 restores a backup, and finishing it needs the %2's connection and password. Nothing was changed: give them (the profile, or eicctl resume --%3), or abort the run.")
                                       .arg(state->runId, m_run.storeWord(), m_run.database() ? u"database"_s : u"datastore"_s));
    const ResumeDecision decision = decideResume(*state, command);
    const JournalState replayed = *state;
    checkBinding(replayed, expectedNamespace, [this, replayed, journalPath, command, decision] {
        checkStoreBinding(replayed, [this, replayed, journalPath, command, decision] {
            auto journal = Journal::reopen(journalPath);
            if (!journal)
                return finish(Failed, journal.error().message);
            m_run.writer->attach(std::move(journal.value()));
            const ev::Name name = command == ResumeCommand::Abort ? ev::AbortStarted : command == ResumeCommand::Continue ? ev::ContinueStarted : ev::ResumeStarted;
            m_run.writer->log(name, {{"by"_L1, m_run.req.operatorName}, {"host"_L1, m_run.req.host}, {"dataStep"_L1, dataStateName(m_run.data)}});
            // The components have been down since the stop step began, in whichever process that was.
            if (replayed.downSince.isValid()) {
                m_run.downBeforeMs = std::max<qint64>(0, replayed.downSince.msecsTo(QDateTime::currentDateTimeUtc()));
                m_run.downClock.start();
            }
            m_stopped = !replayed.recorded.isEmpty();
            m_run.watch->start();
            endSurvivors([this, decision] {
                m_run.lock->acquire(this, [this, decision](const Result<bool> &locked) {
                    if (!locked)
                        return finish(NeedsResume, locked.error().message);
                    m_run.writer->log(ev::LockAcquired, {{"lease"_L1, kLeaseName}, {"holder"_L1, m_run.holder}});
                    observe([this, decision] { carryOut(decision); });
                });
            });
        });
    });
}

// Before anything is written or changed: this must be the run's cluster, namespace and deployments.
void RestoreRunner::checkBinding(const JournalState &state, const QString &expectedNamespace, std::function<void()> then)
{
    const QString ns = expectedNamespace.isEmpty() ? m_run.plan.ns : expectedNamespace;
    const kube::DeploymentScaler there(m_client, ns);
    // The deployments the run knew by UID (its pre-flight read them), and any it recorded.
    QStringList names = CellIdentity::fromJson(state.cellIdentity).deploymentUids.keys();
    for (const QString &name : m_run.names())
        if (!names.contains(name))
            names.append(name);
    CellIdentity::read(there, m_client->context(), names, this, [this, state, then](const Result<CellIdentity> &now) {
        const CellIdentity was = CellIdentity::fromJson(state.cellIdentity);
        const QString context = state.kubeContext.isEmpty() ? QString() : tr(" (its kubeconfig context was \"%1\")").arg(state.kubeContext);
        if (!now)
            return finish(NeedsResume, tr("The run %1 cannot be checked against this cell: %2 Nothing was changed.").arg(state.runId, now.error().message));
        if (state.cellIdentity.isEmpty()) {
            // A journal of an older version: only the namespace can be compared.
            m_run.notCheckedBecause(tr("the run's cell"), tr("its journal does not record the cluster's identity"));
            if (now->ns != m_run.plan.ns)
                return finish(NeedsResume, tr("The run %1 ran in namespace %2, not %3. Nothing was changed.").arg(state.runId, m_run.plan.ns, now->ns));
            return then();
        }
        if (const auto why = was.differs(*now))
            return finish(NeedsResume, tr("The run %1 belongs to another cell: %2. It was started on %3%4. Nothing was changed on this cell; "
                                          "run the command again with that cell's kubeconfig and namespace.")
                                           .arg(state.runId, *why, was.describe(), context));
        then();
    });
}

// The store this command reaches must be the run's (when both are known).
void RestoreRunner::checkStoreBinding(const JournalState &state, std::function<void()> then)
{
    if (state.storeIdentity.isEmpty() || !m_run.hasStore())
        return then();
    auto probe = m_run.probe();
    probe->setParent(this);
    auto *p = probe.release();
    p->identity(false, [this, p, state, then](const Result<stores::StoreIdentity> &now) {
        p->deleteLater();
        if (!now) // the store does not answer: resume's data step or checks say so in their turn
            return then();
        const stores::StoreIdentity was = stores::StoreIdentity::fromJson(state.storeIdentity);
        if (const auto why = was.differs(*now))
            return finish(NeedsResume, tr("The run %1 restores another %2: %3. Nothing was changed; give the run's store (%4), or its profile.")
                                           .arg(state.runId, m_run.storeWord(), *why, was.address));
        then();
    });
}

// A process of the interrupted run may have survived it: ended before anything starts. The
// group, not the leader alone: the parent-death signal kills pg_restore, never its workers.
void RestoreRunner::endSurvivors(std::function<void()> then)
{
    // With no process of the interrupted run left, the private folder of its password file goes too.
    then = [then = std::move(then)] {
        util::PrivateDir::sweep();
        then();
    };
    QList<util::ChildRecord> alive;
    for (const util::ChildRecord &c : std::as_const(m_run.children))
        if (util::groupAlive(c))
            alive.append(c);
    m_run.children = alive;
    if (alive.isEmpty())
        return then();
    auto left = std::make_shared<qsizetype>(alive.size());
    for (const util::ChildRecord &child : alive)
        util::endSurvivor(child, 2000, this, [this, child, left, then](bool gone) {
            m_run.children.removeIf([&child](const util::ChildRecord &c) { return c.pid == child.pid; });
            m_run.writer->log(ev::ChildEnded, {{"pid"_L1, child.pid}, {"program"_L1, child.program}, {"survivor"_L1, true}, {"gone"_L1, gone}});
            if (--*left == 0)
                then();
        });
}

// Re-read the cluster's real state; never assume it.
void RestoreRunner::observe(std::function<void()> then)
{
    kube::forEachAtOnce<QString>(m_run.names(), [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        m_scaler->read(name, this, [this, name, cb](const Result<int> &r) {
            if (!r)
                return cb(r.error());
            m_run.writer->log(ev::Observed, {{"name"_L1, name}, {"replicas"_L1, *r}, {"recorded"_L1, m_run.recorded.value(name)}});
            cb(true);
        });
    }, [this, then](const Result<bool> &observed) {
        if (!observed)
            return finish(NeedsResume, tr("The cluster cannot be read (%1); run the same command again when it answers.").arg(observed.error().message));
        then();
    });
}

void RestoreRunner::carryOut(const ResumeDecision &decision)
{
    using A = ResumeDecision::Action;
    switch (decision.action) {
    case A::AlreadyFinished:
        return finish(Done, tr("The run is already finished."));
    case A::RollBack:
        m_aborting = true;
        return rollback(tr("Aborted by %1.").arg(m_run.req.operatorName));
    case A::StillAwaiting:
        m_run.lock->stopRenewing();
        Q_EMIT awaitingData(m_run.plan.dataInstructions);
        return finish(NeedsResume, tr("The run waits for the data step: restore the store, then eicctl continue (or eicctl abort)."));
    case A::ConfirmThenStart:
        return confirmData();
    case A::RunFrom:
        return runStep(indexOf(decision.step));
    }
}

// The admin says the store is restored: it must accept writes before anything starts.
void RestoreRunner::confirmData()
{
    auto proceed = [this] {
        m_run.data = DataState::Done;
        m_run.writer->log(ev::DataFinished, {{"ok"_L1, true}, {"state"_L1, dataStateName(DataState::Done)}, {"confirmedBy"_L1, m_run.req.operatorName}});
        runStep(indexOf(u"start"_s));
    };
    if (!m_run.hasStore()) {
        m_run.notCheckedBecause(tr("the %1 itself: accepting writes").arg(m_run.storeWord()), tr("no store connection given"));
        m_run.writer->check(u"store accepts writes"_s, CheckOutcome::NotChecked, tr("no store connection given"));
        return proceed();
    }
    auto probe = m_run.probe();
    probe->setParent(this);
    auto *p = probe.release();
    p->acceptsWrites([this, p, proceed](const Result<bool> &writable) {
        p->deleteLater();
        m_run.writer->check(u"store accepts writes"_s, writable ? CheckOutcome::Passed : CheckOutcome::Failed, writable ? QString() : writable.error().message);
        m_run.storeAcceptsWrites = writable.ok();
        if (writable)
            return proceed();
        // The run still waits for the data step: the admin may confirm again.
        QString why = writable.error().message;
        if (why.endsWith(u'.'))
            why.chop(1);
        m_run.writer->log(ev::Warning, {{"message"_L1, tr("%1 — the components stay stopped; confirm again once the store accepts writes.").arg(why)}});
        m_run.lock->stopRenewing();
        Q_EMIT awaitingData(m_run.plan.dataInstructions);
        finish(NeedsResume, tr("The store does not accept writes yet (%1). When it does, confirm again (eicctl continue); eicctl abort starts the components without a restore.")
                                .arg(writable.error().message));
    });
}

void RestoreRunner::abortFromAnnotations(const QString &ns)
{
    m_aborting = true;
    bind(ns, u"abort-%1 %2@%3"_s.arg(QDateTime::currentDateTimeUtc().toString(u"yyyyMMddHHmmss"_s), m_run.req.operatorName, m_run.req.host));
    m_run.lock->acquire(this, [this](const Result<bool> &locked) {
        if (!locked)
            return finish(NeedsResume, locked.error().message + tr(" If you are sure that run is gone, remove its lock (kubectl -n %1 delete lease %2) and run eicctl abort again.").arg(m_run.ns, kLeaseName));
        m_scaler->call("GET", u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(m_run.ns), {}, {}, this, [this](const Result<QJsonObject> &list) {
            if (!list)
                return m_run.lock->release(this, [this, list](const Result<bool> &) { finish(Failed, list.error().message); });
            for (const QJsonValue &v : list->value("items"_L1).toArray()) {
                const QJsonObject meta = v.toObject().value("metadata"_L1).toObject();
                bool ok = false;
                const int n = meta.value("annotations"_L1).toObject().value(kAnnotation).toString().toInt(&ok);
                if (ok && n >= 0)
                    m_run.recorded.insert(meta.value("name"_L1).toString(), n);
            }
            if (m_run.recorded.isEmpty())
                return m_run.lock->release(this, [this](const Result<bool> &) {
                    finish(Done, tr("Nothing to roll back: no journal of an unfinished run, and no deployment in %1 carries %2.").arg(m_run.ns, kAnnotation));
                });
            rollback(tr("No journal was found; the counts come from the annotations %1.").arg(kAnnotation));
        });
    });
}

} // namespace eic::restore
