#include "cell/Health.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::cell::Health;

class TestHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void assess_data();
    void assess();
};

void TestHealth::assess_data()
{
    QTest::addColumn<QByteArray>("deployment");
    QTest::addColumn<int>("terminating");
    QTest::addColumn<int>("health");
    QTest::addColumn<QString>("reasonContains");
    auto add = [](const char *name, const char *json, int terminating, Health h, const char *reason) {
        QTest::newRow(name) << QByteArray(json) << terminating << static_cast<int>(h) << QString::fromLatin1(reason);
    };
    add("healthy", R"({"metadata":{"generation":3},"spec":{"replicas":2},"status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"readyReplicas":2,"availableReplicas":2,
        "conditions":[{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}})", 0, Health::Healthy, "");
    add("stopped, counts omitted", R"({"metadata":{"generation":2},"spec":{"replicas":0},"status":{"observedGeneration":2}})", 0, Health::Stopped, "scaled to 0");
    add("stopping with terminating pods", R"({"metadata":{"generation":2},"spec":{"replicas":0},"status":{"observedGeneration":2}})", 2, Health::Stopped,
        "2 pod(s) still terminating");
    add("not yet observed", R"({"metadata":{"generation":4},"spec":{"replicas":2},"status":{"observedGeneration":3,"replicas":2,"updatedReplicas":2,"availableReplicas":2}})", 0,
        Health::Progressing, "observe");
    add("deadline exceeded", R"({"metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"availableReplicas":1,
        "conditions":[{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded","message":"ReplicaSet \"w\" has timed out progressing."}]}})", 0,
        Health::Failed, "timed out");
    add("updating", R"({"metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":1,"availableReplicas":3}})", 0,
        Health::Progressing, "1 of 3 updated");
    add("old replicas", R"({"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":2,"availableReplicas":2}})", 0,
        Health::Progressing, "pending termination");
    add("scaling up", R"({"metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"availableReplicas":1,
        "conditions":[{"type":"Progressing","status":"True","reason":"ReplicaSetUpdated"}]}})", 0, Health::Progressing, "1 of 3");
    add("degraded after a finished rollout", R"({"metadata":{"generation":2},"spec":{"replicas":3},"status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"availableReplicas":2,
        "conditions":[{"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}})", 0, Health::Degraded, "2 of 3");
    add("replicas unset means 1", R"({"metadata":{"generation":1},"spec":{},"status":{"observedGeneration":1}})", 0, Health::Progressing, "0 of 1");
}

void TestHealth::assess()
{
    QFETCH(QByteArray, deployment);
    QFETCH(int, terminating);
    QFETCH(int, health);
    QFETCH(QString, reasonContains);
    const auto result = eic::cell::assessDeployment(QJsonDocument::fromJson(deployment).object(), terminating);
    QCOMPARE(static_cast<int>(result.health), health);
    QVERIFY2(result.reason.contains(reasonContains), qPrintable(result.reason));
}

QTEST_MAIN(TestHealth)
#include "tst_health.moc"
