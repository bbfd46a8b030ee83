// The Redis engine against the real Redis 7 of scripts/test: every type, binary keys, empty
// values, a 50 MB value and TTLs across several databases are backed up and restored to the
// same bytes (DEBUG DIGEST equal); damaged and truncated files are refused with nothing
// written; an ACL user without DUMP gets a clear sentence; TLS with the right and the wrong CA.

#include "stores/redis/RedisBackupFile.h"
#include "stores/redis/RedisConnection.h"
#include "stores/redis/RedisInspection.h"
#include "stores/redis/RedisJobs.h"

#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <optional>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace eic::stores;

class TestRedisEngine : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void roundTripOfEveryType();
    void damagedFilesAreRefused_data();
    void damagedFilesAreRefused();
    void aclWithoutDumpSaysSo();
    void connectionCutMidRestoreSaysHowFar();
    void inspectionSeesKeysClientsAndPersistence();
    void tlsWithTheWrongCaIsRefused();
    void cleanupTestCase();

private:
    RedisOptions options(bool tls = false) const
    {
        RedisOptions o;
        o.host = tls ? u"localhost"_s : qEnvironmentVariable("EIC_TEST_REDIS_HOST");
        o.port = static_cast<quint16>(qEnvironmentVariableIntValue(tls ? "EIC_TEST_REDIS_TLS_PORT" : "EIC_TEST_REDIS_PORT"));
        o.password = qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD");
        o.tls = tls;
        o.caFile = qEnvironmentVariable("EIC_TEST_CA");
        return o;
    }
    RedisReply run(RedisConnection &c, const QList<QByteArray> &argv)
    {
        std::optional<eic::Result<RedisReply>> r;
        c.command(argv, [&r](const eic::Result<RedisReply> &x) { r = x; });
        if (!QTest::qWaitFor([&] { return r.has_value(); }, 60000) || !*r)
            return RedisReply{RedisReply::Type::Error, "no answer", 0, {}};
        return r->value();
    }
    bool connect(RedisConnection &c, const RedisOptions &o)
    {
        std::optional<eic::Result<bool>> r;
        c.open(o, [&r](const eic::Result<bool> &x) { r = x; });
        return QTest::qWaitFor([&] { return r.has_value(); }, 20000) && r->ok();
    }
    QByteArray digest()
    {
        RedisConnection c;
        if (!connect(c, options()))
            return {};
        return run(c, {"DEBUG", "DIGEST"}).str;
    }
    eic::Result<RedisBackupResult> backup(const RedisOptions &o, const QString &folder)
    {
        RedisBackup job;
        QSignalSpy done(&job, &RedisBackup::finished);
        job.start({o, folder, 500});
        if (done.isEmpty() && !done.wait(120000))
            return eic::Error{u"timeout"_s, {}, 0};
        return done.first().first().value<eic::Result<RedisBackupResult>>();
    }
    eic::Result<RedisRestoreResult> restore(const RedisOptions &o, const QString &file, bool flush)
    {
        RedisRestore job;
        QSignalSpy done(&job, &RedisRestore::finished);
        job.start({o, file, flush, 2000});
        if (done.isEmpty() && !done.wait(120000))
            return eic::Error{u"timeout"_s, {}, 0};
        return done.first().first().value<eic::Result<RedisRestoreResult>>();
    }

    QTemporaryDir m_dir;
    QString m_file;
    QByteArray m_digest;
    bool m_ready = false;
};

void TestRedisEngine::initTestCase()
{
    qRegisterMetaType<eic::Result<RedisBackupResult>>();
    qRegisterMetaType<eic::Result<RedisRestoreResult>>();
    if (!qEnvironmentVariableIsSet("EIC_TEST_REDIS_PORT")) {
        if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
            QFAIL("EIC_TEST_REDIS_PORT unset although EIC_REQUIRE_SERVICES=1");
        QSKIP("no Redis from scripts/test");
    }
    RedisConnection c;
    QVERIFY(connect(c, options()));
    QCOMPARE(run(c, {"FLUSHALL"}).str, QByteArray("OK"));
    // db 0: strings (binary key, empty value, TTL), hash, list, set, sorted set, stream, 50 MB.
    run(c, {"SET", QByteArray("bin\x00key\xff", 8), "binary"});
    run(c, {"SET", "empty", ""});
    run(c, {"SET", "ttl:long", "stays", "PX", "3600000"});
    run(c, {"HSET", "hash", "a", "1", "b", "2"});
    run(c, {"RPUSH", "list", "x", "y", "z"});
    run(c, {"SADD", "set", "m1", "m2"});
    run(c, {"ZADD", "zset", "1.5", "a", "2.5", "b"});
    run(c, {"XADD", "stream", "1-1", "field", "value"});
    // 50 MB that DUMP cannot compress.
    QByteArray big(50 * 1024 * 1024, Qt::Uninitialized);
    QRandomGenerator(7).fillRange(reinterpret_cast<quint32 *>(big.data()), big.size() / 4);
    run(c, {"SET", "big", big});
    for (int i = 0; i < 3000; ++i)
        c.command({"SET", "k:" + QByteArray::number(i), QByteArray::number(i * 7)}, [](const eic::Result<RedisReply> &) {});
    QCOMPARE(run(c, {"PING"}).str, QByteArray("PONG"));
    // db 1 and db 3 too.
    run(c, {"SELECT", "1"});
    run(c, {"HSET", "policy:1", "rate", "10"});
    run(c, {"SET", "short-ttl", "gone soon", "PX", "60000"});
    run(c, {"SELECT", "3"});
    run(c, {"LPUSH", "queue", "job"});
    m_digest = digest();
    QVERIFY2(!m_digest.isEmpty() && m_digest != "no answer", "DEBUG DIGEST must be enabled in the test server");
    m_ready = true;
}

