// What is lost, measured on scripts/test's real PostgreSQL 15 and Redis 7: the survey reads the
// live database's size and user tables, the archive's time, size and tables from its manifest,
// and the newest data (the newest commit where track_commit_timestamp is on, else the time of
// the survey, labelled an estimate); the probe's measurement counts rows exactly, journals the
// planner's estimate above 1e6 rows and for a table it cannot count within 2 s (a lock held by
// another session), and counts Redis keys per database.

#include "PgEngineFixture.h"

#include "restore/CellSurvey.h"
#include "restore/RestorePlan.h"
#include "stores/StoreProbe.h"

#include <QElapsedTimer>

using namespace pgengine;
using namespace eic::restore;

class TestStoreMeasure : public QObject, protected PgEngineFixture {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void surveyReadsLiveAndArchiveFacts();
    void measureCountsRowsAndLabelsEstimates();
    void measureCountsRedisKeysPerDatabase();

private:
    eic::Result<StoreMeasure> measure(StoreProbe &probe)
    {
        std::optional<eic::Result<StoreMeasure>> got;
        probe.measure([&got](const eic::Result<StoreMeasure> &m) { got = m; });
        if (!QTest::qWaitFor([&] { return got.has_value(); }, 20000))
            return eic::Error{u"the measurement did not answer"_s, {}, 0};
        return *got;
    }
    bool m_tracked = false;
};

void TestStoreMeasure::initTestCase()
{
    qRegisterMetaType<eic::Result<BackupResult>>();
    if (!qEnvironmentVariableIsSet("EIC_TEST_PGPORT")) {
        if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
            QFAIL("EIC_TEST_PGPORT unset although EIC_REQUIRE_SERVICES=1");
        QSKIP("no PostgreSQL from scripts/test");
    }
    m_db = u"eic_measure_%1"_s.arg(QCoreApplication::applicationPid());
    PgSession admin;
    QVERIFY(open(admin, qEnvironmentVariable("EIC_TEST_PGDATABASE")));
    QVERIFY(!run(admin, u"CREATE DATABASE %1"_s.arg(m_db)).value(0).startsWith(u"ERROR"_s));
    PgSession s;
    QVERIFY(open(s, m_db));
    for (const char *sql : {"CREATE SCHEMA edc", "CREATE TABLE edc.message_log AS SELECT g AS id, md5(g::text) AS body FROM generate_series(1, 3000) g",
                            "CREATE TABLE edc.tenant (id int)", "INSERT INTO edc.tenant SELECT generate_series(1, 10)",
                            // Nothing left for autovacuum: the database's size stays put while the test reads it twice.
                            "VACUUM ANALYZE"})
        QCOMPARE(run(s, QString::fromLatin1(sql)).value(0).startsWith(u"ERROR"_s), false);
    m_tracked = run(s, u"SHOW track_commit_timestamp"_s).value(0) == "on"_L1;
    qInfo("track_commit_timestamp is %s on this server: %s", m_tracked ? "on" : "off",
          m_tracked ? "the exact newest commit is tested" : "the estimate is tested (the exact path needs a restart with it on)");
    m_ready = true;
}

void TestStoreMeasure::cleanupTestCase()
{
    if (!m_ready)
        return;
    PgSession admin;
    if (open(admin, qEnvironmentVariable("EIC_TEST_PGDATABASE")))
        run(admin, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_db));
}

