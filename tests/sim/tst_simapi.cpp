// The simulated cell's API, over real HTTPS: discovery, authentication, lists, the scale
// subresource, watches (resume, 410, bookmarks, watch-list), rollout timing, HPA and RBAC.

#include "SimFixture.h"
#include "WatchReader.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;
using eic::test::SimFixture;

class TestSimApi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void discovery();
    void unauthorized_data();
    void unauthorized();
    void listAndPaginate();
    void notFound();
    void scalePatchTypes_data();
    void scalePatchTypes();
    void unsupportedPatchType_data();
    void unsupportedPatchType();
    void staleResourceVersionConflicts();
    void invalidReplicas();
    void dryRunChangesNothing();
    void scaleToZeroOmitsCountsAndTerminatesPods();
    void rolloutFollowsPodStartDelay();
    void watchResumesFromResourceVersion();
    void watchTooOldGives410();
    void watchListSendsInitialEventsBookmark();
    void watchEndsAfterTimeoutSeconds();
    void rbacForbidsAndAccessReviewAnswers();
    void autoscalerDisablesAtZeroAndRestoresMinimum();
    void neverReadyExceedsProgressDeadline();
    void olderCellAndBuiltinServices();
    void leasesCreateUpdateDelete();
    void annotateDeployment();
};

namespace {

int replicasOf(SimFixture &sim, const QString &name)
{
    return sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments/"_s + name).json()
        .value("spec"_L1).toObject().value("replicas"_L1).toInt(-1);
}

QJsonObject statusOf(SimFixture &sim, const QString &name)
{
    return sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments/"_s + name).json().value("status"_L1).toObject();
}

QJsonObject conditionOf(const QJsonObject &status, const QString &type)
{
    for (const auto &c : status.value("conditions"_L1).toArray()) {
        if (c.toObject().value("type"_L1).toString() == type)
            return c.toObject();
    }
    return {};
}

QByteArray mergeReplicas(int n)
{
    return u"{\"spec\":{\"replicas\":%1}}"_s.arg(n).toUtf8();
}

eic::sim::Scenario fastScenario()
{
    auto s = eic::sim::Scenario::defaultCell();
    s.timing.podStartMs = 150;
    s.timing.podTerminateMs = 200;
    return s;
}

} // namespace

void TestSimApi::discovery()
{
    SimFixture sim;
    QVERIFY2(sim.ok(), qPrintable(sim.error()));
    QCOMPARE(sim.get(u"/api"_s).json().value("versions"_L1).toArray().first().toString(), u"v1"_s);
    const QJsonArray groups = sim.get(u"/apis"_s).json().value("groups"_L1).toArray();
    QSet<QString> names;
    for (const auto &g : groups)
        names.insert(g.toObject().value("name"_L1).toString());
    QVERIFY(names.contains(u"apps"_s) && names.contains(u"autoscaling"_s) && names.contains(u"authorization.k8s.io"_s));

    bool scaleFound = false;
    for (const auto &r : sim.get(u"/apis/apps/v1"_s).json().value("resources"_L1).toArray()) {
        const QJsonObject o = r.toObject();
        if (o.value("name"_L1) == "deployments"_L1)
            QCOMPARE(o.value("shortNames"_L1).toArray().first().toString(), u"deploy"_s);
        if (o.value("name"_L1) == "deployments/scale"_L1) {
            scaleFound = true;
            QCOMPARE(o.value("group"_L1).toString(), u"autoscaling"_s);
            QCOMPARE(o.value("version"_L1).toString(), u"v1"_s);
            QCOMPARE(o.value("kind"_L1).toString(), u"Scale"_s);
        }
    }
    QVERIFY(scaleFound);
    QCOMPARE(sim.get(u"/apis/autoscaling/v2"_s).status, 200);
    QCOMPARE(sim.get(u"/apis/batch/v1"_s).status, 404);
    QCOMPARE(sim.get(u"/version"_s).json().value("major"_L1).toString(), u"1"_s);
}

void TestSimApi::unauthorized_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("no token") << QString();
    QTest::newRow("wrong token") << u"not-the-token"_s;
}

void TestSimApi::unauthorized()
{
    QFETCH(QString, token);
    SimFixture sim;
    QVERIFY(sim.ok());
    const auto r = sim.send("GET", u"/apis/apps/v1/namespaces/edge-icell/deployments"_s, {}, {}, token);
    QCOMPARE(r.status, 401);
    const QJsonObject status = r.json();
    QCOMPARE(status.value("kind"_L1).toString(), u"Status"_s);
    QCOMPARE(status.value("reason"_L1).toString(), u"Unauthorized"_s);
    QCOMPARE(status.value("code"_L1).toInt(), 401);
    QCOMPARE(status.value("status"_L1).toString(), u"Failure"_s);
}

