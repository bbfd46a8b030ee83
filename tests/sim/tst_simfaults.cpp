// Every fault the sim can inject, set through its control API as a test or the sandbox would.

#include "SimFixture.h"
#include "WatchReader.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using eic::test::SimFixture;

class TestSimFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void errorsHitResourcesNotDiscovery_data();
    void errorsHitResourcesNotDiscovery();
    void resetsCloseTheConnection();
    void forcedConflictsThenSuccess();
    void latencyIsAdded();
    void watchStreamsAreCut();
    void partialErrorRateIsSeeded();
    void invalidFaultsAreRefused();
};

namespace {

void setFaults(SimFixture &sim, const QJsonObject &faults)
{
    const auto r = sim.send("PUT", u"/sim/v1/faults"_s, QJsonDocument(faults).toJson());
    QCOMPARE(r.status, 200);
}

} // namespace

void TestSimFaults::errorsHitResourcesNotDiscovery_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("reason");
    QTest::newRow("500") << 500 << u"InternalError"_s;
    QTest::newRow("503") << 503 << u"ServiceUnavailable"_s;
}

void TestSimFaults::errorsHitResourcesNotDiscovery()
{
    QFETCH(int, code);
    QFETCH(QString, reason);
    SimFixture sim;
    QVERIFY(sim.ok());
    setFaults(sim, {{"errorRate"_L1, 1.0}, {"errorCodes"_L1, QJsonArray{code}}});
    const auto r = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s);
    QCOMPARE(r.status, code);
    QCOMPARE(r.json().value("kind"_L1).toString(), u"Status"_s);
    QCOMPARE(r.json().value("reason"_L1).toString(), reason);
    QCOMPARE(r.json().value("code"_L1).toInt(), code);
    QCOMPARE(sim.get(u"/apis/apps/v1"_s).status, 200);
    setFaults(sim, {});
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).status, 200);
}

void TestSimFaults::resetsCloseTheConnection()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    setFaults(sim, {{"resetRate"_L1, 1.0}});
    const auto r = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s);
    QCOMPARE(r.status, 0); // no HTTP answer at all
    QVERIFY2(r.error == QNetworkReply::RemoteHostClosedError || r.error == QNetworkReply::UnknownNetworkError,
             qPrintable(u"error %1"_s.arg(r.error)));
}

void TestSimFaults::forcedConflictsThenSuccess()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    setFaults(sim, {{"conflicts"_L1, 2}});
    const QString path = u"/apis/apps/v1/namespaces/edge-icell/deployments/mdc/scale"_s;
    const QByteArray body = R"({"spec":{"replicas":0}})";
    QCOMPARE(sim.send("PATCH", path, body, "application/merge-patch+json").status, 409);
    QCOMPARE(sim.send("PATCH", path, body, "application/merge-patch+json").status, 409);
    QCOMPARE(sim.send("PATCH", path, body, "application/merge-patch+json").status, 200);
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments/mdc"_s).json()
                 .value("spec"_L1).toObject().value("replicas"_L1).toInt(-1), 0);
}

void TestSimFaults::latencyIsAdded()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).status, 200);
    const qint64 fast = clock.restart();
    setFaults(sim, {{"latencyMs"_L1, 300}});
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).status, 200);
    const qint64 slow = clock.elapsed();
    QVERIFY2(slow >= 290, qPrintable(u"took %1 ms with 300 ms of latency"_s.arg(slow)));
    QVERIFY(slow > fast);
}

void TestSimFaults::watchStreamsAreCut()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    setFaults(sim, {{"watchCutSeconds"_L1, 1}});
    QElapsedTimer clock;
    clock.start();
    eic::test::WatchReader watch(sim.network(), sim.request(u"/apis/apps/v1/namespaces/edge-icell/deployments?watch=1"_s));
    QTRY_VERIFY_WITH_TIMEOUT(watch.finished, 5000);
    QVERIFY(clock.elapsed() >= 900);
    QCOMPARE(watch.events.size(), 11); // what came before the cut arrived intact
    // A cut is a dropped connection, not the clean end of a chunked stream.
    QVERIFY(watch.reply()->error() != QNetworkReply::NoError);
}

void TestSimFaults::partialErrorRateIsSeeded()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    auto countErrors = [&] {
        setFaults(sim, {{"errorRate"_L1, 0.5}, {"seed"_L1, 42}});
        int errors = 0;
        for (int i = 0; i < 40; ++i)
            errors += sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).status >= 500 ? 1 : 0;
        return errors;
    };
    const int first = countErrors();
    QVERIFY2(first > 5 && first < 35, qPrintable(u"%1 of 40 failed at a rate of 0.5"_s.arg(first)));
    QCOMPARE(countErrors(), first); // same seed, same sequence
}

void TestSimFaults::invalidFaultsAreRefused()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const auto r = sim.send("PUT", u"/sim/v1/faults"_s, R"({"errorRate":0.5,"errorCodes":[404]})");
    QCOMPARE(r.status, 400);
    QVERIFY(r.json().value("message"_L1).toString().contains(u"404"_s));
}

QTEST_MAIN(TestSimFaults)
#include "tst_simfaults.moc"
