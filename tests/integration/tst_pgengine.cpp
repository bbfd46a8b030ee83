// The PostgreSQL engine against the real PostgreSQL 15 of scripts/test: a database shaped like
// the cell's (schemas, foreign keys, indexes, sequences, bytea, a large object, 300k rows) is
// backed up, changed, and restored to identical contents; damaged backups are refused before
// anything changes; a connected session blocks the restore until terminate-sessions; a wrong
// password and TLS verify-full behave; a restore can be cancelled and says so. The children
// the stores start belong to the run (own group, default signals, die with their parent), the
// password files live in a private folder that no job, cancel or kill leaves behind, and a
// backup is verified item by item (a manifest edited, out of bounds or unchecked; a custom dump
// cut after its table of contents; a file that is no dump at all).

#include "PgEngineFixture.h"
#include "stores/postgres/BackupManifest.h"
#include "stores/postgres/BackupVerification.h"
#include "stores/postgres/PgBackup.h"
#include "stores/postgres/PgRestore.h"
#include "stores/postgres/PgSession.h"
#include "stores/postgres/PgTools.h"
#include "util/ChildProcess.h"
#include "util/PrivateDir.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <csignal>

#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace eic::stores;
using eic::util::ChildRecord;
using namespace pgengine;

class TestPgEngine : public QObject, private PgEngineFixture {
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
    void backupVerification_data();
    void backupVerification();
    void oldBackupIsRestorableButSaysNotChecked();
    void killedRestoreLeavesNothing();
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
    // A secret in our environment must reach no child (they get a PGPASSFILE instead).
    qputenv("PGPASSWORD", "must-not-reach-a-child");
    qputenv("REDISCLI_AUTH", "must-not-reach-a-child");
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
    // The manifest describes what is on disk, and is sealed by its checksum.
    QVERIFY(m.verify(m_backup));
    QVERIFY(QFile::exists(m_backup + u"/manifest.json.sha256"_s));
    // pg_dump ran in a group of its own, got the password as a 0600 file in a 0700 folder of
    // ours (not /tmp), and no secret of our environment; nothing of it is left.
    QCOMPARE(m_children.size(), 1);
    QVERIFY2(m_childEnv.filter(u"PGPASSWORD"_s).isEmpty() && m_childEnv.filter(u"REDISCLI_AUTH"_s).isEmpty(), qPrintable(m_childEnv.join(u' ')));
    QVERIFY2(!m_childEnv.filter(QRegularExpression(u"^PGPASSFILE="_s + QRegularExpression::escape(eic::util::PrivateDir::base()) + u"/pgbackup-\\d+/pgpass$"_s)).isEmpty(),
             qPrintable(m_childEnv.filter(u"PGPASSFILE"_s).join(u' ')));
    QVERIFY(m_childEnv.contains(u"mode=600"_s) && m_childEnv.contains(u"dirmode=700"_s));
    QVERIFY2(secretsLeft().isEmpty(), qPrintable(secretsLeft().join(u' ')));

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
        QVERIFY(restored->verification.complete());
    }
    QCOMPARE(checksums(m_db), before);
    QVERIFY2(secretsLeft().isEmpty(), qPrintable(secretsLeft().join(u' ')));
}

void TestPgEngine::damagedBackupsAreRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("flipped byte") << u"flip"_s << u"checksum"_s;
    QTest::newRow("missing file") << u"remove"_s << u"is missing"_s;
    QTest::newRow("no manifest") << u"manifest"_s << u"manifest.json"_s;
    QTest::newRow("row count edited") << u"rows"_s << u"manifest.json was changed after the backup was taken"_s;
    QTest::newRow("jobs 100000") << u"jobs"_s << u"\"jobs\" is 100000"_s;
    QTest::newRow("file outside the folder") << u"outside"_s << u"is not inside the backup's data folder"_s;
}