void TestSimApi::listAndPaginate()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const QJsonObject all = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).json();
    QCOMPARE(all.value("kind"_L1).toString(), u"DeploymentList"_s);
    const QJsonArray items = all.value("items"_L1).toArray();
    QCOMPARE(items.size(), 11);
    QVERIFY(!items.first().toObject().contains("kind"_L1)); // list items carry no kind

    QSet<QString> seen;
    QString token;
    int pages = 0;
    do {
        QString path = u"/apis/apps/v1/namespaces/edge-icell/deployments?limit=4"_s;
        if (!token.isEmpty())
            path += u"&continue="_s + QString::fromLatin1(QUrl::toPercentEncoding(token));
        const QJsonObject page = sim.get(path).json();
        for (const auto &i : page.value("items"_L1).toArray())
            seen.insert(i.toObject().value("metadata"_L1).toObject().value("name"_L1).toString());
        token = page.value("metadata"_L1).toObject().value("continue"_L1).toString();
        if (pages == 0)
            QCOMPARE(page.value("metadata"_L1).toObject().value("remainingItemCount"_L1).toInt(), 7);
        ++pages;
    } while (!token.isEmpty() && pages < 10);
    QCOMPARE(pages, 3);
    QCOMPARE(seen.size(), 11);

    const QJsonObject selected = sim.get(u"/api/v1/namespaces/edge-icell/pods?labelSelector=app%3Dedc"_s).json();
    QCOMPARE(selected.value("items"_L1).toArray().size(), 2);
    const QJsonObject byName = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments?fieldSelector=metadata.name%3Dworker"_s).json();
    QCOMPARE(byName.value("items"_L1).toArray().size(), 1);
}

void TestSimApi::notFound()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const auto r = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments/nope"_s);
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json().value("reason"_L1).toString(), u"NotFound"_s);
    QCOMPARE(r.json().value("message"_L1).toString(), u"deployments.apps \"nope\" not found"_s);
}

void TestSimApi::scalePatchTypes_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("merge") << QByteArray("application/merge-patch+json") << mergeReplicas(3);
    QTest::newRow("strategic") << QByteArray("application/strategic-merge-patch+json") << mergeReplicas(3);
    QTest::newRow("json-patch") << QByteArray("application/json-patch+json")
                                << QByteArray(R"([{"op":"replace","path":"/spec/replicas","value":3}])");
}

void TestSimApi::scalePatchTypes()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    SimFixture sim(fastScenario());
    QVERIFY(sim.ok());
    const auto r = sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/mdc/scale"_s, body, contentType);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value("kind"_L1).toString(), u"Scale"_s);
    QCOMPARE(r.json().value("apiVersion"_L1).toString(), u"autoscaling/v1"_s);
    QCOMPARE(r.json().value("spec"_L1).toObject().value("replicas"_L1).toInt(), 3);
    QCOMPARE(replicasOf(sim, u"mdc"_s), 3);
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(sim, u"mdc"_s).value("readyReplicas"_L1).toInt(), 3, 5000);
}

void TestSimApi::unsupportedPatchType_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("apply") << QByteArray("application/apply-patch+yaml");
    QTest::newRow("text") << QByteArray("text/plain");
}

void TestSimApi::unsupportedPatchType()
{
    QFETCH(QByteArray, contentType);
    SimFixture sim;
    QVERIFY(sim.ok());
    const auto r = sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/mdc/scale"_s, mergeReplicas(0), contentType);
    QCOMPARE(r.status, 415);
    QCOMPARE(r.json().value("reason"_L1).toString(), u"UnsupportedMediaType"_s);
    QCOMPARE(replicasOf(sim, u"mdc"_s), 1);
}