void TestRedisEngine::roundTripOfEveryType()
{
    auto b = backup(options(), m_dir.path());
    QVERIFY2(b, b.ok() ? "" : qPrintable(b.error().message));
    m_file = b->path;
    QCOMPARE(b->records, 3000 + 9 + 2 + 1);
    QCOMPARE(b->skipped, 0);
    QVERIFY(b->bytes > 50 * 1024 * 1024);
    auto summary = RedisBackupReader::scan(m_file);
    QVERIFY(summary);
    QCOMPARE(summary->records, b->records);
    QCOMPARE(summary->recordsPerDb.value(1), 2);
    QCOMPARE(summary->recordsPerDb.value(3), 1);

    // Change everything, then restore completely (flush acknowledged).
    {
        RedisConnection c;
        QVERIFY(connect(c, options()));
        run(c, {"DEL", "hash", "big"});
        run(c, {"SET", "junk", "not in the backup"});
        run(c, {"SELECT", "1"});
        run(c, {"FLUSHDB"});
    }
    QVERIFY(digest() != m_digest);
    auto r = restore(options(), m_file, true);
    QVERIFY2(r, r.ok() ? "" : qPrintable(r.error().message));
    QCOMPARE(r->restored, b->records);
    QVERIFY(r->flushed);
    QCOMPARE(r->keysPerDb.value(0), r->expectedPerDb.value(0));
    QVERIFY(r->sampleCompared > 10);
    QCOMPARE(r->digestCheck, u"equal"_s);
    QCOMPARE(digest(), m_digest);
    // TTLs are kept as deadlines, not restarted.
    RedisConnection c;
    QVERIFY(connect(c, options()));
    const qint64 pttl = run(c, {"PTTL", "ttl:long"}).integer;
    QVERIFY(pttl > 3500000 && pttl <= 3600000);
    QCOMPARE(run(c, {"GET", QByteArray("bin\x00key\xff", 8)}).str, QByteArray("binary"));
    QCOMPARE(run(c, {"EXISTS", "junk"}).integer, 0);
}

void TestRedisEngine::damagedFilesAreRefused_data()
{
    QTest::addColumn<QString>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("flipped byte in a record") << u"flip"_s << u"checksum of record"_s;
    QTest::newRow("truncated") << u"truncate"_s << u"damaged or truncated"_s;
    QTest::newRow("not a backup") << u"garbage"_s << u"is not a data store backup"_s;
}

void TestRedisEngine::damagedFilesAreRefused()
{
    QFETCH(QString, damage);
    QFETCH(QString, expected);
    if (m_file.isEmpty())
        QSKIP("needs the backup of the round trip");
    const QString copy = m_dir.filePath(u"damaged-"_s + damage);
    QFile::remove(copy);
    QVERIFY(QFile::copy(m_file, copy));
    QFile f(copy);
    QVERIFY(f.open(QIODevice::ReadWrite));
    if (damage == "flip"_L1) {
        f.seek(f.size() / 3); // inside the 50 MB value
        char ch = 0;
        f.getChar(&ch);
        f.seek(f.size() / 3);
        f.putChar(static_cast<char>(ch ^ 1));
    } else if (damage == "truncate"_L1) {
        f.resize(f.size() - 100);
    } else {
        f.resize(0);
        f.write("hello, this is not a backup");
    }
    f.close();
    {
        RedisConnection c;
        QVERIFY(connect(c, options()));
        run(c, {"SET", "marker", "must survive"});
    }
    auto r = restore(options(), copy, true);
    QVERIFY(!r);
    QCOMPARE(r.error().code, static_cast<int>(RedisRestore::PreflightFailed));
    QVERIFY2(r.error().message.contains(expected), qPrintable(r.error().message));
    RedisConnection c;
    QVERIFY(connect(c, options()));
    QCOMPARE(run(c, {"GET", "marker"}).str, QByteArray("must survive")); // nothing was flushed or written
    run(c, {"DEL", "marker"});
}

