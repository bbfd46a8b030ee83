// The PostgreSQL engine against the real PostgreSQL 15 of scripts/test: a database shaped like
// the cell's (schemas, foreign keys, indexes, sequences, bytea, a large object, 300k rows) is
// backed up, changed, and restored to identical contents; damaged backups are refused before
// anything changes; a connected session blocks the restore until terminate-sessions; a wrong
// password and TLS verify-full behave; a restore can be cancelled and says so.

#include "stores/postgres/BackupManifest.h"
#include "stores/postgres/PgBackup.h"
#include "stores/postgres/PgRestore.h"
#include "stores/postgres/PgSession.h"
#include "stores/postgres/PgTools.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace eic::stores;

class TestPgEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void backupChangeRestoreIsIdentical();
    void damagedBackupsAreRefused_data();
    void damagedBackupsAreRefused();
    void verifiedBackupIsNotReadAgain();
    void wrongPasswordSaysSo();
    void restoreCanBeCancelled();
    void customFormatArchive();
    void backupCanBeCancelled_data();
    void backupCanBeCancelled();

private:
    PgConnectOptions options(const QString &db) const
    {
        PgConnectOptions o;
        o.host = qEnvironmentVariable("EIC_TEST_PGHOST");
        o.port = qEnvironmentVariableIntValue("EIC_TEST_PGPORT");
        o.user = qEnvironmentVariable("EIC_TEST_PGUSER");
        o.password = qEnvironmentVariable("EIC_TEST_PGPASSWORD");
        o.dbname = db;
        o.sslmode = u"verify-full"_s;
        o.sslrootcert = qEnvironmentVariable("EIC_TEST_CA");
        return o;
    }
    QStringList run(PgSession &s, const QString &sql)
    {
        std::optional<eic::Result<PgResult>> r;
        s.query(sql, [&r](const eic::Result<PgResult> &x) { r = x; });
        if (!QTest::qWaitFor([&] { return r.has_value(); }, 120000))
            return {u"ERROR: timeout"_s};
        if (!*r)
            return {u"ERROR: "_s + r->error().message};
        return r->value().rows.value(0);
    }
    bool open(PgSession &s, const QString &db)
    {
        std::optional<eic::Result<bool>> r;
        s.open(options(db), [&r](const eic::Result<bool> &x) { r = x; });
        return QTest::qWaitFor([&] { return r.has_value(); }, 20000) && r->ok();
    }
    QString checksums(const QString &db)
    {
        PgSession s;
        if (!open(s, db))
            return u"cannot connect"_s;
        QStringList all;
        for (const char *t : {"edc.tenant", "edc.artifact", "edc.message_log", "policy.policy", "policy.rule"})
            all.append(run(s, u"SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM %1 x"_s.arg(QLatin1StringView(t))).value(0));
        all.append(run(s, u"SELECT last_value || ':' || is_called FROM edc.message_seq"_s).value(0));
        all.append(run(s, u"SELECT md5(lo_get(oid)) FROM pg_largeobject_metadata"_s).value(0));
        return all.join(u' ');
    }
    eic::Result<BackupResult> backup(const QString &db, const QString &folder, int jobs = 2)
    {
        PgBackup job;
        QSignalSpy done(&job, &PgBackup::finished);
        job.start({options(db), folder, jobs, 1000000}); // 300k rows: counted exactly
        if (done.isEmpty() && !done.wait(120000))
            return eic::Error{u"backup timed out"_s, {}, 0};
        return done.first().first().value<eic::Result<BackupResult>>();
    }
    eic::Result<RestoreOutcome> restore(const QString &db, const QString &dir, bool terminate, PgRestore **keep = nullptr)
    {
        PgRestore job;
        if (keep)
            *keep = &job;
        QSignalSpy done(&job, &PgRestore::finished);
        job.start({options(db), dir, 2, terminate, 5000, {}});
        if (done.isEmpty() && !done.wait(120000))
            return eic::Error{u"restore timed out"_s, {}, 0};
        return done.first().first().value<eic::Result<RestoreOutcome>>();
    }

    // A copy of the first test's backup, to damage.
    bool copyBackup(const QString &copy) const
    {
        if (!QDir().mkpath(copy + u"/data"_s))
            return false;
        for (const QString &f : QDir(m_backup + u"/data"_s).entryList(QDir::Files))
            if (!QFile::copy(m_backup + u"/data/"_s + f, copy + u"/data/"_s + f))
                return false;
        return QFile::copy(m_backup + u"/manifest.json"_s, copy + u"/manifest.json"_s);
    }
    // A table's data file of a backup (one big enough to flip a byte in the middle).
    static QString tableFile(const QString &backup)
    {
        const auto manifest = BackupManifest::read(backup);
        if (!manifest)
            return {};
        for (const auto &f : manifest->files)
            if (f.bytes > 1000 && f.path.endsWith(u".dat.gz"_s))
                return backup + u'/' + f.path;
        return {};
    }
    static bool flipAByte(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadWrite) || !f.seek(f.size() / 2))
            return false;
        char c = 0;
        return f.getChar(&c) && f.seek(f.size() / 2) && f.putChar(static_cast<char>(c ^ 0x20));
    }

    QString m_db;
    QTemporaryDir m_dir;
    QString m_backup;
    bool m_ready = false;
};