void TestSimApi::staleResourceVersionConflicts()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const QString path = u"/apis/apps/v1/namespaces/edge-icell/deployments/worker/scale"_s;
    QJsonObject scale = sim.get(path).json();
    // Someone else scales first: our copy is stale.
    QCOMPARE(sim.send("PATCH", path, mergeReplicas(3), "application/merge-patch+json").status, 200);
    QJsonObject spec{{"replicas"_L1, 1}};
    scale["spec"_L1] = spec;
    const auto r = sim.send("PUT", path, QJsonDocument(scale).toJson());
    QCOMPARE(r.status, 409);
    QCOMPARE(r.json().value("reason"_L1).toString(), u"Conflict"_s);
    QVERIFY(r.json().value("message"_L1).toString().contains(u"the object has been modified"_s));
    QCOMPARE(replicasOf(sim, u"worker"_s), 3);
    // With the current resourceVersion the same PUT goes through.
    scale = sim.get(path).json();
    scale["spec"_L1] = spec;
    QCOMPARE(sim.send("PUT", path, QJsonDocument(scale).toJson()).status, 200);
    QCOMPARE(replicasOf(sim, u"worker"_s), 1);
}

void TestSimApi::invalidReplicas()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const auto r = sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/worker/scale"_s, mergeReplicas(-1),
                            "application/merge-patch+json");
    QCOMPARE(r.status, 422);
    QCOMPARE(r.json().value("reason"_L1).toString(), u"Invalid"_s);
    QCOMPARE(replicasOf(sim, u"worker"_s), 2);
}

void TestSimApi::dryRunChangesNothing()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const QJsonObject before = sim.get(u"/sim/v1/state"_s).json().value("deployments"_L1).toObject();
    const auto r = sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/edc/scale?dryRun=All"_s, mergeReplicas(0),
                            "application/merge-patch+json");
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().value("spec"_L1).toObject().contains("replicas"_L1)); // the answer shows the result...
    const QJsonObject after = sim.get(u"/sim/v1/state"_s).json().value("deployments"_L1).toObject();
    QCOMPARE(after, before); // ...and nothing changed
}

void TestSimApi::scaleToZeroOmitsCountsAndTerminatesPods()
{
    SimFixture sim(fastScenario());
    QVERIFY(sim.ok());
    const auto r = sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/edge-api/scale"_s, mergeReplicas(0),
                            "application/merge-patch+json");
    QCOMPARE(r.status, 200);
    QVERIFY(!r.json().value("spec"_L1).toObject().contains("replicas"_L1)); // Scale.spec.replicas is omitempty
    // The pods are Terminating first, then gone.
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        const auto pods = sim.get(u"/api/v1/namespaces/edge-icell/pods?labelSelector=app%3Dedge-api"_s).json().value("items"_L1).toArray();
        return pods.size() == 2 && pods.first().toObject().value("metadata"_L1).toObject().contains("deletionTimestamp"_L1);
    }(), 2000);
    QTRY_COMPARE_WITH_TIMEOUT(
        sim.get(u"/api/v1/namespaces/edge-icell/pods?labelSelector=app%3Dedge-api"_s).json().value("items"_L1).toArray().size(), 0, 5000);
    const QJsonObject status = statusOf(sim, u"edge-api"_s);
    QVERIFY(!status.contains("replicas"_L1));
    QVERIFY(!status.contains("readyReplicas"_L1));
    QVERIFY(!status.contains("availableReplicas"_L1));
    QCOMPARE(replicasOf(sim, u"edge-api"_s), 0);
}

void TestSimApi::rolloutFollowsPodStartDelay()
{
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.timing.podStartMs = 400;
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    QSignalSpy settled(&sim.cell(), &eic::sim::SimCell::deploymentSettled);
    QElapsedTimer clock;
    clock.start();
    QCOMPARE(sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/mdc/scale"_s, mergeReplicas(3),
                      "application/merge-patch+json").status, 200);
    // Soon after the change the controller has observed it, but the new pods are not ready.
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(sim, u"mdc"_s).value("observedGeneration"_L1).toInt() == 2, 1000);
    const QJsonObject progressing = statusOf(sim, u"mdc"_s);
    QCOMPARE(progressing.value("replicas"_L1).toInt(), 3);
    QCOMPARE(progressing.value("readyReplicas"_L1).toInt(), 1);
    QCOMPARE(progressing.value("unavailableReplicas"_L1).toInt(), 2);
    QCOMPARE(conditionOf(progressing, u"Progressing"_s).value("reason"_L1).toString(), u"ReplicaSetUpdated"_s);
    QVERIFY(settled.wait(5000));
    const qint64 elapsed = clock.elapsed();
    QVERIFY2(elapsed >= 380, qPrintable(u"ready after %1 ms, before the 400 ms pod start delay"_s.arg(elapsed)));
    QVERIFY2(elapsed < 2500, qPrintable(u"ready only after %1 ms"_s.arg(elapsed)));
    const QJsonObject done = statusOf(sim, u"mdc"_s);
    QCOMPARE(done.value("availableReplicas"_L1).toInt(), 3);
    QCOMPARE(conditionOf(done, u"Progressing"_s).value("reason"_L1).toString(), u"NewReplicaSetAvailable"_s);
    QCOMPARE(conditionOf(done, u"Available"_s).value("status"_L1).toString(), u"True"_s);
}

