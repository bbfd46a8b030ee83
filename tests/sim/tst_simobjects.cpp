// What the simulated cell's objects look like beyond deployments: Namespaces (a uid that is
// stable for one start and new on the next, 404 in the Status form, RBAC as kube-apiserver
// applies it) and a deployment selected by matchExpressions only.

#include "SimFixture.h"
#include "kube/LabelSelector.h"

#include <QJsonArray>
#include <QSet>
#include <QUuid>

using namespace Qt::StringLiterals;
using eic::test::SimFixture;

class TestSimObjects : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void namespacesHaveAStableUid();
    void missingNamespaceIsNotFound();
    void namespaceRbac_data();
    void namespaceRbac();
    void deploymentSelectedByExpressions();
};

namespace {

QString uidOf(SimFixture &sim, const QString &ns)
{
    return sim.get(u"/api/v1/namespaces/"_s + ns).json().value("metadata"_L1).toObject().value("uid"_L1).toString();
}

QJsonObject scenarioJson(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

void TestSimObjects::namespacesHaveAStableUid()
{
    QString error;
    const auto scenario = eic::sim::Scenario::fromJson(scenarioJson(R"({"namespaces":["staging"]})"), &error);
    QVERIFY2(scenario, qPrintable(error));
    SimFixture sim(*scenario);
    QVERIFY(sim.ok());
    const QJsonObject list = sim.get(u"/api/v1/namespaces"_s).json();
    QCOMPARE(list.value("kind"_L1).toString(), u"NamespaceList"_s);
    QSet<QString> names;
    for (const auto &n : list.value("items"_L1).toArray())
        names.insert(n.toObject().value("metadata"_L1).toObject().value("name"_L1).toString());
    for (const char *name : {"edge-icell", "edge-icell-services", "default", "staging"})
        QVERIFY2(names.contains(QLatin1StringView(name)), name);

    const QJsonObject ns = sim.get(u"/api/v1/namespaces/edge-icell"_s).json();
    QCOMPARE(ns.value("kind"_L1).toString(), u"Namespace"_s);
    QCOMPARE(ns.value("apiVersion"_L1).toString(), u"v1"_s);
    QCOMPARE(ns.value("status"_L1).toObject().value("phase"_L1).toString(), u"Active"_s);
    const QString uid = ns.value("metadata"_L1).toObject().value("uid"_L1).toString();
    QVERIFY2(!QUuid::fromString(uid).isNull(), qPrintable(uid));
    QCOMPARE(uidOf(sim, u"edge-icell"_s), uid);
    QVERIFY(uidOf(sim, u"default"_s) != uid);
    SimFixture other; // another start of the sim: another cluster, as far as a journal can tell
    QVERIFY(other.ok());
    QVERIFY(uidOf(other, u"edge-icell"_s) != uid);

    bool discovered = false;
    for (const auto &r : sim.get(u"/api/v1"_s).json().value("resources"_L1).toArray()) {
        const QJsonObject o = r.toObject();
        if (o.value("name"_L1) == "namespaces"_L1)
            discovered = !o.value("namespaced"_L1).toBool() && o.value("kind"_L1) == "Namespace"_L1
                && o.value("verbs"_L1).toArray() == QJsonArray{u"get"_s, u"list"_s, u"watch"_s};
    }
    QVERIFY(discovered);
}

void TestSimObjects::missingNamespaceIsNotFound()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const auto missing = sim.get(u"/api/v1/namespaces/nope"_s);
    QCOMPARE(missing.status, 404);
    const QJsonObject status = missing.json();
    QCOMPARE(status.value("kind"_L1).toString(), u"Status"_s);
    QCOMPARE(status.value("status"_L1).toString(), u"Failure"_s);
    QCOMPARE(status.value("reason"_L1).toString(), u"NotFound"_s);
    QCOMPARE(status.value("code"_L1).toInt(), 404);
    QCOMPARE(status.value("message"_L1).toString(), u"namespaces \"nope\" not found"_s);
    QCOMPARE(status.value("details"_L1).toObject().value("name"_L1).toString(), u"nope"_s);
    QCOMPARE(status.value("details"_L1).toObject().value("kind"_L1).toString(), u"namespaces"_s);
}

void TestSimObjects::namespaceRbac_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("scope"); // how the Forbidden message ends
    const QString one = u"/api/v1/namespaces/edge-icell"_s;
    const QString all = u"/api/v1/namespaces"_s;
    QTest::newRow("admin gets") << u"admin"_s << one << 200 << QString();
    QTest::newRow("admin lists") << u"admin"_s << all << 200 << QString();
    QTest::newRow("a role on deployments and pods cannot get it") << u"viewer"_s << one << 403 << u"in the namespace \"edge-icell\""_s;
    QTest::newRow("nor list them") << u"viewer"_s << all << 403 << u"at the cluster scope"_s;
    // kube-apiserver authorizes GET /api/v1/namespaces/X in namespace X: a Role there may grant it.
    QTest::newRow("a role naming namespaces gets its own") << u"reader"_s << one << 200 << QString();
    QTest::newRow("but no other") << u"reader"_s << u"/api/v1/namespaces/default"_s << 403 << u"in the namespace \"default\""_s;
    QTest::newRow("nor the list") << u"reader"_s << all << 403 << u"at the cluster scope"_s;
}