void TestPgEngine::initTestCase()
{
    qRegisterMetaType<eic::Result<BackupResult>>();
    qRegisterMetaType<eic::Result<RestoreOutcome>>();
    if (!qEnvironmentVariableIsSet("EIC_TEST_PGPORT")) {
        if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
            QFAIL("EIC_TEST_PGPORT unset although EIC_REQUIRE_SERVICES=1");
        QSKIP("no PostgreSQL from scripts/test");
    }
    m_db = u"eic_engine_%1"_s.arg(QCoreApplication::applicationPid());
    PgSession admin;
    QVERIFY(open(admin, qEnvironmentVariable("EIC_TEST_PGDATABASE")));
    QVERIFY(!run(admin, u"CREATE DATABASE %1"_s.arg(m_db)).value(0).startsWith(u"ERROR"_s));
    PgSession s;
    QVERIFY(open(s, m_db));
    const QString schema = uR"(
        CREATE SCHEMA edc; CREATE SCHEMA policy;
        CREATE SEQUENCE edc.message_seq;
        CREATE TABLE edc.tenant (id serial PRIMARY KEY, name text NOT NULL UNIQUE, created timestamptz NOT NULL DEFAULT '2026-01-01');
        CREATE TABLE edc.artifact (id bigserial PRIMARY KEY, tenant_id int NOT NULL REFERENCES edc.tenant(id), name text NOT NULL,
                                   version text NOT NULL, content bytea NOT NULL);
        CREATE INDEX artifact_tenant ON edc.artifact (tenant_id, name);
        CREATE TABLE edc.message_log (id bigint PRIMARY KEY DEFAULT nextval('edc.message_seq'), artifact_id bigint REFERENCES edc.artifact(id),
                                      status text NOT NULL, payload_size int NOT NULL, at timestamptz NOT NULL);
        CREATE INDEX message_log_at ON edc.message_log (at);
        CREATE TABLE policy.policy (id serial PRIMARY KEY, tenant_id int REFERENCES edc.tenant(id), name text NOT NULL);
        CREATE TABLE policy.rule (id serial PRIMARY KEY, policy_id int NOT NULL REFERENCES policy.policy(id) ON DELETE CASCADE, expression text);
        INSERT INTO edc.tenant (name) SELECT 'tenant-' || g FROM generate_series(1, 20) g;
        INSERT INTO edc.artifact (tenant_id, name, version, content)
            SELECT 1 + g % 20, 'iflow-' || g, '1.' || g, decode(md5(g::text) || md5((g * 7)::text), 'hex') FROM generate_series(1, 2000) g;
        INSERT INTO edc.message_log (artifact_id, status, payload_size, at)
            SELECT 1 + g % 2000, CASE WHEN g % 17 = 0 THEN 'FAILED' ELSE 'COMPLETED' END, g % 5000,
                   timestamptz '2026-01-01' + g * interval '1 second' FROM generate_series(1, 300000) g;
        INSERT INTO policy.policy (tenant_id, name) SELECT 1 + g % 20, 'policy-' || g FROM generate_series(1, 200) g;
        INSERT INTO policy.rule (policy_id, expression) SELECT 1 + g % 200, 'rate < ' || g FROM generate_series(1, 1000) g;
        SELECT lo_from_bytea(0, convert_to(repeat('large object ', 1000), 'UTF8'));
        ANALYZE;
    )"_s;
    const QStringList r = run(s, schema);
    QVERIFY2(!r.value(0).startsWith(u"ERROR"_s), qPrintable(r.value(0)));
    m_ready = true;
}