void TestStoreMeasure::surveyReadsLiveAndArchiveFacts()
{
    QVERIFY(m_ready);
    const QString folder = m_dir.filePath(u"backups"_s);
    const QDateTime beforeBackup = QDateTime::currentDateTimeUtc();
    const auto backed = backup(m_db, folder);
    QVERIFY2(backed, backed ? "" : qPrintable(backed.error().message));
    PgSession s;
    QVERIFY(open(s, m_db));
    // Written after the backup: a third table, and the newest commit.
    const QDateTime beforeWrite = QDateTime::currentDateTimeUtc();
    QCOMPARE(run(s, u"CREATE TABLE edc.later AS SELECT 1 AS id"_s).value(0).startsWith(u"ERROR"_s), false);
    const qint64 size = run(s, u"SELECT pg_database_size(current_database())"_s).value(0).toLongLong();
    QVERIFY(size > 0);

    PlanInput in;
    in.target = eic::cell::RestoreTarget::Database;
    in.mode = DataMode::Archive;
    in.archive = QDir(folder).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot).value(0).absoluteFilePath();
    StoreAccess store;
    store.database = options(m_db);
    std::optional<eic::Result<PlanInput>> got;
    QObject receiver;
    inspectStores(in, store, &receiver, [&got](const eic::Result<PlanInput> &r) { got = r; });
    QVERIFY(QTest::qWaitFor([&] { return got.has_value(); }, 20000));
    QVERIFY2(*got, got->ok() ? "" : qPrintable(got->error().message));
    const PlanInput &out = got->value();
    QVERIFY2(out.databaseInspected, qPrintable(out.databaseInspectionError));
    QCOMPARE(out.databaseName, m_db);
    QCOMPARE(out.storeAddress, u"%1:%2"_s.arg(options(m_db).host).arg(options(m_db).port));
    QCOMPARE(out.databaseTables, 3);
    // The server may still tidy up files of its own (the free space map, a truncation): the survey's
    // number lies between a read before it and one after it.
    const qint64 sizeAfter = run(s, u"SELECT pg_database_size(current_database())"_s).value(0).toLongLong();
    QVERIFY2(out.databaseBytes >= std::min(size, sizeAfter) && out.databaseBytes <= std::max(size, sizeAfter),
             qPrintable(u"%1 not within %2..%3"_s.arg(out.databaseBytes).arg(size).arg(sizeAfter)));
    QVERIFY2(out.archiveError.isEmpty(), qPrintable(out.archiveError));
    QCOMPARE(out.archiveTables, 2);
    QVERIFY(out.archiveBytes > 0);
    QVERIFY(out.archiveTakenAt >= beforeBackup.addSecs(-1) && out.archiveTakenAt <= beforeWrite);
    QVERIFY(out.surveyedAt >= beforeWrite);
    if (m_tracked) {
        QVERIFY(out.latestDataExact);
        QVERIFY2(out.latestDataTime >= beforeWrite.addMSecs(-500) && out.latestDataTime <= out.surveyedAt, qPrintable(out.latestDataTime.toString(Qt::ISODateWithMs)));
    } else {
        QVERIFY(!out.latestDataExact);
        QCOMPARE(out.latestDataTime, out.surveyedAt);
    }
    // The caution says all of it, with the numbers the survey read.
    PlannedComponent edc;
    edc.name = u"edc"_s;
    edc.present = true;
    PlanInput cellInput = out;
    cellInput.deployments = {edc};
    const RestorePlan plan = RestorePlanner::plan(cellInput);
    const Caution c = plan.cautions.value(plan.cautionIds().indexOf(u"replace-database"_s));
    QVERIFY2(c.text.contains(u"`%1` at %2 is replaced by the backup taken at"_s.arg(m_db, out.storeAddress)), qPrintable(c.text));
    QVERIFY2(c.text.contains(u"2 tables)"_s) && c.text.contains(u"with 3 tables now"_s), qPrintable(c.text));
    QCOMPARE(c.numbers.value("liveBytes"_L1).toInteger(), out.databaseBytes);

    // A password that fails: said as the reason, nothing made up.
    store.database->password = u"wrong"_s;
    got.reset();
    inspectStores(in, store, &receiver, [&got](const eic::Result<PlanInput> &r) { got = r; });
    QVERIFY(QTest::qWaitFor([&] { return got.has_value(); }, 20000));
    QVERIFY(!got->value().databaseInspected);
    QVERIFY2(got->value().databaseInspectionError.contains(u"password"_s), qPrintable(got->value().databaseInspectionError));
    QCOMPARE(got->value().databaseTables, -1);
    QVERIFY(!got->value().latestDataTime.isValid());
}