void TestSimApi::watchResumesFromResourceVersion()
{
    SimFixture sim(fastScenario());
    QVERIFY(sim.ok());
    const QString rv = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).json()
                           .value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
    // A change made before the watch starts must still arrive: the watch resumes from rv.
    QCOMPARE(sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/solops/scale"_s, mergeReplicas(0),
                      "application/merge-patch+json").status, 200);
    eic::test::WatchReader watch(sim.network(), sim.request(u"/apis/apps/v1/namespaces/edge-icell/deployments?watch=true&resourceVersion="_s + rv));
    QTRY_VERIFY_WITH_TIMEOUT(!watch.events.isEmpty(), 3000);
    const QJsonObject first = watch.events.first();
    QCOMPARE(first.value("type"_L1).toString(), u"MODIFIED"_s);
    QCOMPARE(first.value("object"_L1).toObject().value("metadata"_L1).toObject().value("name"_L1).toString(), u"solops"_s);
    QCOMPARE(first.value("object"_L1).toObject().value("kind"_L1).toString(), u"Deployment"_s);
    QVERIFY(!watch.types().contains(u"ADDED"_s)); // resuming sends no synthetic ADDED events
    // And later changes stream in on the same connection.
    const qsizetype before = watch.events.size();
    QCOMPARE(sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/esac/scale"_s, mergeReplicas(2),
                      "application/merge-patch+json").status, 200);
    // (solops's own status updates may still be arriving in between.)
    auto esacSeen = [&] {
        for (qsizetype i = before; i < watch.events.size(); ++i) {
            if (watch.events.at(i).value("object"_L1).toObject().value("metadata"_L1).toObject().value("name"_L1).toString() == "esac"_L1)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(esacSeen(), 3000);
}

void TestSimApi::watchTooOldGives410()
{
    auto scenario = fastScenario();
    scenario.watchHistory = 5;
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    const QString rv = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).json()
                           .value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/worker/scale"_s, mergeReplicas(2 + i % 2),
                          "application/merge-patch+json").status, 200);
    }
    QTRY_VERIFY_WITH_TIMEOUT(sim.cell().store().oldestResumableVersion() > rv.toLongLong(), 5000);
    eic::test::WatchReader watch(sim.network(), sim.request(u"/apis/apps/v1/namespaces/edge-icell/deployments?watch=1&resourceVersion="_s + rv));
    QTRY_VERIFY_WITH_TIMEOUT(watch.finished, 3000);
    QCOMPARE(watch.reply()->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(watch.events.size(), 1);
    QCOMPARE(watch.events.first().value("type"_L1).toString(), u"ERROR"_s);
    const QJsonObject status = watch.events.first().value("object"_L1).toObject();
    QCOMPARE(status.value("code"_L1).toInt(), 410);
    QCOMPARE(status.value("reason"_L1).toString(), u"Expired"_s);
    QVERIFY(status.value("message"_L1).toString().startsWith(u"too old resource version: "_s + rv));
}

void TestSimApi::watchListSendsInitialEventsBookmark()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    eic::test::WatchReader watch(sim.network(), sim.request(
        u"/apis/apps/v1/namespaces/edge-icell/deployments?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true"_s));
    QTRY_COMPARE_WITH_TIMEOUT(watch.events.size(), 12, 3000);
    for (int i = 0; i < 11; ++i)
        QCOMPARE(watch.events.at(i).value("type"_L1).toString(), u"ADDED"_s);
    const QJsonObject bookmark = watch.events.at(11);
    QCOMPARE(bookmark.value("type"_L1).toString(), u"BOOKMARK"_s);
    const QJsonObject meta = bookmark.value("object"_L1).toObject().value("metadata"_L1).toObject();
    QCOMPARE(meta.value("annotations"_L1).toObject().value("k8s.io/initial-events-end"_L1).toString(), u"true"_s);
    QVERIFY(meta.value("resourceVersion"_L1).toString().toLongLong() >= sim.cell().store().currentVersion());

    // Without resourceVersionMatch=NotOlderThan the request is invalid, as on a real server.
    const auto bad = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments?watch=1&sendInitialEvents=true"_s);
    QCOMPARE(bad.status, 422);
}