void TestPgEngine::cleanupTestCase()
{
    if (!m_ready)
        return;
    PgSession admin;
    if (open(admin, qEnvironmentVariable("EIC_TEST_PGDATABASE")))
        run(admin, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_db));
}

void TestPgEngine::backupChangeRestoreIsIdentical()
{
    const QString before = checksums(m_db);
    auto result = backup(m_db, m_dir.filePath(u"backups"_s));
    QVERIFY2(result, result.ok() ? "" : qPrintable(result.error().message));
    m_backup = result->directory;
    const BackupManifest &m = result->manifest;
    QCOMPARE(m.database, m_db);
    QVERIFY(m.files.size() > 3);
    QVERIFY(QFile::exists(m_backup + u"/manifest.json"_s));
    bool sawLog = false;
    for (const auto &t : m.tables) {
        if (t.qualified() == "edc.message_log"_L1) {
            sawLog = true;
            QCOMPARE(t.rows, 300000);
            QVERIFY(t.rowsExact);
        }
    }
    QVERIFY(sawLog);
    // The manifest describes what is on disk.
    QVERIFY(m.verify(m_backup));

    // Change and delete data, advance the sequence, drop a table.
    {
        PgSession s;
        QVERIFY(open(s, m_db));
        const QStringList r = run(s, uR"(DELETE FROM edc.message_log WHERE id % 3 = 0;
                                          UPDATE edc.artifact SET content = '\x00' WHERE id < 100;
                                          SELECT nextval('edc.message_seq') FROM generate_series(1, 50);
                                          DROP TABLE policy.rule;)"_s);
        QVERIFY2(!r.value(0).startsWith(u"ERROR"_s), qPrintable(r.value(0)));
        QVERIFY(checksums(m_db) != before);

        // Our own session is still connected: the restore must refuse, changing nothing.
        auto refused = restore(m_db, m_backup, false);
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, static_cast<int>(PgRestore::PreflightFailed));
        QVERIFY2(refused.error().message.contains(u"still connected"_s) && refused.error().message.contains(u"eic-restore"_s),
                 qPrintable(refused.error().message));
        QCOMPARE(run(s, u"SELECT 1"_s).value(0), u"1"_s); // still alive: nothing was terminated
        // With terminate-sessions acknowledged, it ends them and restores.
        auto restored = restore(m_db, m_backup, true);
        QVERIFY2(restored, restored.ok() ? "" : qPrintable(restored.error().message));
        QVERIFY(restored->acceptsWrites);
        QCOMPARE(restored->checks.size(), m.tables.size());
        for (const auto &c : restored->checks)
            QVERIFY2(c.ok, qPrintable(c.table));
        QVERIFY(run(s, u"SELECT 1"_s).value(0).startsWith(u"ERROR"_s)); // this session was terminated
    }
    QCOMPARE(checksums(m_db), before);
}

void TestPgEngine::damagedBackupsAreRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("flipped byte") << u"flip"_s << u"checksum"_s;
    QTest::newRow("missing file") << u"remove"_s << u"is missing"_s;
    QTest::newRow("no manifest") << u"manifest"_s << u"manifest.json"_s;
}

void TestPgEngine::damagedBackupsAreRefused()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    if (m_backup.isEmpty())
        QSKIP("needs the backup of the first test");
    const QString copy = m_dir.filePath(u"damaged-"_s + damage);
    QVERIFY(copyBackup(copy));
    const QString victim = tableFile(copy);
    QVERIFY(!victim.isEmpty());
    if (damage == "flip"_L1) {
        QVERIFY(flipAByte(victim));
    } else if (damage == "remove"_L1) {
        QVERIFY(QFile::remove(victim));
    } else {
        QVERIFY(QFile::remove(copy + u"/manifest.json"_s));
    }
    const QString before = checksums(m_db);
    auto r = restore(m_db, copy, true);
    QVERIFY(!r);
    QCOMPARE(r.error().code, static_cast<int>(PgRestore::PreflightFailed));
    QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    QCOMPARE(checksums(m_db), before); // nothing changed
}