void TestStoreMeasure::measureCountsRowsAndLabelsEstimates()
{
    QVERIFY(m_ready);
    PgSession s;
    QVERIFY(open(s, m_db));
    // A table the planner believes to be big is not counted (the superuser sets its estimate);
    // one locked by another session cannot be counted within 2 s.
    for (const char *sql : {"CREATE TABLE edc.big AS SELECT generate_series(1, 5) AS id", "ANALYZE edc.big",
                            "UPDATE pg_class SET reltuples = 2000000 WHERE oid = 'edc.big'::regclass", "CREATE TABLE edc.locked AS SELECT generate_series(1, 7) AS id",
                            "ANALYZE edc.locked"})
        QCOMPARE(run(s, QString::fromLatin1(sql)).value(0).startsWith(u"ERROR"_s), false);
    PgSession locker;
    QVERIFY(open(locker, m_db));
    QCOMPARE(run(locker, u"BEGIN; LOCK TABLE edc.locked IN ACCESS EXCLUSIVE MODE"_s).value(0).startsWith(u"ERROR"_s), false);

    auto probe = StoreProbe::database(options(m_db));
    QElapsedTimer clock;
    clock.start();
    const auto m = measure(*probe);
    const qint64 took = clock.elapsed();
    QVERIFY2(m, m ? "" : qPrintable(m.error().message));
    QHash<QString, TableMeasure> byName;
    for (const TableMeasure &t : m->tables)
        byName.insert(t.name, t);
    QCOMPARE(byName.keys().size(), 5);
    QCOMPARE(byName.value(u"edc.message_log"_s).rows, 3000);
    QCOMPARE(byName.value(u"edc.message_log"_s).estimate, false);
    QCOMPARE(byName.value(u"edc.tenant"_s).rows, 10);
    QCOMPARE(byName.value(u"edc.big"_s).rows, 2000000);
    QCOMPARE(byName.value(u"edc.big"_s).estimate, true);
    qInfo("measured in %lld ms: %s", took, QJsonDocument(m->toJson()).toJson(QJsonDocument::Compact).constData());
    QCOMPARE(byName.value(u"edc.locked"_s).rows, 7); // ANALYZE's estimate, labelled as one
    QCOMPARE(byName.value(u"edc.locked"_s).estimate, true);
    QVERIFY2(took >= 1900 && took < 8000, qPrintable(QString::number(took))); // the lock held it for the 2 s bound, no longer
    QCOMPARE(m->commitTimestamps, m_tracked);
    QCOMPARE(byName.value(u"edc.tenant"_s).newest.isValid(), m_tracked);
    const QJsonObject json = m->toJson();
    QCOMPARE(json.value("tables"_L1).toArray().size(), 5);
    QCOMPARE(json.value("tables"_L1).toArray().at(0).toObject().contains("newest"_L1), m_tracked);
    run(locker, u"ROLLBACK"_s);
}

void TestStoreMeasure::measureCountsRedisKeysPerDatabase()
{
    if (!qEnvironmentVariableIsSet("EIC_TEST_REDIS_PORT"))
        QSKIP("no Redis from scripts/test");
    eic::stores::RedisOptions o;
    o.host = qEnvironmentVariable("EIC_TEST_REDIS_HOST");
    o.port = static_cast<quint16>(qEnvironmentVariableIntValue("EIC_TEST_REDIS_PORT"));
    o.password = qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD");
    RedisConnection conn;
    std::optional<eic::Result<bool>> opened;
    conn.open(o, [&opened](const eic::Result<bool> &r) { opened = r; });
    QVERIFY(QTest::qWaitFor([&] { return opened.has_value(); }, 10000) && opened->ok());
    std::optional<eic::Result<QList<RedisReply>>> done;
    conn.batch({{"SELECT", "13"}, {"FLUSHDB"}, {"SET", "measure:a", "1"}, {"SET", "measure:b", "2"}, {"SET", "measure:c", "3"}},
               [&done](const eic::Result<QList<RedisReply>> &r) { done = r; });
    QVERIFY(QTest::qWaitFor([&] { return done.has_value(); }, 10000) && done->ok());
    auto probe = StoreProbe::datastore(o);
    const auto m = measure(*probe);
    QVERIFY2(m, m ? "" : qPrintable(m.error().message));
    QVERIFY(m->tables.isEmpty());
    bool found = false;
    for (const KeyspaceMeasure &k : m->databases)
        if (k.db == 13)
            found = k.keys == 3;
    QVERIFY(found);
    done.reset();
    conn.batch({{"SELECT", "13"}, {"FLUSHDB"}}, [&done](const eic::Result<QList<RedisReply>> &r) { done = r; });
    QVERIFY(QTest::qWaitFor([&] { return done.has_value(); }, 10000));
}

int main(int argc, char **argv)
{
    isolateSecrets();
    QCoreApplication app(argc, argv);
    TestStoreMeasure test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_storemeasure.moc"
