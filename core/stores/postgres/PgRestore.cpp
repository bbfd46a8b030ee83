#include "PgRestore.h"

#include "util/Background.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimer>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {
QString quoteIdent(const QString &s)
{
    return u'"' + QString(s).replace(u'"', "\"\""_L1) + u'"';
}
} // namespace

Result<bool> PgRestore::verifySidecarChecksum(const QString &archive)
{
    QFile sidecar(archive + u".sha256"_s);
    if (!sidecar.exists())
        return true;
    if (!sidecar.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read %1: %2.").arg(sidecar.fileName(), sidecar.errorString()), {}, 0};
    const QString expected = QString::fromLatin1(sidecar.readAll()).section(u' ', 0, 0).trimmed().toLower();
    BackupManifest one;
    one.files.append({QFileInfo(archive).fileName(), QFileInfo(archive).size(), expected});
    auto verified = one.verify(QFileInfo(archive).absolutePath());
    if (!verified)
        return Error{verified.error().message + tr(" Nothing was changed."), {}, 0};
    return true;
}

Result<bool> PgRestore::verifyBackup(const QString &path, const std::function<bool()> &cancelled, BackupFingerprint *seen)
{
    const QFileInfo source(path);
    if (!source.exists())
        return Error{tr("The backup %1 does not exist.").arg(path), {}, 0};
    if (seen)
        *seen = fingerprintOf(path); // before reading: a change while it is read shows later
    if (source.isFile())
        return verifySidecarChecksum(source.absoluteFilePath());
    auto manifest = BackupManifest::read(path);
    if (!manifest)
        return manifest.error();
    return manifest->verify(path, cancelled);
}

QJsonObject RestoreOutcome::toJson() const
{
    QJsonArray c;
    for (const auto &t : checks)
        c.append(QJsonObject{{"table"_L1, t.table}, {"expectedRows"_L1, t.expected}, {"foundRows"_L1, t.found}, {"exact"_L1, t.exact}, {"ok"_L1, t.ok}});
    return {{"seconds"_L1, seconds}, {"items"_L1, items}, {"warnings"_L1, QJsonArray::fromStringList(warnings)}, {"tables"_L1, c},
            {"acceptsWrites"_L1, acceptsWrites}, {"checksumsReadAgain"_L1, checksumsReadAgain}};
}

PgRestore::PgRestore(QObject *parent)
    : QObject(parent)
{
    connect(&m_process, &QProcess::readyReadStandardError, this, &PgRestore::onOutput);
    connect(&m_process, &QProcess::finished, this, &PgRestore::onFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(Error{tr("pg_restore could not be started: %1.").arg(m_process.errorString()), {}, m_started ? 1 : PreflightFailed});
    });
}

PgRestore::~PgRestore()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(3000);
    }
}

void PgRestore::report(const QString &phase)
{
    if (phase != m_progress.phase)
        spdlog::debug("restore phase {} at {} ms", phase.toStdString(), m_clock.elapsed());
    m_progress.phase = phase;
    m_progress.elapsedSeconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    m_progress.itemsPerSecond = m_progress.elapsedSeconds > 0 ? m_progress.itemsDone / m_progress.elapsedSeconds : 0;
    Q_EMIT progress(m_progress);
}