// A backup the pre-flight verified is not read again in the data step (downtime) while it is
// unchanged; a byte changed after the pre-flight (same size) is found all the same.
void TestPgEngine::verifiedBackupIsNotReadAgain()
{
    if (m_backup.isEmpty())
        QSKIP("needs the backup of the first test");
    auto restoreWith = [this](const QString &dir, const BackupFingerprint &verified) {
        PgRestore job;
        QSignalSpy done(&job, &PgRestore::finished);
        const PgRestore::Options o{options(m_db), dir, 2, true, 5000, verified};
        job.start(o);
        if (done.isEmpty() && !done.wait(120000))
            return eic::Result<RestoreOutcome>(eic::Error{u"restore timed out"_s, {}, 0});
        return done.first().first().value<eic::Result<RestoreOutcome>>();
    };
    BackupFingerprint seen;
    QVERIFY(PgRestore::verifyBackup(m_backup, {}, &seen));
    QVERIFY(seen.size() > 2); // manifest.json, toc.dat and the tables' files
    auto same = restoreWith(m_backup, seen);
    QVERIFY2(same, same.ok() ? "" : qPrintable(same.error().message));
    QVERIFY(!same->checksumsReadAgain);
    auto unverified = restoreWith(m_backup, {});
    QVERIFY(unverified && unverified->checksumsReadAgain);

    const QString copy = m_dir.filePath(u"changed-after-the-check"_s);
    QVERIFY(copyBackup(copy));
    BackupFingerprint copySeen;
    QVERIFY(PgRestore::verifyBackup(copy, {}, &copySeen));
    QVERIFY(flipAByte(tableFile(copy))); // same size, another checksum
    const QString before = checksums(m_db);
    auto changed = restoreWith(copy, copySeen);
    QVERIFY(!changed);
    QCOMPARE(changed.error().code, static_cast<int>(PgRestore::PreflightFailed));
    QVERIFY2(changed.error().message.contains(u"checksum"_s), qPrintable(changed.error().message));
    QCOMPARE(checksums(m_db), before);

    // data/ as a link to another volume: what is behind the link counts too.
    const QString volume = m_dir.filePath(u"other-volume"_s);
    const QString linked = m_dir.filePath(u"linked"_s);
    QVERIFY(copyBackup(volume));
    QVERIFY(QDir().mkpath(linked));
    QVERIFY(QFile::copy(volume + u"/manifest.json"_s, linked + u"/manifest.json"_s));
    QVERIFY(QFile::link(volume + u"/data"_s, linked + u"/data"_s));
    BackupFingerprint linkedSeen;
    QVERIFY(PgRestore::verifyBackup(linked, {}, &linkedSeen));
    QVERIFY(flipAByte(tableFile(volume)));
    auto behindTheLink = restoreWith(linked, linkedSeen);
    QVERIFY(!behindTheLink);
    QVERIFY2(behindTheLink.error().message.contains(u"checksum"_s), qPrintable(behindTheLink.error().message));
    QCOMPARE(checksums(m_db), before);
}

void TestPgEngine::wrongPasswordSaysSo()
{
    PgBackup job;
    QSignalSpy done(&job, &PgBackup::finished);
    auto o = options(m_db);
    o.password = u"wrong"_s;
    job.start({o, m_dir.filePath(u"never"_s), 1});
    QVERIFY(!done.isEmpty() || done.wait(20000));
    const auto r = done.first().first().value<eic::Result<BackupResult>>();
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"password authentication failed for user"_s), qPrintable(r.error().message));
    QVERIFY(!r.error().message.contains(u"wrong"_s));
    QVERIFY(!QDir(m_dir.filePath(u"never"_s)).exists() || QDir(m_dir.filePath(u"never"_s)).isEmpty());
}

void TestPgEngine::restoreCanBeCancelled()
{
    if (m_backup.isEmpty())
        QSKIP("needs the backup of the first test");
    PgRestore job;
    QSignalSpy done(&job, &PgRestore::finished);
    connect(&job, &PgRestore::progress, &job, [&job](const RestoreProgress &p) {
        if (p.phase == "restoring"_L1 && p.itemsDone >= 1)
            job.cancel();
    });
    job.start({options(m_db), m_backup, 1, true, 5000, {}});
    QVERIFY(!done.isEmpty() || done.wait(120000));
    const auto r = done.first().first().value<eic::Result<RestoreOutcome>>();
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"cancelled"_s), qPrintable(r.error().message));
    QVERIFY(job.databaseChanged());
    // Single-transaction restore: a cancel rolls back, so a new restore brings it all back.
    auto again = restore(m_db, m_backup, true);
    QVERIFY2(again, again.ok() ? "" : qPrintable(again.error().message));
}

