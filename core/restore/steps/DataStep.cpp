#include "DataStep.h"

#include "stores/StoreProbe.h"
#include "stores/postgres/PgRestore.h"
#include "stores/redis/RedisJobs.h"

#include <QJsonArray>
#include <QProcess>

#include <csignal>

using namespace Qt::StringLiterals;

namespace eic::restore {

void DataStep::run(Done done)
{
    m_done = std::move(done);
    m_run.data = DataState::Started;
    writer().log(ev::DataStarted, {{"mode"_L1, modeName(m_run.plan.mode)}});
    switch (m_run.plan.mode) {
    case DataMode::External:
        if (!m_run.plan.dataCommand.isEmpty())
            return runCommand();
        // The admin restores now; the run ends here and `continue` takes it on.
        m_run.data = DataState::Awaiting;
        writer().log(ev::DataAwaiting, {{"instructions"_L1, QJsonArray::fromStringList(m_run.plan.dataInstructions)}});
        return m_done(true);
    case DataMode::Archive:
        if (!m_run.hasStore())
            return finished(Error{tr("The backup cannot be restored without a connection to the %1: give --%2 or --profile. Nothing was written.")
                                      .arg(m_run.storeWord(), m_run.database() ? u"database"_s : u"datastore"_s),
                                  {}, 0},
                            DataState::NotDone, {});
        return m_run.database() ? restoreDatabase() : restoreDatastore();
    case DataMode::NewInstance:
        return newInstance();
    }
}

void DataStep::cancel()
{
    if (m_cancel)
        m_cancel();
}

void DataStep::childStarted(const util::ChildRecord &child)
{
    m_run.children.append(child);
    writer().log(ev::ChildStarted, child.toJson());
}

void DataStep::childEnded(qint64 pid, QJsonObject fields)
{
    m_run.children.removeIf([pid](const util::ChildRecord &c) { return c.pid == pid; });
    fields["pid"_L1] = pid;
    writer().log(ev::ChildEnded, fields);
}

void DataStep::runCommand()
{
    auto *process = new QProcess(this);
    process->setProgram(u"/bin/sh"_s);
    process->setArguments({u"-c"_s, m_run.plan.dataCommand});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"EIC_RESTORE_RUN"_s, writer().runId());
    env.insert(u"EIC_RESTORE_TARGET"_s, targetName(m_run.plan.target));
    process->setProcessEnvironment(env);
    // The admin's command behaves as in a terminal, in a process group of its own that dies with us.
    util::makeRunChild(process);
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->setStandardOutputFile(QProcess::nullDevice());
    m_cancel = [process] {
        if (process->processId() > 0)
            ::kill(-static_cast<pid_t>(process->processId()), SIGTERM);
    };
    auto pid = std::make_shared<qint64>(0); // processId() is 0 again once it finished
    connect(process, &QProcess::started, this, [this, process, pid] {
        *pid = process->processId();
        if (const auto child = util::recordOf(*process))
            childStarted(*child);
    });
    connect(process, &QProcess::finished, this, [this, process, pid](int code, QProcess::ExitStatus status) {
        childEnded(*pid, {{"exitCode"_L1, code}});
        process->deleteLater();
        m_cancel = {};
        if (status == QProcess::NormalExit && code == 0)
            return finished(true, DataState::Done, {{"exitCode"_L1, 0}});
        finished(Error{status == QProcess::NormalExit ? tr("The data command exited with status %1: the store may be partly restored.").arg(code)
                                                      : tr("The data command was killed: the store may be partly restored."),
                       {}, 0},
                 DataState::Unknown, {{"exitCode"_L1, code}});
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
        if (e != QProcess::FailedToStart)
            return;
        process->deleteLater();
        m_cancel = {};
        finished(Error{tr("The data command could not be started: %1").arg(process->errorString()), {}, 0}, DataState::NotDone, {});
    });
    process->start();
}

