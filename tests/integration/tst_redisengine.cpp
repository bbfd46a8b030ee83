// The Redis engine against the real Redis 7 of scripts/test: every type, binary keys, empty
// values, a 50 MB value and TTLs across several databases are backed up and restored to the
// same bytes (DEBUG DIGEST equal); damaged and truncated files are refused with nothing
// written; an ACL user without DUMP gets a clear sentence; TLS with the right and the wrong CA.

#include "stores/redis/RedisBackupFile.h"
#include "stores/redis/RedisConnection.h"
#include "stores/redis/RedisInspection.h"
#include "stores/redis/RedisBackup.h"
#include "stores/redis/RedisJobRunner.h"
#include "stores/redis/RedisRestore.h"
#include "stores/redis/RedisTopology.h"

#include <QJsonArray>

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
    void dumpValuesCompareWithoutHashOrder();
    void damagedFilesAreRefused_data();
    void damagedFilesAreRefused();
    void aclWithoutDumpSaysSo();
    void connectionCutMidRestoreSaysHowFar();
    void inspectionSeesKeysClientsAndPersistence();
    void tlsWithTheWrongCaIsRefused();
    void clusterBackupAndSlotRoutedRestore();
    void sentinelLeadsToTheMaster();
    void loadingIsWaitedOut();
    void jobRunsOffTheCallersThread();
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