void TestPgEngine::damagedBackupsAreRefused()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    if (m_backup.isEmpty())
        QSKIP("needs the backup of the first test");
    const QString copy = m_dir.filePath(u"damaged-"_s + damage);
    auto rows = [](QJsonObject &m) {
        QJsonArray tables = m.value("tables"_L1).toArray();
        QJsonObject t = tables.at(0).toObject();
        t["rows"_L1] = t.value("rows"_L1).toInteger() + 1;
        tables[0] = t;
        m["tables"_L1] = tables;
    };
    auto jobs = [](QJsonObject &m) { m["jobs"_L1] = 100000; };
    auto outside = [](QJsonObject &m) {
        QJsonArray files = m.value("files"_L1).toArray();
        QJsonObject f = files.at(0).toObject();
        f["path"_L1] = u"data/../../../etc/passwd"_s;
        files[0] = f;
        m["files"_L1] = files;
    };
    // An edited row count with the old checksum; values out of bounds even when resealed.
    if (damage == "rows"_L1 || damage == "jobs"_L1 || damage == "outside"_L1)
        QVERIFY(editedCopy(copy, damage == "rows"_L1 ? rows : damage == "jobs"_L1 ? jobs : outside, damage != "rows"_L1));
    else
        QVERIFY(copyBackup(copy));
    if (damage == "rows"_L1)
        QVERIFY(QFile::copy(m_backup + u"/manifest.json.sha256"_s, copy + u"/manifest.json.sha256"_s));
    const QString victim = tableFile(m_backup).replace(m_backup, copy);
    QVERIFY(!victim.isEmpty());
    if (damage == "flip"_L1) {
        QVERIFY(flipAByte(victim));
    } else if (damage == "remove"_L1) {
        QVERIFY(QFile::remove(victim));
    } else if (damage == "manifest"_L1) {
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
    // finished() comes only once no process of pg_restore is left.
    QList<ChildRecord> children;
    bool childLeft = false;
    connect(&job, &PgRestore::finished, &job, [&] {
        childLeft = std::any_of(children.begin(), children.end(), [](const ChildRecord &c) { return eic::util::groupAlive(c); });
    });
    PgRestore::Options o{options(m_db), m_backup, 1, true, 5000, {}};
    o.childStarted = [&children](const ChildRecord &c) { children.append(c); };
    job.start(o);
    QVERIFY(!done.isEmpty() || done.wait(120000));
    const auto r = done.first().first().value<eic::Result<RestoreOutcome>>();
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"cancelled"_s), qPrintable(r.error().message));
    QCOMPARE(children.size(), 2); // pg_restore --list, then pg_restore
    QVERIFY(!childLeft);
    QVERIFY(job.databaseChanged());
    QVERIFY2(secretsLeft().isEmpty(), qPrintable(secretsLeft().join(u' ')));
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
    // Cut after its table of contents, without a sidecar: pg_restore --list reads it, reading
    // every data block to the end does not.
    QVERIFY(QFile::copy(file, file + u".tail"_s));
    QFile tail(file + u".tail"_s);
    QVERIFY(tail.resize(tail.size() - 4096));
    auto cutTail = restore(m_db, file + u".tail"_s, true);
    QVERIFY(!cutTail);
    QCOMPARE(cutTail.error().code, static_cast<int>(PgRestore::PreflightFailed));
    QVERIFY2(cutTail.error().message.contains(u"cannot read it to the end"_s), qPrintable(cutTail.error().message));
    QCOMPARE(checksums(m_db), before);
    m_customDump = file;
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
    QList<ChildRecord> children;
    bool childLeft = false;
    connect(&job, &PgBackup::finished, &job, [&] {
        childLeft = std::any_of(children.begin(), children.end(), [](const ChildRecord &c) { return eic::util::groupAlive(c); });
    });
    PgBackup::Options o{options(m_db), folder, 1, 0};
    o.childStarted = [&children](const ChildRecord &c) { children.append(c); };
    job.start(o);
    QTimer::singleShot(afterMs, &job, [&job] { job.cancel(); });
    QVERIFY(!done.isEmpty() || done.wait(60000));
    QVERIFY(!childLeft); // finished() only once pg_dump and its workers are gone
    const auto r = done.first().first().value<eic::Result<BackupResult>>();
    if (r.ok())
        QSKIP("the backup finished before the cancel arrived");
    QVERIFY2(r.error().message.contains(u"cancelled"_s), qPrintable(r.error().message));
    // Nothing half-written is left to look like a backup.
    QVERIFY(!QDir(folder).exists() || QDir(folder).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).isEmpty());
    QVERIFY2(secretsLeft().isEmpty(), qPrintable(secretsLeft().join(u' ')));
}


