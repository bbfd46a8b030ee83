#include "DataStep.h"

#include "stores/StoreProbe.h"
#include "stores/postgres/PgRestore.h"
#include "stores/redis/RedisJobs.h"
#include "util/Background.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>

#include <openssl/evp.h>

#include <csignal>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

// OpenSSL's SHA-256 of a file (what sha256sum prints); empty when it cannot be read or was cancelled.
QString sha256OfFile(const QString &path, const std::shared_ptr<std::atomic_bool> &cancelled)
{
    QFile f(path);
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!f.open(QIODevice::ReadOnly) || !ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return {};
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (qint64 n = 0; (n = f.read(buffer.data(), buffer.size())) != 0;) {
        if (n < 0 || cancelled->load())
            return {};
        EVP_DigestUpdate(ctx.get(), buffer.constData(), static_cast<size_t>(n));
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length)).toHex());
}

// What identifies the backup a run restores, for its report: where it is, when it was taken,
// its size and SHA-256. A backup folder: its manifest's times and sizes, and the SHA-256 of
// manifest.json (which holds every file's); a file: the SHA-256 of the file, from a
// <file>.sha256 the pre-flight checked or else `*toHash` names the file to hash.
QJsonObject describeBackup(const QString &path, QString *toHash)
{
    const QFileInfo info(path);
    QJsonObject b{{"path"_L1, info.absoluteFilePath()}};
    if (info.isDir()) {
        if (const auto m = stores::BackupManifest::read(path)) {
            b["takenAt"_L1] = m->started.toUTC().toString(Qt::ISODateWithMs);
            b["bytes"_L1] = m->totalBytes();
        }
        QFile manifest(QDir(path).filePath(u"manifest.json"_s));
        if (manifest.open(QIODevice::ReadOnly))
            b["sha256"_L1] = QString::fromLatin1(QCryptographicHash::hash(manifest.readAll(), QCryptographicHash::Sha256).toHex());
        b["sha256Of"_L1] = u"manifest.json"_s;
        return b;
    }
    b["bytes"_L1] = info.size();
    b["sha256Of"_L1] = info.fileName();
    stores::RedisBackupStream stream;
    const auto header = path.endsWith(u".eicrdb"_s) ? stream.open(path) : Result<QJsonObject>(QJsonObject());
    if (header && header->contains("created"_L1)) {
        b["takenAt"_L1] = header->value("created"_L1);
    } else {
        b["takenAt"_L1] = info.lastModified().toUTC().toString(Qt::ISODateWithMs);
        b["takenAtFrom"_L1] = u"file modified"_s;
    }
    QFile sidecar(path + u".sha256"_s);
    if (sidecar.open(QIODevice::ReadOnly))
        b["sha256"_L1] = QString::fromLatin1(sidecar.read(4096)).section(u' ', 0, 0).trimmed().toLower();
    else
        *toHash = info.absoluteFilePath();
    return b;
}

} // namespace

void DataStep::run(Done done)
{
    m_done = std::move(done);
    m_run.data = DataState::Started;
    QJsonObject started{{"mode"_L1, modeName(m_run.plan.mode)}};
    if (m_run.plan.mode == DataMode::Archive && !m_run.plan.archive.isEmpty()) {
        QString toHash;
        started["backup"_L1] = describeBackup(m_run.plan.archive, &toHash);
        if (!toHash.isEmpty())
            hashBackup(toHash);
    }
    writer().log(ev::DataStarted, started);
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

// The file's SHA-256 on a thread of its own while the restore runs (it reads the file too): no
// downtime added. data-finished carries it as backupSha256.
void DataStep::hashBackup(const QString &path)
{
    m_hashing = true;
    runInBackground<QString>(this, [path, cancelled = m_run.cancelled] { return sha256OfFile(path, cancelled); }, [this](QString sha) {
        m_hashing = false;
        m_backupSha256 = sha;
        if (auto then = std::exchange(m_afterHash, {}))
            then();
    });
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
    // A restore that succeeded waits for its backup's SHA-256 (rarely: the hash is quicker);
    // a failure does not wait for it.
    if (r && m_hashing) {
        m_afterHash = [this, r, ifFailed, details] { finished(r, ifFailed, details); };
        return;
    }
    if (!m_backupSha256.isEmpty())
        details["backupSha256"_L1] = m_backupSha256;
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