void TestRedisEngine::aclWithoutDumpSaysSo()
{
    RedisOptions o = options();
    o.username = qEnvironmentVariable("EIC_TEST_REDIS_RO_USER", u"eic-readonly"_s);
    o.password = qEnvironmentVariable("EIC_TEST_REDIS_RO_PASSWORD");
    auto b = backup(o, m_dir.filePath(u"readonly"_s));
    QVERIFY(!b);
    QVERIFY2(b.error().message.contains(u"does not let user \"eic-readonly\" run DUMP"_s), qPrintable(b.error().message));
    // The ACL user with the rights works.
    RedisOptions full = options();
    full.username = qEnvironmentVariable("EIC_TEST_REDIS_ACL_USER");
    full.password = qEnvironmentVariable("EIC_TEST_REDIS_ACL_PASSWORD");
    auto ok = backup(full, m_dir.filePath(u"acl"_s));
    QVERIFY2(ok, ok.ok() ? "" : qPrintable(ok.error().message));
}

// The server drops the connection while keys are being restored (CLIENT KILL from another
// client): the restore ends with a clear error that says the store is partly restored and how far.
void TestRedisEngine::connectionCutMidRestoreSaysHowFar()
{
    RedisConnection control;
    QVERIFY(connect(control, options()));
    run(control, {"FLUSHALL"});
    run(control, {"DEBUG", "POPULATE", "300000", "cut", "100"});
    auto b = backup(options(), m_dir.filePath(u"cut"_s));
    QVERIFY2(b, b ? "" : qPrintable(b.error().message));
    RedisRestore job;
    QSignalSpy done(&job, &RedisRestore::finished);
    bool killed = false;
    QObject::connect(&job, &RedisRestore::progress, &job, [&](const RedisProgress &p) {
        if (p.phase == "restoring"_L1 && !std::exchange(killed, true))
            control.command({"CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes"}, [](const eic::Result<RedisReply> &) {});
    });
    job.start({options(), b->path, true, 2000});
    QVERIFY(done.wait(120000));
    QVERIFY(killed);
    const auto r = done.first().first().value<eic::Result<RedisRestoreResult>>();
    QVERIFY(!r);
    QVERIFY2(r.error().message.contains(u"PARTLY restored"_s), qPrintable(r.error().message));
    QVERIFY2(r.error().message.contains(u"of 300000 keys"_s), qPrintable(r.error().message));
    QVERIFY(job.dataChanged());
    QVERIFY(run(control, {"DBSIZE"}).integer < 300000);
}

// INFO and CLIENT LIST as the plan needs them: keys per database, no AOF, the snapshot's age,
// the other clients grouped by name (two "policyengine" connections must show as one group of 2).
void TestRedisEngine::inspectionSeesKeysClientsAndPersistence()
{
    RedisConnection control;
    QVERIFY(connect(control, options()));
    run(control, {"FLUSHALL"});
    run(control, {"SELECT", "3"});
    run(control, {"SET", "a", "1"});
    run(control, {"SET", "b", "2", "EX", "100"});
    run(control, {"SAVE"});
    RedisConnection pe1;
    RedisConnection pe2;
    QVERIFY(connect(pe1, options()));
    QVERIFY(connect(pe2, options()));
    run(pe1, {"CLIENT", "SETNAME", "policyengine"});
    run(pe2, {"CLIENT", "SETNAME", "policyengine"});
    std::optional<eic::Result<RedisInspection>> got;
    inspectRedis(&control, [&got](const eic::Result<RedisInspection> &r) { got = r; });
    QTRY_VERIFY_WITH_TIMEOUT(got.has_value(), 10000);
    QVERIFY2(*got, *got ? "" : qPrintable(got->error().message));
    const RedisInspection &i = got->value();
    QCOMPARE(i.product, u"redis"_s);
    QVERIFY(i.version.startsWith(u"7."_s));
    QCOMPARE(i.role, u"master"_s);
    QVERIFY(!i.loading);
    QVERIFY(!i.aofEnabled);
    QCOMPARE(i.keysPerDb.value(3), 2u);
    QCOMPARE(i.expiresPerDb.value(3), 1u);
    QCOMPARE(i.totalKeys(), 2u);
    QVERIFY(i.snapshotAgeSeconds >= 0 && i.snapshotAgeSeconds < 60);
    QVERIFY(i.clientsListed);
    const auto pe = std::find_if(i.clients.begin(), i.clients.end(), [](const RedisClientGroup &g) { return g.name == "policyengine"_L1; });
    QVERIFY(pe != i.clients.end());
    QCOMPARE(pe->count, 2);
    QCOMPARE(pe->host, u"127.0.0.1"_s);
    run(control, {"FLUSHALL"});
}

void TestRedisEngine::tlsWithTheWrongCaIsRefused()
{
    if (m_file.isEmpty())
        QSKIP("needs the backup of the round trip");
    auto right = restore(options(true), m_file, true);
    QVERIFY2(right, right.ok() ? "" : qPrintable(right.error().message));
    RedisOptions wrong = options(true);
    wrong.caFile = qEnvironmentVariable("EIC_TEST_OTHER_CA");
    auto refused = restore(wrong, m_file, true);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"not signed by the CA you gave"_s), qPrintable(refused.error().message));
}

void TestRedisEngine::cleanupTestCase()
{
    if (!m_ready)
        return;
    RedisConnection c;
    if (connect(c, options()))
        run(c, {"FLUSHALL"});
}

QTEST_MAIN(TestRedisEngine)
#include "tst_redisengine.moc"