void TestPgEngine::backupVerification_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<bool>("passed");
    QTest::addColumn<QString>("item");    // the failed item, or the one not checked
    QTest::addColumn<QString>("sentence"); // a part of the verification's sentence
    QTest::newRow("good backup") << u"good"_s << true << QString() << u"verified completely"_s;
    QTest::newRow("older backup, no manifest checksum") << u"unsealed"_s << true << u"manifest checksum"_s << u"manifest checksum NOT checked"_s;
    QTest::newRow("row count edited") << u"rows"_s << false << u"manifest checksum"_s << u"manifest.json was changed after the backup was taken"_s;
    QTest::newRow("jobs 100000") << u"jobs"_s << false << u"manifest"_s << u"\"jobs\" is 100000, eic-restore accepts 1 to 64"_s;
    QTest::newRow("negative row count") << u"negative"_s << false << u"manifest"_s << u"-5 rows"_s;
    QTest::newRow("custom dump with sidecar") << u"dump"_s << true << QString() << u"verified completely"_s;
    QTest::newRow("custom dump, no sidecar") << u"dump-nosidecar"_s << true << u"checksum"_s << u"checksum NOT checked"_s;
    QTest::newRow("custom dump cut, no sidecar") << u"dump-cut"_s << false << u"data"_s << u"cannot read it to the end"_s;
    QTest::newRow("a regular file") << u"text"_s << false << u"format"_s << u"is a plain SQL dump (restore it with psql): not a pg_dump custom archive or an eic-restore backup folder"_s;
}

void TestPgEngine::backupVerification()
{
    QFETCH(QString, kind);
    QFETCH(bool, passed);
    QFETCH(QString, item);
    QFETCH(QString, sentence);
    if (m_backup.isEmpty() || m_customDump.isEmpty())
        QSKIP("needs the backups of the earlier tests");
    const QString copy = m_dir.filePath(u"verify-"_s + kind);
    QString path = copy;
    auto setTable = [](const char *key, qint64 value) {
        return [key, value](QJsonObject &m) {
            QJsonArray tables = m.value("tables"_L1).toArray();
            QJsonObject t = tables.at(0).toObject();
            t[QLatin1StringView(key)] = value;
            tables[0] = t;
            m["tables"_L1] = tables;
        };
    };
    if (kind == "good"_L1) {
        QVERIFY(copyBackup(copy));
    } else if (kind == "unsealed"_L1) {
        QVERIFY(editedCopy(copy, {}, false));
    } else if (kind == "rows"_L1) {
        QVERIFY(editedCopy(copy, setTable("rows", 7), false));
        QVERIFY(QFile::copy(m_backup + u"/manifest.json.sha256"_s, copy + u"/manifest.json.sha256"_s));
    } else if (kind == "jobs"_L1) {
        QVERIFY(editedCopy(copy, [](QJsonObject &m) { m["jobs"_L1] = 100000; }, true));
    } else if (kind == "negative"_L1) {
        QVERIFY(editedCopy(copy, setTable("rows", -5), true));
    } else {
        path = copy + u".dump"_s;
        if (kind == "text"_L1) {
            QFile text(path);
            QVERIFY(text.open(QIODevice::WriteOnly) && text.write("--\n-- PostgreSQL database dump\n--\nSELECT 1;\n") > 0);
        } else {
            QVERIFY(QFile::copy(m_customDump, path));
        }
        if (kind == "dump"_L1)
            QVERIFY(QFile::copy(m_customDump + u".sha256"_s, path + u".sha256"_s) && QFile(path + u".sha256"_s).open(QIODevice::ReadOnly));
        if (kind == "dump-cut"_L1)
            QVERIFY(QFile(path).resize(QFileInfo(path).size() - 4096));
    }
    QElapsedTimer clock;
    clock.start();
    const BackupVerification v = BackupVerification::check(path);
    qInfo("%s: %s (%lld ms, %lld bytes)", qPrintable(kind), qPrintable(v.sentence()), clock.elapsed(), QFileInfo(path).size());
    QCOMPARE(v.passed(), passed);
    QVERIFY2(v.sentence().contains(sentence), qPrintable(v.sentence()));
    if (!passed)
        QCOMPARE(v.error().detail, item);
    QCOMPARE(v.complete(), passed && item.isEmpty());
    if (passed && !item.isEmpty())
        QCOMPARE(v.notChecked(), QStringList{item});
    // The yes-or-no form agrees; the journal's form names every outcome.
    QCOMPARE(PgRestore::verifyBackup(path).ok(), passed);
    QVERIFY(v.toJson().value("checks"_L1).toArray().size() >= 1);
}

