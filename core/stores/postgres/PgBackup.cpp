#include "PgBackup.h"

#include "PgInspection.h"
#include "util/Background.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QThread>

#include <csignal>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

PgBackup::PgBackup(QObject *parent)
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
    connect(&m_process, &QProcess::readyReadStandardError, this, &PgBackup::onDumpOutput);
    connect(&m_process, &QProcess::finished, this, &PgBackup::onDumpFinished);
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            finish(Error{tr("pg_dump could not be started: %1.").arg(m_process.errorString()), {}, 0});
    });
    m_sampler.setInterval(500);
    connect(&m_sampler, &QTimer::timeout, this, [this] {
        m_progress.bytes = directorySize();
        m_progress.elapsedSeconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
        m_progress.bytesPerSecond = m_progress.elapsedSeconds > 0 ? static_cast<double>(m_progress.bytes) / m_progress.elapsedSeconds : 0;
        Q_EMIT progress(m_progress);
    });
}

PgBackup::~PgBackup()
{
    if (m_process.state() != QProcess::NotRunning) {
        util::signalGroup(m_child, SIGKILL); // its workers too
        m_process.waitForFinished(3000);
    }
}

void PgBackup::start(const Options &options)
{
    m_options = options;
    m_clock.start();
    util::PrivateDir::sweep(); // what a killed run left: its password file goes now
    if (m_options.folder.isEmpty()) {
        // Answer from the event loop, never from inside start().
        QTimer::singleShot(0, this, [this] { finish(Error{tr("No backup folder: choose one (--to DIR, or the profile's backup folder)."), {}, 0}); });
        return;
    }
    m_session.open(options.connection, [this](const Result<bool> &opened) {
        if (!opened)
            return finish(opened.error());
        PgInspection::inspect(&m_session, this, [this](const Result<PgInspection> &inspected) {
            if (!inspected)
                return finish(inspected.error());
            auto tools = PgTools::locate(inspected->serverVersionNum);
            if (!tools)
                return finish(tools.error());
            m_tools = *tools;
            m_manifest.database = inspected->database;
            m_manifest.serverVersion = inspected->serverVersion;
            m_manifest.serverAddress = m_options.connection.service.isEmpty()
                ? u"%1:%2"_s.arg(m_options.connection.host).arg(m_options.connection.port)
                : u"service "_s + m_options.connection.service;
            m_manifest.toolVersion = m_tools.version;
            for (const auto &t : inspected->tables)
                m_manifest.tables.append({t.schema, t.name, t.estimatedRows, false, t.bytes});
            m_progress.tablesTotal = static_cast<int>(m_manifest.tables.size());
            // One snapshot for pg_dump and for our counts: the manifest describes exactly the dumped data.
            m_session.query(u"BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"_s, [](const Result<PgResult> &) {});
            m_session.query(u"SELECT pg_export_snapshot(), current_setting('max_parallel_workers')"_s, [this](const Result<PgResult> &r) {
                if (!r)
                    return finish(r.error());
                m_snapshot = r->rows.value(0).value(0);
                const int serverWorkers = qMax(1, r->rows.value(0).value(1).toInt());
                m_manifest.jobs = m_options.jobs > 0 ? m_options.jobs : qBound(1, QThread::idealThreadCount(), serverWorkers);
                // pg_dump starts at once; the exact counts run meanwhile in the same snapshot.
                runDump();
                countRows(0);
            });
        });
    });
}

void PgBackup::countRows(int index)
{
    if (m_done || *m_cancelled)
        return;
    if (index >= m_manifest.tables.size()) {
        m_countsDone = true;
        completeIfReady();
        return;
    }
    ManifestTable &t = m_manifest.tables[index];
    if (t.rows >= m_options.exactCountBelow) {
        countRows(index + 1);
        return;
    }
    const QString quoted = u"\"%1\".\"%2\""_s.arg(QString(t.schema).replace(u'"', "\"\""_L1), QString(t.name).replace(u'"', "\"\""_L1));
    m_session.query(u"SELECT count(*) FROM "_s + quoted, [this, index](const Result<PgResult> &r) {
        if (!r)
            return finish(r.error());
        m_manifest.tables[index].rows = r->rows.value(0).value(0).toLongLong();
        m_manifest.tables[index].rowsExact = true;
        countRows(index + 1);
    });
}