void TestSimApi::watchEndsAfterTimeoutSeconds()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    QElapsedTimer clock;
    clock.start();
    eic::test::WatchReader watch(sim.network(), sim.request(u"/apis/apps/v1/namespaces/edge-icell/deployments?watch=1&timeoutSeconds=1"_s));
    QTRY_VERIFY_WITH_TIMEOUT(watch.finished, 5000);
    QCOMPARE(watch.reply()->error(), QNetworkReply::NoError); // an orderly end, not a cut
    QVERIFY(clock.elapsed() >= 900);
    QCOMPARE(watch.events.size(), 11); // the synthetic ADDED of the current objects
}

void TestSimApi::rbacForbidsAndAccessReviewAnswers()
{
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.users = {{u"viewer"_s, u"viewer-token"_s, {{{u"apps"_s}, {u"deployments"_s}, {u"get"_s, u"list"_s, u"watch"_s}, {u"edge-icell"_s}}}}};
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).status, 200);
    const auto denied = sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/edc/scale"_s, mergeReplicas(0),
                                 "application/merge-patch+json");
    QCOMPARE(denied.status, 403);
    QCOMPARE(denied.json().value("reason"_L1).toString(), u"Forbidden"_s);
    QCOMPARE(denied.json().value("message"_L1).toString(),
             u"deployments.apps \"edc\" is forbidden: User \"viewer\" cannot patch resource \"deployments/scale\" in API group \"apps\" in the namespace \"edge-icell\""_s);
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/other/deployments"_s).status, 403);

    auto review = [&](const QString &verb, const QString &subresource) {
        const QJsonObject body{{"kind"_L1, "SelfSubjectAccessReview"_L1}, {"apiVersion"_L1, "authorization.k8s.io/v1"_L1},
                               {"spec"_L1, QJsonObject{{"resourceAttributes"_L1, QJsonObject{{"namespace"_L1, "edge-icell"_L1},
                                   {"verb"_L1, verb}, {"group"_L1, "apps"_L1}, {"resource"_L1, "deployments"_L1}, {"subresource"_L1, subresource}}}}}};
        const auto r = sim.send("POST", u"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"_s, QJsonDocument(body).toJson());
        return std::make_pair(r.status, r.json().value("status"_L1).toObject().value("allowed"_L1).toBool());
    };
    QCOMPARE(review(u"list"_s, {}), std::make_pair(201, true));
    QCOMPARE(review(u"patch"_s, u"scale"_s), std::make_pair(201, false));
}

void TestSimApi::autoscalerDisablesAtZeroAndRestoresMinimum()
{
    auto scenario = fastScenario();
    scenario.timing.hpaSyncMs = 100;
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    auto scalingActive = [&] {
        const auto hpa = sim.get(u"/apis/autoscaling/v2/namespaces/edge-icell/horizontalpodautoscalers/edc"_s).json();
        return conditionOf(hpa.value("status"_L1).toObject(), u"ScalingActive"_s);
    };
    QCOMPARE(sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/edc/scale"_s, mergeReplicas(0),
                      "application/merge-patch+json").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(scalingActive().value("reason"_L1).toString(), u"ScalingDisabled"_s, 3000);
    QCOMPARE(scalingActive().value("status"_L1).toString(), u"False"_s);
    QCOMPARE(replicasOf(sim, u"edc"_s), 0); // at zero the autoscaler leaves it alone
    // Above zero but below its minimum, the autoscaler takes it back up (the mid-restore hazard).
    QCOMPARE(sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/edc/scale"_s, mergeReplicas(1),
                      "application/merge-patch+json").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(replicasOf(sim, u"edc"_s), 2, 3000);
    QTRY_COMPARE_WITH_TIMEOUT(scalingActive().value("status"_L1).toString(), u"True"_s, 3000);
}

void TestSimApi::neverReadyExceedsProgressDeadline()
{
    QString error;
    auto scenario = eic::sim::Scenario::fromJson(
        QJsonDocument::fromJson(R"({"deployments":{"worker":{"neverReady":true}},"timing":{"progressDeadlineSeconds":1}})").object(), &error);
    QVERIFY2(scenario, qPrintable(error));
    SimFixture sim(*scenario);
    QVERIFY(sim.ok());
    QCOMPARE(sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/worker/scale"_s, mergeReplicas(3),
                      "application/merge-patch+json").status, 200);
    QTRY_COMPARE_WITH_TIMEOUT(conditionOf(statusOf(sim, u"worker"_s), u"Progressing"_s).value("reason"_L1).toString(),
                              u"ProgressDeadlineExceeded"_s, 5000);
    QCOMPARE(conditionOf(statusOf(sim, u"worker"_s), u"Progressing"_s).value("status"_L1).toString(), u"False"_s);
}

