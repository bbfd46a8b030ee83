// kubectl's rollout rules (kube::rolloutStatus, their one home) and the dashboard's health,
// which is built on them.

#include "cell/Health.h"
#include "kube/RolloutStatus.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::cell::Health;
using eic::kube::RolloutVerdict;

class TestHealth : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rollout_data();
    void rollout();
    void assess_data();
    void assess();
};

void TestHealth::rollout_data()
{
    QTest::addColumn<QByteArray>("deployment");
    QTest::addColumn<int>("wantReplicas"); // -1: not asked
    QTest::addColumn<RolloutVerdict::State>("state");
    QTest::addColumn<QString>("message");
    using S = RolloutVerdict::State;
    auto add = [](const char *name, const char *status, int want, S state, const QString &message) {
        const QByteArray json = R"({"metadata":{"name":"edc","generation":2},"spec":{"replicas":2},"status":)" + QByteArray(status) + '}';
        QTest::newRow(name) << json << want << state << message;
    };
    const char *done = R"({"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":2})";
    add("complete", done, -1, S::Complete, u"deployment \"edc\" successfully rolled out"_s);
    add("complete at the wanted count", done, 2, S::Complete, u"deployment \"edc\" successfully rolled out"_s);
    add("wanted count not in the spec", done, 3, S::Progressing,
        u"Waiting for deployment \"edc\" rollout to finish: spec.replicas is 2, not the 3 wanted..."_s);
    add("not observed", R"({"observedGeneration":1,"replicas":2,"updatedReplicas":2,"availableReplicas":2})", -1, S::Progressing,
        u"Waiting for deployment spec update to be observed..."_s);
    add("observed counts omitted", R"({"replicas":2,"updatedReplicas":2,"availableReplicas":2})", -1, S::Progressing,
        u"Waiting for deployment spec update to be observed..."_s);
    add("deadline exceeded", R"({"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":1,
        "conditions":[{"type":"Available","status":"False"},{"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]})",
        -1, S::Failed, u"deployment \"edc\" exceeded its progress deadline"_s);
    add("deadline beats a wrong count", R"({"observedGeneration":2,"conditions":[{"type":"Progressing","reason":"ProgressDeadlineExceeded"}]})",
        5, S::Failed, u"deployment \"edc\" exceeded its progress deadline"_s);
    add("updated below desired", R"({"observedGeneration":2,"replicas":2,"updatedReplicas":1,"availableReplicas":2})", -1, S::Progressing,
        u"Waiting for deployment \"edc\" rollout to finish: 1 out of 2 new replicas have been updated..."_s);
    add("old replicas pending", R"({"observedGeneration":2,"replicas":3,"updatedReplicas":2,"availableReplicas":2})", -1, S::Progressing,
        u"Waiting for deployment \"edc\" rollout to finish: 1 old replicas are pending termination..."_s);
    add("not yet available", R"({"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":1,
        "conditions":[{"type":"Progressing","status":"True","reason":"ReplicaSetUpdated"}]})", -1, S::Progressing,
        u"Waiting for deployment \"edc\" rollout to finish: 1 of 2 updated replicas are available..."_s);
    add("nothing available, counts omitted", R"({"observedGeneration":2,"replicas":2,"updatedReplicas":2})", -1, S::Progressing,
        u"Waiting for deployment \"edc\" rollout to finish: 0 of 2 updated replicas are available..."_s);
    QTest::newRow("scaled to zero, counts omitted")
        << QByteArray(R"({"metadata":{"name":"edc","generation":3},"spec":{"replicas":0},"status":{"observedGeneration":3}})") << 0 << S::Complete
        << u"deployment \"edc\" successfully rolled out"_s;
    QTest::newRow("unset replicas mean 1")
        << QByteArray(R"({"metadata":{"name":"edc","generation":1},"spec":{},"status":{"observedGeneration":1}})") << -1 << S::Progressing
        << u"Waiting for deployment \"edc\" rollout to finish: 0 out of 1 new replicas have been updated..."_s;
}

void TestHealth::rollout()
{
    QFETCH(QByteArray, deployment);
    QFETCH(int, wantReplicas);
    QFETCH(RolloutVerdict::State, state);
    QFETCH(QString, message);
    const auto verdict = eic::kube::rolloutStatus(QJsonDocument::fromJson(deployment).object(),
                                                  wantReplicas < 0 ? std::nullopt : std::optional(wantReplicas));
    QCOMPARE(verdict.message, message);
    QCOMPARE(verdict.state, state);
}

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
        "2 pods still terminating");
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