void TestSimObjects::namespaceRbac()
{
    QFETCH(QString, token);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, scope);
    auto scenario = eic::sim::Scenario::defaultCell();
    const QStringList read{u"get"_s, u"list"_s, u"watch"_s};
    scenario.users = {{u"admin"_s, u"admin"_s, {{{u"*"_s}, {u"*"_s}, {u"*"_s}, {u"*"_s}}}},
                      {u"viewer"_s, u"viewer"_s, {{{u"apps"_s, QString()}, {u"deployments"_s, u"pods"_s}, read, {u"edge-icell"_s}}}},
                      {u"reader"_s, u"reader"_s, {{{QString()}, {u"namespaces"_s}, read, {u"edge-icell"_s}}}}};
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    const auto r = sim.send("GET", path, {}, {}, token);
    QCOMPARE(r.status, status);
    if (status == 403) {
        QCOMPARE(r.json().value("reason"_L1).toString(), u"Forbidden"_s);
        QVERIFY2(r.json().value("message"_L1).toString().endsWith(scope), r.body.constData());
    }
}

void TestSimObjects::deploymentSelectedByExpressions()
{
    // The scenario snippet the restore's quiescence test uses.
    QString error;
    auto scenario = eic::sim::Scenario::fromJson(
        scenarioJson(R"({"deployments":{"quiet":{"replicas":2,"selector":"matchExpressions"}},"timing":{"podTerminateMs":300}})"), &error);
    QVERIFY2(scenario, qPrintable(error));
    SimFixture sim(*scenario);
    QVERIFY(sim.ok());
    const QString deployment = u"/apis/apps/v1/namespaces/edge-icell/deployments/quiet"_s;
    const QJsonObject selector = sim.get(deployment).json().value("spec"_L1).toObject().value("selector"_L1).toObject();
    QVERIFY(!selector.contains("matchLabels"_L1));
    QVERIFY(selector.contains("matchExpressions"_L1));
    const auto parsed = eic::kube::LabelSelector::fromJson(selector);
    QVERIFY(parsed && !parsed->matchesNothing());
    // The text form as kubectl encodes it (spaces as '+') finds the deployment's pods, and only them.
    const QString pods = u"/api/v1/namespaces/edge-icell/pods?labelSelector="_s
        + QString::fromLatin1(QUrl::toPercentEncoding(parsed->toString(), " ").replace(' ', '+'));
    const QJsonArray items = sim.get(pods).json().value("items"_L1).toArray();
    QCOMPARE(items.size(), 2);
    for (const auto &pod : items)
        QVERIFY(parsed->matches(pod.toObject().value("metadata"_L1).toObject().value("labels"_L1).toObject()));
    QCOMPARE(sim.get(deployment + u"/scale"_s).json().value("status"_L1).toObject().value("selector"_L1).toString(), parsed->toString());

    QCOMPARE(sim.send("PATCH", deployment + u"/scale"_s, R"({"spec":{"replicas":0}})", "application/merge-patch+json").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(sim.get(pods).json().value("items"_L1).toArray().size(), 0, 5000);

    QVERIFY(!eic::sim::Scenario::fromJson(scenarioJson(R"({"deployments":{"edc":{"selector":"labels"}}})"), &error));
    QVERIFY(error.contains(u"matchExpressions"_s));
}

QTEST_MAIN(TestSimObjects)
#include "tst_simobjects.moc"