void TestRedisEngine::dumpValuesCompareWithoutHashOrder()
{
    // A set and a hash in hash tables (values over 64 bytes leave the listpack): their
    // RESTOREd copies serialise in another order. The values compress (LZF) in the DUMP.
    RedisConnection c;
    QVERIFY(connect(c, options()));
    run(c, {"SELECT", "9"});
    run(c, {"DEL", "s", "s2", "s3", "h", "h2", "h3"});
    for (int i = 1; i <= 20; ++i)
        run(c, {"SADD", "s", "tenant-" + QByteArray::number(i)});
    for (int i = 1; i <= 200; ++i)
        run(c, {"HSET", "h", "field-" + QByteArray::number(i), QByteArray(70, char('a' + i % 26)) + QByteArray::number(i)});
    for (const char *key : {"s", "h"}) {
        const QByteArray original = run(c, {"DUMP", key}).str;
        const QByteArray copyKey = QByteArray(key) + '2';
        QCOMPARE(run(c, {"RESTORE", copyKey, "0", original}).str, QByteArray("OK"));
        const QByteArray copy = run(c, {"DUMP", copyKey}).str;
        QVERIFY2(copy != original, "the copy serialises in the same order: this Redis needs no canonical comparison");
        QVERIFY(sameDumpValue(original, copy));
        // One element more or one value changed: different.
        const QByteArray otherKey = QByteArray(key) + '3';
        run(c, {"RESTORE", otherKey, "0", original});
        if (QByteArray(key) == "s")
            run(c, {"SADD", otherKey, "tenant-99"});
        else
            run(c, {"HSET", otherKey, "field-7", "changed"});
        QVERIFY(!sameDumpValue(original, run(c, {"DUMP", otherKey}).str));
    }
    QVERIFY(!sameDumpValue(run(c, {"DUMP", "s"}).str, run(c, {"DUMP", "h"}).str));
    run(c, {"FLUSHDB"});
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

// A cluster: keys written to the master that owns their slot by our CRC16 (the server would
// answer MOVED otherwise; CLUSTER KEYSLOT agrees, hash tags included), backed up master by master
// into one file, the cluster emptied, restored with every key routed to its slot's master.
void TestRedisEngine::clusterBackupAndSlotRoutedRestore()
{
    const QStringList ports = qEnvironmentVariable("EIC_TEST_REDIS_CLUSTER_PORTS").split(u' ', Qt::SkipEmptyParts);
    QVERIFY2(ports.size() == 3, "scripts/test starts a cluster of three masters (EIC_TEST_REDIS_CLUSTER_PORTS)");
    RedisOptions seed = options();
    seed.port = static_cast<quint16>(ports.at(1).toUInt());
    seed.topology = RedisOptions::Topology::Cluster;
    std::optional<eic::Result<QList<RedisNode>>> resolved;
    resolveRedisMasters(seed, this, [&resolved](const eic::Result<QList<RedisNode>> &r) { resolved = r; });
    QTRY_VERIFY_WITH_TIMEOUT(resolved.has_value(), 10000);
    QVERIFY2(*resolved, *resolved ? "" : qPrintable(resolved->error().message));
    const QList<RedisNode> masters = resolved->value();
    QCOMPARE(masters.size(), 3);
    auto slotMap = redisSlotMap(masters);
    QVERIFY(slotMap);
    std::vector<std::unique_ptr<RedisConnection>> conns;
    for (const RedisNode &m : masters) {
        conns.push_back(std::make_unique<RedisConnection>());
        QVERIFY(connect(*conns.back(), m.options));
        QCOMPARE(run(*conns.back(), {"FLUSHALL"}).str, QByteArray("OK"));
    }
    for (const QByteArray &key : {QByteArray("a"), QByteArray("{user1}:x"), QByteArray("{user1}:y"), QByteArray("foo{}bar"), QByteArray("\xff\x00z", 3)})
        QCOMPARE(run(*conns.front(), {"CLUSTER", "KEYSLOT", key}).integer, qint64(redisKeySlot(key)));
    const int n = 3000;
    std::vector<int> perNode(3, 0);
    int failures = 0;
    auto write = [&](const QList<QByteArray> &argv) {
        const size_t node = static_cast<size_t>((*slotMap)[static_cast<size_t>(redisKeySlot(argv.at(1)))]);
        ++perNode[node];
        conns[node]->command(argv, [&failures](const eic::Result<RedisReply> &r) { failures += (!r || r->isError()) ? 1 : 0; });
    };
    for (int i = 0; i < n; ++i)
        write({"SET", "key:" + QByteArray::number(i), "value " + QByteArray::number(i)});
    write({"HSET", "{tenant}:policy", "rate", "10"});
    write({"RPUSH", "{tenant}:queue", "a", "b"});
    write({"SET", "expiring", "soon", "PX", "3600000"});
    for (auto &c : conns)
        QCOMPARE(run(*c, {"PING"}).str, QByteArray("PONG")); // every write answered, in order
    QCOMPARE(failures, 0);
    for (int count : perNode)
        QVERIFY(count > n / 5); // the keys really are spread over the three masters

    auto b = backup(seed, m_dir.filePath(u"cluster"_s));
    QVERIFY2(b, b ? "" : qPrintable(b.error().message));
    QCOMPARE(b->records, quint64(n + 3));
    QCOMPARE(b->header.value("topology"_L1).toString(), u"cluster"_s);
    QCOMPARE(b->header.value("masters"_L1).toArray().size(), 3);

    for (auto &c : conns)
        run(*c, {"FLUSHALL"});
    auto r = restore(seed, b->path, true);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->restored, quint64(n + 3));
    QCOMPARE(r->keysPerDb.value(0), quint64(n + 3));
    QVERIFY(r->sampleCompared > 0);
    for (size_t i = 0; i < conns.size(); ++i)
        QCOMPARE(run(*conns[i], {"DBSIZE"}).integer, qint64(perNode[i])); // each key on its slot's master
    const size_t q = static_cast<size_t>((*slotMap)[static_cast<size_t>(redisKeySlot("{tenant}:queue"))]);
    QCOMPARE(run(*conns[q], {"LRANGE", "{tenant}:queue", "0", "-1"}).elements.size(), 2);
    const size_t e = static_cast<size_t>((*slotMap)[static_cast<size_t>(redisKeySlot("expiring"))]);
    QVERIFY(run(*conns[e], {"PTTL", "expiring"}).integer > 3000000);

    // A backup with keys outside database 0 cannot go into a cluster: refused, nothing written.
    RedisConnection standalone;
    QVERIFY(connect(standalone, options()));
    run(standalone, {"FLUSHALL"});
    run(standalone, {"SELECT", "2"});
    run(standalone, {"SET", "elsewhere", "1"});
    auto multi = backup(options(), m_dir.filePath(u"multi"_s));
    QVERIFY(multi);
    auto refused = restore(seed, multi->path, true);
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(u"only database 0"_s), qPrintable(refused.error().message));
    QCOMPARE(run(*conns[q], {"LLEN", "{tenant}:queue"}).integer, 2); // not flushed
    for (auto &c : conns)
        run(*c, {"FLUSHALL"});
    run(standalone, {"FLUSHALL"});
}

