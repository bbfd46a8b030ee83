// Benchmark: the app's database backup and restore against bare pg_dump -j2 / pg_restore -j2
// of the same database in the same run (wall-time ratios; goal <= 1.05). The app's figures
// include what bare tools do not do: the manifest's checksums, the pre-restore verification
// and the post-restore checks.
// Env: EIC_TEST_PGHOST/PORT/USER/PASSWORD/DATABASE (bench/pg_engine.sh starts a server).

#include "stores/postgres/PgBackup.h"
#include "stores/postgres/PgRestore.h"
#include "stores/postgres/PgSession.h"
#include "stores/postgres/PgTools.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace eic::stores;

namespace {

PgConnectOptions connection(const QString &db)
{
    PgConnectOptions o;
    o.host = qEnvironmentVariable("EIC_TEST_PGHOST", u"127.0.0.1"_s);
    o.port = qEnvironmentVariableIntValue("EIC_TEST_PGPORT");
    o.user = qEnvironmentVariable("EIC_TEST_PGUSER");
    o.password = qEnvironmentVariable("EIC_TEST_PGPASSWORD");
    o.dbname = db;
    o.sslmode = u"disable"_s;
    return o;
}

bool sql(const QString &db, const QString &text)
{
    PgSession s;
    bool ok = false;
    bool done = false;
    s.open(connection(db), [&](const eic::Result<bool> &r) {
        if (!r) {
            std::fprintf(stderr, "%s\n", qPrintable(r.error().message));
            done = true;
            return;
        }
        s.query(text, [&](const eic::Result<PgResult> &q) {
            ok = q.ok();
            if (!q)
                std::fprintf(stderr, "%s\n", qPrintable(q.error().message));
            done = true;
        });
    });
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done)
            loop.quit();
    });
    poll.start(20);
    if (!done)
        loop.exec();
    return ok;
}