void PgRestore::start(const Options &options)
{
    m_options = options;
    m_clock.start();
    const QFileInfo source(options.backupDir);
    const bool unchanged = !options.verified.isEmpty() && fingerprintOf(options.backupDir) == options.verified;
    m_outcome.checksumsReadAgain = !unchanged;
    if (source.isFile()) {
        // A custom-format archive (pg_dump -Fc) made elsewhere: no manifest of ours. Its table of
        // contents is read before anything changes, and a sibling "<file>.sha256" is checked.
        m_archive = source.absoluteFilePath();
        m_customFormat = true;
        m_manifest = BackupManifest();
        m_manifest.database = options.connection.dbname;
        report(u"verifying"_s);
        auto checksum = unchanged ? Result<bool>(true) : verifySidecarChecksum(m_archive);
        if (!checksum) {
            const Error error{checksum.error().message, {}, PreflightFailed};
            QTimer::singleShot(0, this, [this, error] { finish(error); });
            return;
        }
        m_session.open(m_options.connection, [this](const Result<bool> &opened) {
            if (!opened)
                return finish(Error{opened.error().message, {}, PreflightFailed});
            auto tools = PgTools::locate(m_session.serverVersion());
            if (!tools)
                return finish(Error{tools.error().message, {}, PreflightFailed});
            m_tools = *tools;
            listArchive();
        });
        return;
    }
    m_archive = QDir(options.backupDir).filePath(u"data"_s);
    auto manifest = BackupManifest::read(options.backupDir);
    if (!manifest) {
        // Answer from the event loop, never from inside start(): callers connect after starting too.
        const Error error{manifest.error().message, {}, PreflightFailed};
        QTimer::singleShot(0, this, [this, error] { finish(error); });
        return;
    }
    m_manifest = *manifest;
    report(u"verifying"_s);
    // The checksums (on a thread of their own; not again if the pre-flight read them and nothing
    // changed since) and the connection (on the event loop) go at the same time; nothing is
    // changed until both are fine.
    auto pending = std::make_shared<int>(2);
    auto bothDone = [this, pending] {
        if (--*pending == 0 && !m_done)
            listArchive();
    };
    const QString dir = options.backupDir;
    const BackupManifest copy = m_manifest;
    auto cancelled = m_cancelled;
    auto verify = [dir, copy, cancelled, unchanged]() -> Result<bool> {
        return unchanged ? Result<bool>(true) : copy.verify(dir, [cancelled] { return cancelled->load(); });
    };
    runInBackground<Result<bool>>(this, verify, [this, bothDone](Result<bool> verified) {
        if (!verified)
            return finish(Error{verified.error().message + tr(" Nothing was changed."), {}, PreflightFailed});
        bothDone();
    });
    m_session.open(m_options.connection, [this, bothDone](const Result<bool> &opened) {
        if (!opened)
            return finish(Error{opened.error().message, {}, PreflightFailed});
        auto tools = PgTools::locate(m_session.serverVersion());
        if (!tools)
            return finish(Error{tools.error().message, {}, PreflightFailed});
        m_tools = *tools;
        bothDone();
    });
}

void PgRestore::listArchive()
{
    // pg_restore --list reads the whole table of contents: a damaged toc.dat is refused here.
    auto *list = new QProcess(this);
    connect(list, &QProcess::finished, this, [this, list](int code, QProcess::ExitStatus status) {
        list->deleteLater();
        const QString out = QString::fromUtf8(list->readAllStandardOutput());
        if (status != QProcess::NormalExit || code != 0)
            return finish(Error{tr("pg_restore cannot read the backup's table of contents: %1 Nothing was changed.")
                                    .arg(QString::fromUtf8(list->readAllStandardError()).trimmed()),
                                {}, PreflightFailed});
        int items = 0;
        // "3411; 0 16390 TABLE DATA edc message_log eic": the tables a foreign archive holds.
        static const QRegularExpression tableData(u"^\\d+; \\d+ \\d+ TABLE DATA (\\S+) (\\S+) "_s);
        for (const QString &line : out.split(u'\n')) {
            if (line.startsWith(u';') || line.trimmed().isEmpty())
                continue;
            ++items;
            if (m_customFormat) {
                if (const auto m = tableData.match(line); m.hasMatch())
                    m_manifest.tables.append({m.captured(1), m.captured(2), -1, false, 0});
            }
        }
        m_progress.itemsTotal = items;
        checkSessions();
    });
    list->start(m_tools.pgRestore, {u"--list"_s, m_archive});
}

void PgRestore::checkSessions()
{
    report(u"sessions"_s);
    PgInspection::inspect(&m_session, this, [this](const Result<PgInspection> &inspection) {
        if (!inspection)
            return finish(Error{inspection.error().message, {}, PreflightFailed});
        if (inspection->inRecovery)
            return finish(Error{tr("The database is in recovery (read-only); a restore cannot write to it. Nothing was changed."), {}, PreflightFailed});
        if (!inspection->mayRestore())
            return finish(Error{tr("The role %1 may not drop and re-create the database's objects (it must own the database and its tables, or be a superuser). Nothing was changed.")
                                    .arg(m_options.connection.user),
                                {}, PreflightFailed});
        if (inspection->sessions.isEmpty())
            return runRestore();
        QStringList who;
        for (const auto &s : inspection->sessions)
            who.append(tr("%1 × %2 (user %3 from %4)").arg(s.count).arg(s.application.isEmpty() ? tr("unnamed application") : s.application, s.user, s.clientAddress));
        if (!m_options.terminateSessions)
            return finish(Error{tr("%n session(s) are still connected to the database: %1. Stop the cell's components, or acknowledge "
                                   "terminate-sessions to end them. Nothing was changed.", nullptr, inspection->sessionCount())
                                    .arg(who.join(u"; "_s)),
                                {}, PreflightFailed});
        spdlog::warn("terminating {} session(s) connected to {}: {}", inspection->sessionCount(), inspection->database.toStdString(),
                     who.join(u"; "_s).toStdString());
        m_session.query(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"_s,
                        [this](const Result<PgResult> &r) {
                            if (!r)
                                return finish(Error{r.error().message, {}, PreflightFailed});
                            waitSessionsGone(m_options.sessionsGoneTimeoutMs / 200);
                        });
    });
}