// Sentinel: the engine asks it for the master named in the profile and works there; an unknown
// name gets a sentence that names the fix.
void TestRedisEngine::sentinelLeadsToTheMaster()
{
    RedisOptions viaSentinel = options();
    viaSentinel.port = static_cast<quint16>(qEnvironmentVariableIntValue("EIC_TEST_REDIS_SENTINEL_PORT"));
    QVERIFY2(viaSentinel.port != 0, "scripts/test starts a sentinel (EIC_TEST_REDIS_SENTINEL_PORT)");
    viaSentinel.topology = RedisOptions::Topology::Sentinel;
    viaSentinel.masterName = u"eic"_s;
    RedisConnection control;
    QVERIFY(connect(control, options()));
    run(control, {"FLUSHALL"});
    run(control, {"SET", "through", "the sentinel"});
    auto b = backup(viaSentinel, m_dir.filePath(u"sentinel"_s));
    QVERIFY2(b, b ? "" : qPrintable(b.error().message));
    QCOMPARE(b->records, 1u);
    QCOMPARE(b->header.value("source"_L1).toString(), u"%1:%2"_s.arg(options().host).arg(options().port));
    run(control, {"FLUSHALL"});
    auto r = restore(viaSentinel, b->path, true);
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(run(control, {"GET", "through"}).str, QByteArray("the sentinel"));

    viaSentinel.masterName = u"nosuch"_s;
    auto unknown = backup(viaSentinel, m_dir.filePath(u"sentinel2"_s));
    QVERIFY(!unknown);
    QVERIFY2(unknown.error().message.contains(u"knows no master named \"nosuch\""_s), qPrintable(unknown.error().message));
    RedisOptions notSentinel = options();
    notSentinel.topology = RedisOptions::Topology::Sentinel;
    notSentinel.masterName = u"eic"_s;
    auto wrongKind = backup(notSentinel, m_dir.filePath(u"sentinel3"_s));
    QVERIFY(!wrongKind);
    QVERIFY2(wrongKind.error().message.contains(u"is not a sentinel"_s), qPrintable(wrongKind.error().message));
    run(control, {"FLUSHALL"});
}

// LOADING: while the restore runs, the server reloads a 1M-key snapshot (DEBUG RELOAD MERGE
// NOFLUSH NOSAVE: loading=1, every write answered -LOADING); the restore waits it out and
// finishes complete and verified.
void TestRedisEngine::loadingIsWaitedOut()
{
    RedisConnection control;
    QVERIFY(connect(control, options()));
    run(control, {"FLUSHALL"});
    run(control, {"DEBUG", "POPULATE", "100000", "mine", "50"});
    auto b = backup(options(), m_dir.filePath(u"loading"_s));
    QVERIFY2(b, b ? "" : qPrintable(b.error().message));
    run(control, {"FLUSHALL"});
    // The snapshot to be loaded: a million keys in database 15 only.
    run(control, {"SELECT", "15"});
    run(control, {"DEBUG", "POPULATE", "1000000", "other", "64"});
    QCOMPARE(run(control, {"SAVE"}).str, QByteArray("OK"));
    QCOMPARE(run(control, {"FLUSHDB"}).str, QByteArray("OK"));
    RedisRestore job;
    QSignalSpy done(&job, &RedisRestore::finished);
    bool reloading = false;
    QObject::connect(&job, &RedisRestore::progress, &job, [&](const RedisProgress &p) {
        if (p.phase == "restoring"_L1 && !std::exchange(reloading, true))
            control.command({"DEBUG", "RELOAD", "MERGE", "NOFLUSH", "NOSAVE"}, [](const eic::Result<RedisReply> &) {});
    });
    job.start({options(), b->path, false, 2000});
    QVERIFY(done.wait(120000));
    const auto r = done.first().first().value<eic::Result<RedisRestoreResult>>();
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QVERIFY2(r->retries > 0, "the restore must have met LOADING answers");
    QCOMPARE(r->restored, 100000u);
    QCOMPARE(r->keysPerDb.value(0), 100000u);
    QCOMPARE(run(control, {"DBSIZE"}).integer, 1000000); // database 15: the snapshot was loaded meanwhile
    run(control, {"FLUSHALL"});
    run(control, {"SAVE"});
}

// A transfer through RedisJobRunner runs on a thread of its own; progress and result arrive on
// the caller's thread.
void TestRedisEngine::jobRunsOffTheCallersThread()
{
    RedisConnection control;
    QVERIFY(connect(control, options()));
    run(control, {"FLUSHALL"});
    run(control, {"DEBUG", "POPULATE", "50000", "t", "20"});
    RedisJobRunner runner;
    QSignalSpy done(&runner, &RedisJobRunner::backupFinished);
    QThread *progressThread = nullptr;
    QObject::connect(&runner, &RedisJobRunner::progress, this, [&](const RedisProgress &) { progressThread = QThread::currentThread(); });
    RedisBackup::Options o;
    o.connection = options();
    o.folder = m_dir.filePath(u"threaded"_s);
    runner.startBackup(o);
    QVERIFY(done.wait(60000));
    const auto r = done.first().first().value<eic::Result<RedisBackupResult>>();
    QVERIFY2(r, r ? "" : qPrintable(r.error().message));
    QCOMPARE(r->records, 50000u);
    QVERIFY(runner.jobThread() != nullptr);
    QVERIFY(runner.jobThread() != QThread::currentThread());
    QVERIFY(progressThread == nullptr || progressThread == QThread::currentThread());
    run(control, {"FLUSHALL"});
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