double runTool(const QString &program, const QStringList &args)
{
    QProcess p;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, qEnvironmentVariable("EIC_TEST_PGPASSWORD"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer t;
    t.start();
    p.start(program, args);
    p.waitForFinished(-1);
    if (p.exitCode() != 0)
        std::fprintf(stderr, "%s failed with %d\n", qPrintable(program), p.exitCode());
    return static_cast<double>(t.elapsed()) / 1000.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    QCommandLineOption sizeOpt(u"size-mb"_s, u"database size to build"_s, u"mb"_s, u"500"_s);
    QCommandLineOption jobsOpt(u"jobs"_s, u"jobs for both sides"_s, u"n"_s, u"2"_s);
    parser.addOptions({sizeOpt, jobsOpt});
    parser.addHelpOption();
    parser.process(app);
    const int sizeMb = parser.value(sizeOpt).toInt();
    const int jobs = parser.value(jobsOpt).toInt();
    if (qEnvironmentVariableIsSet("EIC_BENCH_DEBUG"))
        spdlog::set_level(spdlog::level::debug);
    const QString admin = qEnvironmentVariable("EIC_TEST_PGDATABASE");
    const QString db = u"eic_bench"_s;

    std::printf("building a %d MB database…\n", sizeMb);
    std::fflush(stdout);
    sql(admin, u"DROP DATABASE IF EXISTS eic_bench WITH (FORCE)"_s);
    if (!sql(admin, u"CREATE DATABASE eic_bench"_s))
        return 1;
    // Four tables of message log rows (~250 bytes each on disk), indexed, like the cell's.
    const qint64 rowsPerTable = static_cast<qint64>(sizeMb) * 1024 * 1024 / 250 / 4;
    for (int t = 0; t < 4; ++t) {
        if (!sql(db, u"CREATE TABLE log_%1 (id bigint PRIMARY KEY, at timestamptz NOT NULL, status text NOT NULL, payload text NOT NULL);"
                     "INSERT INTO log_%1 SELECT g, timestamptz '2026-01-01' + g * interval '1 second', CASE WHEN g %% 17 = 0 THEN 'FAILED' ELSE 'COMPLETED' END, "
                     "repeat(md5(g::text), 5) FROM generate_series(1, %2) g; CREATE INDEX log_%1_at ON log_%1 (at); ANALYZE log_%1;"_s
                         .arg(t)
                         .arg(rowsPerTable)
                         .replace("%%"_L1, "%"_L1)))
            return 1;
    }
    // Settle the fresh data first (hint bits, visibility map) so that autovacuum does not
    // start in the middle of one side's run.
    if (!sql(db, u"VACUUM (FREEZE, ANALYZE)"_s))
        return 1;
    PgSession probe;
    int serverVersion = 0;
    bool opened = false;
    {
        QEventLoop loop;
        probe.open(connection(db), [&](const eic::Result<bool> &) {
            opened = true;
            loop.quit();
        });
        if (!opened)
            loop.exec();
    }
    serverVersion = probe.serverVersion();
    std::optional<eic::Result<PgResult>> size;
    {
        QEventLoop loop;
        probe.query(u"SELECT pg_size_pretty(pg_database_size(current_database()))"_s, [&](const eic::Result<PgResult> &r) {
            size = r;
            loop.quit();
        });
        if (!size)
            loop.exec();
    }
    std::printf("database size: %s\n", qPrintable(size->ok() ? size->value().rows.value(0).value(0) : u"?"_s));
    probe.close();
    auto tools = PgTools::locate(serverVersion);
    if (!tools)
        return 1;
    const QString conninfo = toolConninfo(connection(db));
    QTemporaryDir dir;

    // Three rounds, alternating who goes first, best of each: page cache and write-back then
    // favour neither side.
    double bareDump = 1e9, appDump = 1e9, bareRestore = 1e9, appRestore = 1e9;
    eic::Result<BackupResult> backupResult = eic::Error{u"not run"_s, {}, 0};
    auto runBareDump = [&](int round) {
        const QString target = dir.filePath(u"bare%1"_s.arg(round));
        const double seconds = runTool(tools->pgDump, {u"-Fd"_s, u"-j"_s + QString::number(jobs), u"-f"_s, target, u"-d"_s, conninfo});
        std::printf("  round %d: pg_dump %.2f s\n", round, seconds);
        bareDump = std::min(bareDump, seconds);
    };
    auto runAppDump = [&](int round) {
        PgBackup backup;
        QSignalSpy backupDone(&backup, &PgBackup::finished);
        QElapsedTimer t;
        t.start();
        backup.start({connection(db), dir.filePath(u"app%1"_s.arg(round)), jobs});
        // A real event loop (processEvents with a time limit would spin and steal a core).
        if (backupDone.isEmpty())
            (void)backupDone.wait(1800000);
        appDump = std::min(appDump, static_cast<double>(t.elapsed()) / 1000.0);
        std::printf("  round %d: app backup %.2f s\n", round, static_cast<double>(t.elapsed()) / 1000.0);
        backupResult = backupDone.first().first().value<eic::Result<BackupResult>>();
    };
    auto runBareRestore = [&](int round) {
        const double seconds = runTool(tools->pgRestore, {u"--clean"_s, u"--if-exists"_s, u"-j"_s + QString::number(jobs), u"-d"_s, conninfo,
                                                          dir.filePath(u"bare%1"_s.arg(round))});
        std::printf("  round %d: pg_restore %.2f s\n", round, seconds);
        bareRestore = std::min(bareRestore, seconds);
    };
    auto runAppRestore = [&]() -> bool {
        PgRestore restore;
        QSignalSpy restoreDone(&restore, &PgRestore::finished);
        QElapsedTimer t;
        t.start();
        restore.start({connection(db), backupResult->directory, jobs, true, 15000, {}});
        if (restoreDone.isEmpty())
            (void)restoreDone.wait(1800000);
        appRestore = std::min(appRestore, static_cast<double>(t.elapsed()) / 1000.0);
        std::printf("  app restore %.2f s\n", static_cast<double>(t.elapsed()) / 1000.0);
        const auto r = restoreDone.first().first().value<eic::Result<RestoreOutcome>>();
        if (!r)
            std::fprintf(stderr, "app restore failed: %s\n", qPrintable(r.error().message));
        return r.ok();
    };
    constexpr int kRounds = 3;
    for (int round = 0; round < kRounds; ++round) {
        if (round % 2 == 0) {
            runBareDump(round);
            runAppDump(round);
        } else {
            runAppDump(round);
            runBareDump(round);
        }
        if (!backupResult) {
            std::fprintf(stderr, "app backup failed: %s\n", qPrintable(backupResult.error().message));
            return 1;
        }
    }
    for (int round = 0; round < kRounds; ++round) {
        if (round % 2 == 0) {
            runBareRestore(round);
            if (!runAppRestore())
                return 1;
        } else {
            if (!runAppRestore())
                return 1;
            runBareRestore(round);
        }
    }
    std::printf("backup : app %.2f s vs pg_dump -j%d %.2f s -> ratio %.3f (app includes SHA-256 of %lld bytes)\n", appDump, jobs, bareDump,
                appDump / bareDump, static_cast<long long>(backupResult->manifest.totalBytes()));
    std::printf("restore: app %.2f s vs pg_restore -j%d %.2f s -> ratio %.3f (app includes checksum verification and row checks)\n", appRestore,
                jobs, bareRestore, appRestore / bareRestore);
    sql(admin, u"DROP DATABASE IF EXISTS eic_bench WITH (FORCE)"_s);
    return 0;
}