void DataStep::restoreDatabase()
{
    auto *job = new stores::PgRestore(this);
    stores::PgRestore::Options o;
    o.connection = *m_run.access().database;
    o.backupDir = m_run.plan.archive;
    o.terminateSessions = m_run.req.accepted.contains(u"terminate-sessions"_s);
    o.verified = m_run.archiveFingerprint;
    o.childStarted = [this](const util::ChildRecord &child) { childStarted(child); };
    m_cancel = [job] { job->cancel(); };
    connect(job, &stores::PgRestore::finished, this, [this, job](const Result<stores::RestoreOutcome> &r) {
        for (const util::ChildRecord &c : std::as_const(m_run.children))
            childEnded(c.pid, {});
        job->deleteLater();
        m_cancel = {};
        if (!r)
            return finished(r.error(), job->databaseChanged() ? DataState::PartlyDone : DataState::NotDone, {});
        finished(true, DataState::Done, {{"details"_L1, r->toJson()}});
    });
    job->start(o);
}

void DataStep::restoreDatastore()
{
    auto *runner = new stores::RedisJobRunner(this);
    m_cancel = [runner] { runner->cancel(); };
    connect(runner, &stores::RedisJobRunner::progress, this, [this](const stores::RedisProgress &p) {
        writer().live(ev::DataProgress, {{"phase"_L1, p.phase}, {"keys"_L1, static_cast<qint64>(p.keys)}, {"keysTotal"_L1, static_cast<qint64>(p.keysTotal)},
                                         {"keysPerSecond"_L1, p.keysPerSecond}, {"etaSeconds"_L1, p.etaSeconds}});
    });
    connect(runner, &stores::RedisJobRunner::restoreFinished, this, [this, runner](const Result<stores::RedisRestoreResult> &r) {
        runner->deleteLater();
        m_cancel = {};
        if (!r)
            return finished(r.error(), r.error().code == stores::RedisRestore::PreflightFailed ? DataState::NotDone : DataState::PartlyDone, {});
        finished(true, DataState::Done, {{"details"_L1, r->toJson()}});
    });
    runner->startRestore({*m_run.access().datastore, m_run.plan.archive, true, 2000});
}

void DataStep::newInstance()
{
    const Result<bool> updated = m_run.req.updateProfile ? m_run.req.updateProfile() : Result<bool>(true);
    if (!updated)
        return finished(updated.error(), DataState::NotDone, {});
    finished(true, DataState::Done, {{"profileUpdated"_L1, static_cast<bool>(m_run.req.updateProfile)}});
}

void DataStep::finished(const Result<bool> &r, DataState ifFailed, QJsonObject details)
{
    // An attempt that wrote nothing does not undo what an interrupted earlier one may have written.
    DataState state = r ? DataState::Done : ifFailed;
    if (!r && state == DataState::NotDone && mayHaveWritten(m_run.dataBefore))
        state = DataState::PartlyDone;
    m_run.data = state;
    details["ok"_L1] = r.ok();
    details["state"_L1] = dataStateName(state);
    if (!r)
        details["message"_L1] = r.error().message;
    writer().log(ev::DataFinished, details);
    if (!r)
        return m_done(r);
    checkWrites();
}

// After the data step the store must accept writes: not in recovery, not LOADING, a primary.
void DataStep::checkWrites()
{
    const QString check = u"store accepts writes"_s;
    if (!m_run.hasStore()) {
        writer().check(check, CheckOutcome::NotChecked, tr("no store connection given"));
        return m_done(true);
    }
    auto probe = m_run.probe();
    probe->setParent(this);
    auto *p = probe.release();
    p->acceptsWrites([this, p, check](const Result<bool> &r) {
        p->deleteLater();
        writer().check(check, r ? CheckOutcome::Passed : CheckOutcome::Failed, r ? QString() : r.error().message);
        m_run.storeAcceptsWrites = r.ok();
        m_done(r);
    });
}

} // namespace eic::restore
