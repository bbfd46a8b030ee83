// The real services scripts/test starts are there and usable: PostgreSQL (a real query),
// Redis (a real PING, with AUTH), and the Secret Service keyring (a QtKeychain round trip).
// Run outside scripts/test they are skipped, unless EIC_REQUIRE_SERVICES=1 makes that a failure.

#include <QEventLoop>
#include <QTest>
#include <QTimer>

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <qt6keychain/keychain.h>

#include <memory>

using namespace Qt::StringLiterals;

class TestServices : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void postgresAnswersAQuery();
    void redisAnswersPing();
    void keyringRoundTrip();

private:
    bool need(const char *variable)
    {
        if (qEnvironmentVariableIsSet(variable))
            return true;
        if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
            qFatal("%s is not set although EIC_REQUIRE_SERVICES=1: scripts/test did not start the service", variable);
        return false;
    }
};

void TestServices::postgresAnswersAQuery()
{
    if (!need("EIC_TEST_PGPORT"))
        QSKIP("no PostgreSQL from scripts/test (EIC_TEST_PGPORT unset)");
    const QByteArray conninfo = u"host=%1 port=%2 user=%3 dbname=%4 application_name=eic-restore-test connect_timeout=10"_s
                                    .arg(qEnvironmentVariable("EIC_TEST_PGHOST"), qEnvironmentVariable("EIC_TEST_PGPORT"),
                                         qEnvironmentVariable("EIC_TEST_PGUSER"), qEnvironmentVariable("EIC_TEST_PGDATABASE"))
                                    .toUtf8();
    qputenv("PGPASSWORD", qgetenv("EIC_TEST_PGPASSWORD"));
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.constData()), &PQfinish);
    QVERIFY2(PQstatus(conn.get()) == CONNECTION_OK, PQerrorMessage(conn.get()));
    QVERIFY(PQserverVersion(conn.get()) >= 150000);
    std::unique_ptr<PGresult, decltype(&PQclear)> res(PQexec(conn.get(), "SELECT 6 * 7, current_setting('server_version_num')"), &PQclear);
    QCOMPARE(PQresultStatus(res.get()), PGRES_TUPLES_OK);
    QCOMPARE(QByteArray(PQgetvalue(res.get(), 0, 0)), QByteArray("42"));
    QVERIFY(QByteArray(PQgetvalue(res.get(), 0, 1)).startsWith("15"));
}

void TestServices::redisAnswersPing()
{
    if (!need("EIC_TEST_REDIS_PORT"))
        QSKIP("no Redis from scripts/test (EIC_TEST_REDIS_PORT unset)");
    const QByteArray host = qgetenv("EIC_TEST_REDIS_HOST");
    timeval timeout{5, 0};
    std::unique_ptr<redisContext, decltype(&redisFree)> ctx(
        redisConnectWithTimeout(host.constData(), qEnvironmentVariableIntValue("EIC_TEST_REDIS_PORT"), timeout), &redisFree);
    QVERIFY(ctx && !ctx->err);
    auto command = [&](const char *fmt, const char *arg = nullptr) {
        return std::unique_ptr<redisReply, decltype(&freeReplyObject)>(
            static_cast<redisReply *>(arg ? redisCommand(ctx.get(), fmt, arg) : redisCommand(ctx.get(), fmt)), &freeReplyObject);
    };
    // Without AUTH the server refuses; with the generated password it answers.
    auto refused = command("PING");
    QVERIFY(refused && refused->type == REDIS_REPLY_ERROR);
    QVERIFY(QByteArray(refused->str).startsWith("NOAUTH"));
    const QByteArray password = qgetenv("EIC_TEST_REDIS_PASSWORD");
    auto auth = command("AUTH %s", password.constData());
    QVERIFY(auth && auth->type == REDIS_REPLY_STATUS);
    auto pong = command("PING");
    QVERIFY(pong && pong->type == REDIS_REPLY_STATUS);
    QCOMPARE(QByteArray(pong->str), QByteArray("PONG"));
    auto info = command("INFO server");
    QVERIFY(info && QByteArray(info->str).contains("redis_version:7."));
}

void TestServices::keyringRoundTrip()
{
    if (!need("EIC_TEST_KEYRING"))
        QSKIP("no keyring session from scripts/test (EIC_TEST_KEYRING unset)");
    const QString service = u"eic-restore-test"_s;
    const QString key = u"round-trip-%1"_s.arg(QCoreApplication::applicationPid());
    const QString secret = u"s3cret-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());

    auto runJob = [](QKeychain::Job *job) {
        // QtKeychain can wait forever without a Secret Service: never wait without a limit.
        QEventLoop loop;
        QObject::connect(job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(10000, &loop, &QEventLoop::quit);
        job->setAutoDelete(false);
        job->start();
        loop.exec();
    };
    QKeychain::WritePasswordJob write(service);
    write.setInsecureFallback(false);
    write.setKey(key);
    write.setTextData(secret);
    runJob(&write);
    QVERIFY2(write.error() == QKeychain::NoError, qPrintable(write.errorString()));

    QKeychain::ReadPasswordJob read(service);
    read.setInsecureFallback(false);
    read.setKey(key);
    runJob(&read);
    QVERIFY2(read.error() == QKeychain::NoError, qPrintable(read.errorString()));
    QCOMPARE(read.textData(), secret);

    QKeychain::DeletePasswordJob remove(service);
    remove.setInsecureFallback(false);
    remove.setKey(key);
    runJob(&remove);
    QCOMPARE(remove.error(), QKeychain::NoError);
    QKeychain::ReadPasswordJob gone(service);
    gone.setInsecureFallback(false);
    gone.setKey(key);
    runJob(&gone);
    QCOMPARE(gone.error(), QKeychain::EntryNotFound);
}

QTEST_MAIN(TestServices)
#include "tst_services.moc"
