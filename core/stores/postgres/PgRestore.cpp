#include "PgRestore.h"

#include "util/Background.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTimer>

#include <csignal>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {
QString quoteIdent(const QString &s)
{
    return u'"' + QString(s).replace(u'"', "\"\""_L1) + u'"';
}
} // namespace

Result<bool> PgRestore::verifyBackup(const QString &path, const std::function<bool()> &cancelled, BackupFingerprint *seen)
{
    const BackupVerification verification = BackupVerification::check(path, cancelled, seen);
    if (!verification.passed())
        return verification.error();
    return true;
}

QJsonObject RestoreOutcome::toJson() const
{
    QJsonArray c;
    for (const auto &t : checks)
        c.append(QJsonObject{{"table"_L1, t.table}, {"expectedRows"_L1, t.expected}, {"foundRows"_L1, t.found}, {"exact"_L1, t.exact}, {"ok"_L1, t.ok}});
    return {{"seconds"_L1, seconds}, {"items"_L1, items}, {"warnings"_L1, QJsonArray::fromStringList(warnings)}, {"tables"_L1, c},
            {"acceptsWrites"_L1, acceptsWrites}, {"checksumsReadAgain"_L1, checksumsReadAgain}, {"verification"_L1, verification.toJson()}};
}

PgRestore::PgRestore(QObject *parent)
    : QObject(parent)
{
    util::makeRunChild(&m_process);
    connect(&m_process, &QProcess::started, this, [this] {
        if (const auto child = util::recordOf(m_process)) {
            m_child = *child;
            if (m_options.childStarted)
                m_options.childStarted(m_child);
            if (*m_cancelled) // cancelled while it was starting
                util::signalGroup(m_child, SIGTERM);
        }
    });
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
        util::signalGroup(m_child, SIGKILL); // its workers too
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
    util::PrivateDir::sweep(); // what a killed run left: its password file goes now
    const QFileInfo source(options.backupDir);
    const bool unchanged = !options.verified.isEmpty() && fingerprintOf(options.backupDir) == options.verified;
    m_outcome.checksumsReadAgain = !unchanged;
    // A folder of ours, or a custom-format archive (pg_dump -Fc) made elsewhere: no manifest of
    // ours, its table of contents says which tables must exist afterwards.
    m_customFormat = source.isFile();
    m_archive = m_customFormat ? source.absoluteFilePath() : QDir(options.backupDir).filePath(u"data"_s);
    m_manifest = BackupManifest();
    m_manifest.database = options.connection.dbname;
    report(u"verifying"_s);
    // The backup (on a thread of its own; not again if the pre-flight read it and nothing changed
    // since) and the connection (on the event loop) go at the same time; nothing is changed until
    // both are fine.
    auto pending = std::make_shared<int>(2);
    auto bothDone = [this, pending] {
        if (--*pending == 0 && !m_done)
            listArchive();
    };
    verifyBackupFirst(unchanged, bothDone);
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

void PgRestore::verifyBackupFirst(bool unchanged, const std::function<void()> &verified)
{
    struct Checked {
        BackupVerification verification;
        BackupManifest manifest;
    };
    const QString path = m_options.backupDir;
    const bool custom = m_customFormat;
    auto cancelled = m_cancelled;
    runInBackground<Checked>(this, [path, custom, unchanged, cancelled] {
        Checked c;
        if (!unchanged)
            c.verification = BackupVerification::check(path, [cancelled] { return cancelled->load(); }, nullptr, &c.manifest);
        else if (!custom) // checked by the pre-flight; the manifest is read (and its checksum) again
            c.verification = BackupVerification::checkManifest(path, &c.manifest);
        return c;
    }, [this, custom, verified](Checked c) {
        if (*m_cancelled)
            return finish(Error{tr("The restore was cancelled before it began; nothing was changed."), {}, PreflightFailed});
        if (!c.verification.passed())
            return finish(Error{c.verification.error().message, {}, PreflightFailed});
        if (!custom)
            m_manifest = c.manifest;
        m_outcome.verification = c.verification;
        verified();
    });
}

QProcess *PgRestore::newChild()
{
    auto *process = new QProcess(this);
    util::makeRunChild(process);
    process->setProcessEnvironment(toolEnvironment()); // it reads the archive: no credentials
    connect(process, &QProcess::started, this, [this, process] {
        if (const auto child = util::recordOf(*process); child && m_options.childStarted)
            m_options.childStarted(*child);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(Error{tr("pg_restore could not be started: %1.").arg(process->errorString()), {}, PreflightFailed});
    });
    return process;
}

void PgRestore::listArchive()
{
    // pg_restore --list reads the whole table of contents: a damaged toc.dat is refused here.
    auto *list = newChild();
    m_list = list;
    connect(list, &QProcess::finished, this, [this, list](int code, QProcess::ExitStatus status) {
        list->deleteLater();
        if (*m_cancelled)
            return finish(Error{tr("The restore was cancelled before it began; nothing was changed."), {}, PreflightFailed});
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
    auto pass = PgPassFile::create(u"pgrestore"_s, m_options.connection.user, m_options.connection.password);
    if (!pass)
        return finish(Error{pass.error().message, {}, PreflightFailed});
    m_passFile = std::move(pass.value());
    m_process.setProcessEnvironment(toolEnvironment(m_passFile.get()));
    // Each job is a connection: the backup's own count (1..64, checked) is capped at 8, which
    // a default max_connections of 100 leaves room for.
    const int jobs = m_options.jobs > 0 ? qMin(m_options.jobs, BackupManifest::kMaxJobs) : qBound(1, m_manifest.jobs, 8);
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
    // pg_restore has exited; its workers may not have yet: the database is still being written
    // until none is left, so nothing is reported before.
    util::endSurvivor(m_child, 2000, this, [this, exitCode, status](bool) { restoreEnded(exitCode, status); });
}

void PgRestore::restoreEnded(int exitCode, QProcess::ExitStatus status)
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
    if (m_list)
        m_list->kill(); // it only reads
    if (m_process.state() == QProcess::NotRunning)
        return; // the next step sees the flag
    // SIGTERM: pg_restore cancels its queries on the server; SIGKILL if it has not gone in 2 s.
    util::signalGroup(m_child, SIGTERM);
    QTimer::singleShot(2000, this, [child = m_child] {
        if (util::groupAlive(child))
            util::signalGroup(child, SIGKILL);
    });
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