void PgRestore::waitSessionsGone(int attemptsLeft)
{
    m_session.query(u"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND backend_type = 'client backend'"_s,
                    [this, attemptsLeft](const Result<PgResult> &r) {
                        if (!r)
                            return finish(Error{r.error().message, {}, PreflightFailed});
                        if (r->rows.value(0).value(0).toInt() == 0)
                            return runRestore();
                        if (attemptsLeft <= 0)
                            return finish(Error{tr("Sessions came back or did not end after they were terminated (an application reconnects?). "
                                                   "Stop the cell's components first. Nothing was changed."),
                                                {}, PreflightFailed});
                        QTimer::singleShot(200, this, [this, attemptsLeft] { waitSessionsGone(attemptsLeft - 1); });
                    });
}

void PgRestore::runRestore()
{
    if (*m_cancelled)
        return finish(Error{tr("The restore was cancelled before it began; nothing was changed."), {}, PreflightFailed});
    auto pass = PgPassFile::create(m_options.connection.user, m_options.connection.password);
    if (!pass)
        return finish(Error{pass.error().message, {}, PreflightFailed});
    m_passFile = std::move(pass.value());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSFILE"_s, m_passFile->path());
    env.remove(u"PGPASSWORD"_s);
    m_process.setProcessEnvironment(env);
    const int jobs = m_options.jobs > 0 ? m_options.jobs : qMax(1, m_manifest.jobs);
    QStringList args{u"--clean"_s, u"--if-exists"_s, u"--exit-on-error"_s, u"--verbose"_s, u"--no-password"_s,
                     u"--dbname=%1"_s.arg(toolConninfo(m_options.connection))};
    // One job: one transaction, all or nothing. Several: parallel, and the exit status decides.
    if (jobs == 1)
        args.append(u"--single-transaction"_s);
    else
        args.append(u"--jobs=%1"_s.arg(jobs));
    args.append(m_archive);
    spdlog::info("restoring {} into {} with {} job(s)", m_options.backupDir.toStdString(), m_manifest.database.toStdString(), jobs);
    m_started = true;
    report(u"restoring"_s);
    m_process.start(m_tools.pgRestore, args);
}

void PgRestore::onOutput()
{
    m_stderr += m_process.readAllStandardError();
    qsizetype nl;
    bool advanced = false;
    while ((nl = m_stderr.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_stderr.left(nl)).trimmed();
        m_stderr.remove(0, nl + 1);
        static const QRegularExpression item(u"^pg_restore: (?:finished item \\d+|processing item \\d+|creating|processing data for table) (.*)$"_s);
        if (line.startsWith("pg_restore: error:"_L1)) {
            m_errors.append(line.mid(19).trimmed());
        } else if (line.startsWith("pg_restore: warning:"_L1)) {
            m_outcome.warnings.append(line.mid(21).trimmed());
        } else if (const auto m = item.match(line); m.hasMatch()) {
            if (!line.contains("processing item"_L1) || m_options.jobs == 1)
                ++m_progress.itemsDone;
            m_progress.currentItem = m.captured(1);
            advanced = true;
        }
    }
    if (advanced) {
        m_progress.itemsDone = qMin(m_progress.itemsDone, qMax(m_progress.itemsTotal, 1));
        report(u"restoring"_s);
    }
}

void PgRestore::onFinished(int exitCode, QProcess::ExitStatus status)
{
    onOutput();
    m_passFile.reset();
    m_outcome.items = m_progress.itemsDone;
    if (*m_cancelled)
        return finish(Error{tr("The restore was cancelled after %1 of %2 items: the database is PARTLY restored. Restore a backup again before "
                               "starting the cell's components.").arg(m_progress.itemsDone).arg(m_progress.itemsTotal),
                            {}, 1});
    // The exit status is the truth; an error line fails the restore even if the status was 0.
    if (status != QProcess::NormalExit || exitCode != 0 || !m_errors.isEmpty())
        return finish(Error{tr("pg_restore failed: %1. The database may be partly restored.").arg(m_errors.isEmpty() ? tr("exit code %1").arg(exitCode) : m_errors.first()),
                            m_errors.join(u'\n'), 1});
    verify();
}