// An older backup (no manifest.json.sha256) is restored, and the outcome says what was not checked.
void TestPgEngine::oldBackupIsRestorableButSaysNotChecked()
{
    if (m_backup.isEmpty())
        QSKIP("needs the backup of the first test");
    const QString copy = m_dir.filePath(u"older"_s);
    QVERIFY(editedCopy(copy, {}, false));
    auto restored = restore(m_db, copy, true);
    QVERIFY2(restored, restored.ok() ? "" : qPrintable(restored.error().message));
    QCOMPARE(restored->verification.notChecked(), QStringList{u"manifest checksum"_s});
    const QJsonObject journal = restored->toJson().value("verification"_L1).toObject();
    QVERIFY(journal.value("passed"_L1).toBool() && !journal.value("complete"_L1).toBool());
    QVERIFY2(journal.value("sentence"_L1).toString().contains(u"NOT checked"_s), qPrintable(journal.value("sentence"_L1).toString()));
}

// eicctl killed with SIGKILL while pg_restore runs: pg_restore dies with it (PDEATHSIG), and the
// next start's sweep removes the password file the dead process could not remove.
void TestPgEngine::killedRestoreLeavesNothing()
{
    if (m_backup.isEmpty())
        QSKIP("needs the backup of the first test");
    QProcess helper;
    helper.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    helper.start(QCoreApplication::applicationFilePath(), {u"--eic-restore-helper"_s, m_backup, m_db});
    QVERIFY(helper.waitForStarted());
    std::optional<ChildRecord> restoring;
    // (QTRY evaluates its condition once more after it holds: the line is read only once.)
    auto seen = [&] {
        if (!restoring)
            restoring = restoringChild(helper);
        return restoring.has_value() || helper.state() == QProcess::NotRunning;
    };
    QTRY_VERIFY_WITH_TIMEOUT(seen(), 60000);
    QVERIFY(restoring);
    QVERIFY(eic::util::isAlive(*restoring));
    QVERIFY(!secretsLeft().isEmpty()); // the helper's private folder with its pgpass
    ::kill(static_cast<pid_t>(helper.processId()), SIGKILL);
    QVERIFY(helper.waitForFinished(5000));
    QElapsedTimer clock;
    clock.start();
    QTRY_VERIFY_WITH_TIMEOUT(!eic::util::groupAlive(*restoring), 5000);
    qInfo("pg_restore gone %lld ms after its parent was killed", clock.elapsed());
    QVERIFY(eic::util::PrivateDir::sweep() >= 1);
    QVERIFY2(secretsLeft().isEmpty(), qPrintable(secretsLeft().join(u' ')));
    auto again = restore(m_db, m_backup, true); // single transaction: nothing half-written stays
    QVERIFY2(again, again.ok() ? "" : qPrintable(again.error().message));
}

int main(int argc, char **argv)
{
    // This binary is also the parent the kill tests kill (see PgEngineFixture.h).
    if (const int helper = pgEngineHelper(argc, argv); helper >= 0)
        return helper;
    isolateSecrets();
    QCoreApplication app(argc, argv);
    TestPgEngine test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_pgengine.moc"