void PgBackup::runDump()
{
    if (*m_cancelled || m_done)
        return;
    const QString name = u"%1-%2"_s.arg(m_manifest.database, QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
    m_directory = QDir(m_options.folder).filePath(name);
    if (QDir(m_directory).exists())
        m_directory += u"-"_s + QString::number(QCoreApplication::applicationPid());
    // The database's data is for its owner only, like the journal: pg_dump's files go in here.
    if (!QDir().mkpath(m_directory) || !QFile::setPermissions(m_directory, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return finish(Error{tr("Cannot create the backup folder %1.").arg(m_directory), {}, 0});
    auto pass = PgPassFile::create(u"pgbackup"_s, m_options.connection.user, m_options.connection.password);
    if (!pass)
        return finish(pass.error());
    m_passFile = std::move(pass.value());
    m_process.setProcessEnvironment(toolEnvironment(m_passFile.get()));
    m_manifest.started = QDateTime::currentDateTimeUtc();
    const QStringList args{u"--format=directory"_s, u"--jobs=%1"_s.arg(m_manifest.jobs), u"--verbose"_s, u"--no-password"_s,
                           u"--snapshot=%1"_s.arg(m_snapshot), u"--file=%1"_s.arg(QDir(m_directory).filePath(u"data"_s)),
                           u"--dbname=%1"_s.arg(toolConninfo(m_options.connection))};
    spdlog::info("backup of database {} into {} with {} job(s) (prepared in {} ms)", m_manifest.database.toStdString(), m_directory.toStdString(),
                 m_manifest.jobs, m_clock.elapsed());
    m_sampler.start();
    m_process.start(m_tools.pgDump, args);
}

void PgBackup::onDumpOutput()
{
    m_stderr += m_process.readAllStandardError();
    qsizetype nl;
    while ((nl = m_stderr.indexOf('\n')) >= 0) {
        const QString line = QString::fromUtf8(m_stderr.left(nl)).trimmed();
        m_stderr.remove(0, nl + 1);
        // pg_dump -v: 'dumping contents of table "s.t"' (one job) or 'finished item N TABLE DATA t' (parallel).
        static const QRegularExpression dumping(u"dumping contents of table \"([^\"]+)\""_s);
        static const QRegularExpression finishedItem(u"finished item \\d+ TABLE DATA (.+)$"_s);
        if (const auto m = dumping.match(line); m.hasMatch()) {
            m_progress.currentTable = m.captured(1);
            if (m_manifest.jobs == 1)
                ++m_progress.tablesDone;
        } else if (const auto f = finishedItem.match(line); f.hasMatch()) {
            ++m_progress.tablesDone;
            m_progress.currentTable = f.captured(1);
        } else if (line.contains("error:"_L1)) {
            m_errors.append(line);
        }
    }
}

qint64 PgBackup::directorySize() const
{
    qint64 total = 0;
    QDirIterator it(m_directory, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        total += it.fileInfo().size();
    }
    return total;
}

void PgBackup::onDumpFinished(int exitCode, QProcess::ExitStatus status)
{
    // pg_dump has exited; its workers may not have yet (a kill, a cancel): nothing is reported
    // or removed while one of them may still write.
    util::endSurvivor(m_child, 2000, this, [this, exitCode, status](bool) { dumpEnded(exitCode, status); });
}

void PgBackup::dumpEnded(int exitCode, QProcess::ExitStatus status)
{
    if (m_failure)
        return finish(*m_failure);
    m_sampler.stop();
    onDumpOutput();
    m_passFile.reset();
    if (*m_cancelled)
        return finish(Error{tr("The backup was cancelled; the partial backup was removed."), {}, 0});
    if (status != QProcess::NormalExit || exitCode != 0) {
        const QString reason = m_errors.isEmpty() ? tr("exit code %1").arg(exitCode) : m_errors.last();
        return finish(Error{tr("pg_dump failed: %1. The partial backup was removed.").arg(reason), m_errors.join(u'\n'), exitCode});
    }
    m_manifest.finished = QDateTime::currentDateTimeUtc();
    spdlog::info("pg_dump finished after {} ms", m_clock.elapsed());
    m_progress.tablesDone = m_progress.tablesTotal;
    const QString dir = m_directory;
    // Hash while the last counts may still run; the manifest is written when both are done.
    auto cancelled = m_cancelled;
    runInBackground<Result<QList<ManifestFile>>>(this, [dir, cancelled] {
        return BackupManifest::hashFiles(dir, QDir(dir).filePath(u"data"_s), [cancelled] { return cancelled->load(); });
    }, [this](Result<QList<ManifestFile>> files) {
        if (!files)
            return finish(files.error());
        m_manifest.files = *files;
        m_dumpDone = true;
        completeIfReady();
    });
}

void PgBackup::completeIfReady()
{
    if (!m_dumpDone || !m_countsDone || m_done)
        return;
    m_session.query(u"COMMIT"_s, [](const Result<PgResult> &) {});
    if (auto written = m_manifest.write(m_directory); !written)
        return finish(written.error());
    m_progress.bytes = m_manifest.totalBytes();
    Q_EMIT progress(m_progress);
    finish(BackupResult{m_directory, m_manifest, static_cast<double>(m_clock.elapsed()) / 1000.0});
}

void PgBackup::cancel()
{
    *m_cancelled = true;
    if (m_process.state() != QProcess::NotRunning) {
        // SIGTERM: pg_dump cancels its queries on the server; SIGKILL if it has not gone in 2 s.
        util::signalGroup(m_child, SIGTERM);
        QTimer::singleShot(2000, this, [this, child = m_child] {
            if (util::groupAlive(child))
                util::signalGroup(child, SIGKILL);
        });
        return; // onDumpFinished reports it
    }
    // Not dumping (yet, or any more): answer now, from the event loop.
    QTimer::singleShot(0, this, [this] { finish(Error{tr("The backup was cancelled; nothing was kept."), {}, 0}); });
}

void PgBackup::finish(const Result<BackupResult> &result)
{
    if (m_done)
        return;
    if (m_process.state() != QProcess::NotRunning) {
        // Failed elsewhere (the counting session) while pg_dump still writes into the folder: end
        // it first; its end (dumpEnded) reports this failure once none of it is left.
        if (!m_failure) {
            m_failure = result;
            util::signalGroup(m_child, SIGKILL);
        }
        return;
    }
    m_done = true;
    m_sampler.stop();
    m_passFile.reset();
    if (!result && !m_directory.isEmpty())
        QDir(m_directory).removeRecursively(); // a half backup must never look like a backup
    if (result)
        spdlog::info("backup complete: {} ({} bytes, {:.1f} s)", result->directory.toStdString(), result->manifest.totalBytes(), result->seconds);
    else // reported by every caller (eicctl's message, the GUI): not twice on the terminal
        spdlog::info("backup failed: {}", result.error().toString().toStdString());
    Q_EMIT finished(result);
}

} // namespace eic::stores