void PgRestore::verify()
{
    report(u"checking"_s);
    // Accepts writes: not in recovery, and a temporary table can be made.
    m_session.query(u"SELECT pg_is_in_recovery()"_s, [this](const Result<PgResult> &r) {
        if (!r)
            return finish(Error{r.error().message, {}, 1});
        if (r->rows.value(0).value(0) == "t"_L1)
            return finish(Error{tr("After the restore the database is in recovery: it does not accept writes."), {}, 1});
    });
    m_session.query(u"CREATE TEMPORARY TABLE eic_restore_write_probe (x int); DROP TABLE eic_restore_write_probe"_s, [this](const Result<PgResult> &r) {
        if (!r)
            return finish(Error{tr("After the restore the database does not accept writes: %1").arg(r.error().message), {}, 1});
        m_outcome.acceptsWrites = true;
        checkTable(0);
    });
}

void PgRestore::checkTable(int index)
{
    // The tables are checked over two sessions at once (the second opened for this), in the
    // order of the manifest; the outcome lists them in that order.
    Q_UNUSED(index);
    if (m_manifest.tables.isEmpty())
        return finish(m_outcome);
    m_outcome.checks.resize(m_manifest.tables.size());
    auto remaining = std::make_shared<qsizetype>(m_manifest.tables.size());
    auto second = std::make_shared<PgSession>();
    auto queue = [this, remaining, second](PgSession *session, qsizetype i) {
        const ManifestTable t = m_manifest.tables.at(i);
        const QString table = quoteIdent(t.schema) + u'.' + quoteIdent(t.name);
        auto done = [this, i, t, remaining, second](const Result<PgResult> &r) {
            TableCheck check{t.qualified(), t.rows, -1, t.rowsExact, false};
            if (r) {
                check.found = r->rows.value(0).value(0).toLongLong();
                const qint64 tolerance = t.rowsExact ? 0 : qMax<qint64>(10, t.rows / 10);
                // A foreign archive says nothing of its row counts: the table must exist.
                check.ok = t.rows < 0 || qAbs(check.found - t.rows) <= tolerance;
            }
            m_outcome.checks[i] = check;
            if (--*remaining == 0)
                allChecked();
        };
        // Counting is cheaper than ANALYZE up to a few hundred MB (a parallel sequential scan of
        // cached pages); beyond that the planner's estimate after ANALYZE is compared.
        if (t.rowsExact || t.bytes < 512LL * 1024 * 1024)
            session->query(u"SELECT count(*) FROM "_s + table, done);
        else
            session->query(u"ANALYZE "_s + table + u"; SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE oid = '"_s
                               + QString(table).replace(u'\'', "''"_L1) + u"'::regclass"_s,
                           done);
    };
    second->open(m_options.connection, [this, queue, second](const Result<bool> &opened) {
        for (qsizetype i = 0; i < m_manifest.tables.size(); ++i)
            queue(opened && i % 2 == 1 ? second.get() : &m_session, i);
    });
}

void PgRestore::allChecked()
{
    QStringList bad;
    for (const auto &c : std::as_const(m_outcome.checks)) {
        if (!c.ok)
            bad.append(c.found < 0 ? tr("%1 (missing)").arg(c.table) : tr("%1 (expected %2 rows, found %3)").arg(c.table).arg(c.expected).arg(c.found));
    }
    if (!bad.isEmpty())
        return finish(Error{tr("The restore finished but the data does not match the backup: %1.").arg(bad.join(u"; "_s)), {}, 1});
    m_outcome.seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
    finish(m_outcome);
}

void PgRestore::cancel()
{
    *m_cancelled = true;
    if (m_process.state() != QProcess::NotRunning)
        m_process.terminate();
}

void PgRestore::finish(const Result<RestoreOutcome> &result)
{
    if (std::exchange(m_done, true))
        return;
    m_passFile.reset();
    if (result)
        spdlog::info("restore of {} verified: {} table(s) checked in {:.1f} s", m_options.backupDir.toStdString(), result->checks.size(), result->seconds);
    else // reported by every caller (eicctl's message, the GUI): not twice on the terminal
        spdlog::info("restore of {} failed: {}", m_options.backupDir.toStdString(), result.error().toString().toStdString());
    Q_EMIT finished(result);
}

} // namespace eic::stores