void TestPgEngine::customFormatArchive()
{
    // A pg_dump -Fc file made by the admin's own tooling, with a sha256sum sidecar.
    const QString file = m_dir.filePath(u"cell.dump"_s);
    QProcess dump;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGPASSWORD"_s, qEnvironmentVariable("EIC_TEST_PGPASSWORD"));
    dump.setProcessEnvironment(env);
    dump.start(u"/usr/lib/postgresql/15/bin/pg_dump"_s, {u"-Fc"_s, u"-f"_s, file, u"-d"_s, toolConninfo(options(m_db))});
    QVERIFY(dump.waitForFinished(120000) && dump.exitCode() == 0);
    QProcess sum;
    sum.setWorkingDirectory(m_dir.path());
    sum.start(u"sha256sum"_s, {u"cell.dump"_s});
    QVERIFY(sum.waitForFinished(30000));
    QFile sidecar(file + u".sha256"_s);
    QVERIFY(sidecar.open(QIODevice::WriteOnly));
    sidecar.write(sum.readAllStandardOutput());
    sidecar.close();
    const QString before = checksums(m_db);
    {
        PgSession s;
        QVERIFY(open(s, m_db));
        QVERIFY(!run(s, u"DELETE FROM edc.message_log WHERE id % 2 = 0"_s).value(0).startsWith(u"ERROR"_s));
    }
    auto restored = restore(m_db, file, true);
    QVERIFY2(restored, restored.ok() ? "" : qPrintable(restored.error().message));
    QVERIFY(restored->checks.size() >= 5); // the tables named in its table of contents exist
    QCOMPARE(checksums(m_db), before);

    // A damaged copy: the sidecar's checksum refuses it before anything changes.
    QVERIFY(QFile::copy(file, file + u".bad"_s));
    QFile bad(file + u".bad"_s);
    QVERIFY(bad.open(QIODevice::ReadWrite));
    bad.seek(bad.size() / 2);
    bad.write("XXXX");
    bad.close();
    QVERIFY(QFile::copy(file + u".sha256"_s, file + u".bad.sha256"_s));
    auto refused = restore(m_db, file + u".bad"_s, true);
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, static_cast<int>(PgRestore::PreflightFailed));
    QVERIFY2(refused.error().message.contains(u"checksum"_s), qPrintable(refused.error().message));
    // Truncated, without a sidecar: pg_restore --list refuses it.
    QVERIFY(QFile::copy(file, file + u".cut"_s));
    QFile cut(file + u".cut"_s);
    QVERIFY(cut.resize(1000));
    auto unreadable = restore(m_db, file + u".cut"_s, true);
    QVERIFY(!unreadable);
    QCOMPARE(unreadable.error().code, static_cast<int>(PgRestore::PreflightFailed));
    QCOMPARE(checksums(m_db), before);
}

void TestPgEngine::backupCanBeCancelled_data()
{
    QTest::addColumn<int>("afterMs");
    QTest::newRow("while connecting") << 0;
    QTest::newRow("while dumping") << 150;
}

void TestPgEngine::backupCanBeCancelled()
{
    QFETCH(int, afterMs);
    const QString folder = m_dir.filePath(u"cancelled-%1"_s.arg(afterMs));
    PgBackup job;
    QSignalSpy done(&job, &PgBackup::finished);
    job.start({options(m_db), folder, 1, 0});
    QTimer::singleShot(afterMs, &job, [&job] { job.cancel(); });
    QVERIFY(!done.isEmpty() || done.wait(60000));
    const auto r = done.first().first().value<eic::Result<BackupResult>>();
    if (r.ok())
        QSKIP("the backup finished before the cancel arrived");
    QVERIFY2(r.error().message.contains(u"cancelled"_s), qPrintable(r.error().message));
    // Nothing half-written is left to look like a backup.
    QVERIFY(!QDir(folder).exists() || QDir(folder).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
}

QTEST_MAIN(TestPgEngine)
#include "tst_pgengine.moc"