void TestSimApi::olderCellAndBuiltinServices()
{
    QString error;
    auto scenario = eic::sim::Scenario::fromJson(
        QJsonDocument::fromJson(R"({"olderCell":true,"builtinServices":["postgres","redis"],"messageService":{"replicas":3}})").object(), &error);
    QVERIFY2(scenario, qPrintable(error));
    SimFixture sim(*scenario);
    QVERIFY(sim.ok());
    const QJsonArray deployments = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments"_s).json().value("items"_L1).toArray();
    QCOMPARE(deployments.size(), 8);
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments/auditlog-agent"_s).status, 404);
    const QJsonObject solace = sim.get(u"/apis/apps/v1/namespaces/edge-icell-services/statefulsets/ssb-solace"_s).json();
    QCOMPARE(solace.value("status"_L1).toObject().value("readyReplicas"_L1).toInt(), 3);
    QCOMPARE(sim.get(u"/apis/apps/v1/namespaces/edge-icell-services/statefulsets/postgres"_s).status, 200);
    QCOMPARE(sim.get(u"/api/v1/namespaces/edge-icell-services/pods?labelSelector=app%3Dssb-solace"_s).json().value("items"_L1).toArray().size(), 3);

    QVERIFY(!eic::sim::Scenario::fromJson(QJsonDocument::fromJson(R"({"messageService":{"replicas":2}})").object(), &error));
    QVERIFY(error.contains(u"messageService"_s));
}

void TestSimApi::leasesCreateUpdateDelete()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const QString base = u"/apis/coordination.k8s.io/v1/namespaces/edge-icell/leases"_s;
    const QJsonObject lease{{"apiVersion"_L1, "coordination.k8s.io/v1"_L1}, {"kind"_L1, "Lease"_L1},
                            {"metadata"_L1, QJsonObject{{"name"_L1, "eic-restore-lock"_L1}}},
                            {"spec"_L1, QJsonObject{{"holderIdentity"_L1, "admin@host"_L1}, {"leaseDurationSeconds"_L1, 30}}}};
    const auto created = sim.send("POST", base, QJsonDocument(lease).toJson());
    QCOMPARE(created.status, 201);
    QCOMPARE(sim.send("POST", base, QJsonDocument(lease).toJson()).json().value("reason"_L1).toString(), u"AlreadyExists"_s);
    QJsonObject stale = created.json();
    QJsonObject renewed = stale;
    QJsonObject spec = renewed.value("spec"_L1).toObject();
    spec["leaseDurationSeconds"_L1] = 60;
    renewed["spec"_L1] = spec;
    QCOMPARE(sim.send("PUT", base + u"/eic-restore-lock"_s, QJsonDocument(renewed).toJson()).status, 200);
    QCOMPARE(sim.send("PUT", base + u"/eic-restore-lock"_s, QJsonDocument(stale).toJson()).status, 409); // stale resourceVersion
    QCOMPARE(sim.get(base + u"/eic-restore-lock"_s).json().value("spec"_L1).toObject().value("leaseDurationSeconds"_L1).toInt(), 60);
    QCOMPARE(sim.send("DELETE", base + u"/eic-restore-lock"_s).status, 200);
    QCOMPARE(sim.get(base + u"/eic-restore-lock"_s).status, 404);
}

void TestSimApi::annotateDeployment()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    const auto r = sim.send("PATCH", u"/apis/apps/v1/namespaces/edge-icell/deployments/edc"_s,
                            R"({"metadata":{"annotations":{"eic-restore/original-replicas":"2"}}})", "application/merge-patch+json");
    QCOMPARE(r.status, 200);
    const QJsonObject meta = sim.get(u"/apis/apps/v1/namespaces/edge-icell/deployments/edc"_s).json().value("metadata"_L1).toObject();
    QCOMPARE(meta.value("annotations"_L1).toObject().value("eic-restore/original-replicas"_L1).toString(), u"2"_s);
    QCOMPARE(meta.value("generation"_L1).toInt(), 1); // metadata changes do not bump the generation
}

QTEST_MAIN(TestSimApi)
#include "tst_simapi.moc"
