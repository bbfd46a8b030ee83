// The Kubernetes client against eic-sim over real HTTPS: reflector happy path, every fault the
// sim injects, 410 relist, wrong CA, bad token, RBAC 403, exec credential plugins, a merged
// KUBECONFIG, the scale subresource with conflicts and dry run, access reviews, and the cell
// monitor's view of an older cell with built-in stores and an HA message service.

#include "SimFixture.h"
#include "cell/CellMonitor.h"
#include "cell/ComponentCatalogue.h"
#include "kube/KubeClient.h"
#include "kube/KubeConfig.h"
#include "kube/Reflector.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using eic::kube::KubeClient;
using eic::kube::Reflector;
using eic::test::SimFixture;

class TestKubeClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reflectorSyncsAndFollows();
    void survivesFaults_data();
    void survivesFaults();
    void relistsAfter410();
    void wrongCaIsRefusedWithASentence();
    void badTokenGives401Sentence();
    void rbacDenialGives403Sentence();
    void execPluginProvidesToken();
    void execPluginFailureIsExplained_data();
    void execPluginFailureIsExplained();
    void mergedKubeconfigConnects();
    void tokenFileIsReadAgainWhenItChanges();
    void scaleWithConflictsAndDryRun();
    void accessReviewAndVersion();
    void monitorSeesOlderCellBuiltinAndHa();
    void monitorCountsPodsSelectedByExpressions();

private:
    static eic::kube::ResolvedContext contextOf(SimFixture &sim)
    {
        eic::kube::ResolvedContext ctx;
        ctx.context = u"eic-sim"_s;
        ctx.cluster.name = u"eic-sim"_s;
        ctx.cluster.server = sim.host().url();
        ctx.cluster.caPem = sim.host().caPem();
        ctx.user.name = u"eic-admin"_s;
        ctx.user.token = sim.host().token();
        ctx.ns = u"edge-icell"_s;
        return ctx;
    }
    static Reflector::Options deployments() { return {u"/apis/apps/v1/namespaces/edge-icell/deployments"_s, {}, 500, 50, 400, 0}; }
    static int specReplicas(const Reflector &r, const QString &name)
    {
        return r.items().value(u"edge-icell/"_s + name).value("spec"_L1).toObject().value("replicas"_L1).toInt(-1);
    }
    template <typename T>
    static std::optional<eic::Result<T>> wait(const std::function<void(QObject *, std::function<void(const eic::Result<T> &)>)> &call)
    {
        std::optional<eic::Result<T>> out;
        QObject receiver;
        call(&receiver, [&out](const eic::Result<T> &r) { out = r; });
        if (!QTest::qWaitFor([&out] { return out.has_value(); }, 10000))
            qWarning("no answer within 10 s");
        return out;
    }
};

void TestKubeClient::reflectorSyncsAndFollows()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    KubeClient client(contextOf(sim));
    Reflector reflector(&client, deployments());
    QSignalSpy synced(&reflector, &Reflector::synced);
    reflector.start();
    QVERIFY(synced.wait(5000));
    QCOMPARE(reflector.items().size(), 11);
    QTRY_COMPARE_WITH_TIMEOUT(reflector.state(), Reflector::State::Live, 3000);
    QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, u"mdc"_s, 0));
    QTRY_COMPARE_WITH_TIMEOUT(specReplicas(reflector, u"mdc"_s), 0, 3000);
    QCOMPARE(reflector.listCount(), 1); // followed from the watch, no second list
}

void TestKubeClient::survivesFaults_data()
{
    QTest::addColumn<QByteArray>("faults");
    QTest::newRow("5xx bursts") << QByteArray(R"({"errorRate":0.6,"errorCodes":[500,503],"seed":3})");
    QTest::newRow("connection resets") << QByteArray(R"({"resetRate":0.5,"seed":5})");
    QTest::newRow("watch cut every second") << QByteArray(R"({"watchCutSeconds":1})");
    QTest::newRow("latency") << QByteArray(R"({"latencyMs":250})");
    QTest::newRow("everything at once") << QByteArray(R"({"errorRate":0.3,"resetRate":0.2,"watchCutSeconds":1,"latencyMs":50,"seed":9})");
}

void TestKubeClient::survivesFaults()
{
    QFETCH(QByteArray, faults);
    QString error;
    auto spec = eic::sim::FaultSpec::fromJson(QJsonDocument::fromJson(faults).object(), &error);
    QVERIFY2(spec, qPrintable(error));
    SimFixture sim;
    QVERIFY(sim.ok());
    sim.host().server().setFaults(*spec);
    KubeClient client(contextOf(sim));
    Reflector reflector(&client, deployments());
    reflector.start();
    QTRY_VERIFY_WITH_TIMEOUT(reflector.hasSynced(), 15000);
    QCOMPARE(reflector.items().size(), 11);
    // Changes made while the faults go on still arrive (after reconnects and relists).
    for (const char *name : {"mdc", "worker", "esac"})
        QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, QString::fromLatin1(name), 0));
    QTRY_VERIFY_WITH_TIMEOUT(specReplicas(reflector, u"mdc"_s) == 0 && specReplicas(reflector, u"worker"_s) == 0
                                 && specReplicas(reflector, u"esac"_s) == 0, 20000);
    if (spec->watchCutSeconds > 0)
        QTRY_VERIFY_WITH_TIMEOUT(reflector.watchCount() >= 2, 5000);
}

void TestKubeClient::relistsAfter410()
{
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.watchHistory = 5;
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    KubeClient client(contextOf(sim));
    Reflector reflector(&client, deployments());
    reflector.start();
    QTRY_COMPARE_WITH_TIMEOUT(reflector.state(), Reflector::State::Live, 5000);
    // Drop every watch and refuse new ones while the cell changes more than its history holds.
    eic::sim::FaultSpec down;
    down.resetRate = 1.0;
    down.watchCutSeconds = 1;
    sim.host().server().setFaults(down);
    QTRY_VERIFY_WITH_TIMEOUT(reflector.state() != Reflector::State::Live, 5000);
    for (int i = 0; i < 4; ++i) {
        QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, u"edge-api"_s, 3 + i % 2));
        QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, u"solops"_s, i % 2));
    }
    QVERIFY(sim.cell().store().oldestResumableVersion() > reflector.resourceVersion().toLongLong());
    sim.host().server().setFaults({});
    // The resumed watch meets 410 Expired; the reflector lists again and is current.
    QTRY_VERIFY_WITH_TIMEOUT(reflector.listCount() >= 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(reflector.state(), Reflector::State::Live, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(specReplicas(reflector, u"edge-api"_s), 4, 5000);
    QCOMPARE(specReplicas(reflector, u"solops"_s), 1);
}

void TestKubeClient::wrongCaIsRefusedWithASentence()
{
    SimFixture sim;
    SimFixture other; // another sim: another CA
    QVERIFY(sim.ok() && other.ok());
    auto ctx = contextOf(sim);
    ctx.cluster.caPem = other.host().caPem();
    KubeClient client(ctx);
    auto r = wait<QString>([&](QObject *o, auto cb) { client.serverVersion(o, cb); });
    QVERIFY(r && !r->ok());
    QVERIFY2(r->error().message.contains(u"is not signed by the CA in your kubeconfig"_s), qPrintable(r->error().message));
}

void TestKubeClient::badTokenGives401Sentence()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    auto ctx = contextOf(sim);
    ctx.user.token = u"wrong"_s;
    KubeClient client(ctx);
    Reflector reflector(&client, deployments());
    reflector.start();
    QTRY_COMPARE_WITH_TIMEOUT(reflector.state(), Reflector::State::Failed, 5000);
    QCOMPARE(reflector.lastError().code, 401);
    QVERIFY(reflector.lastError().message.contains(u"did not accept the credentials of user \"eic-admin\" (401 Unauthorized)"_s));
}

void TestKubeClient::rbacDenialGives403Sentence()
{
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.users = {{u"auditor"_s, u"auditor-token"_s, {{{u""_s}, {u"pods"_s}, {u"list"_s}, {u"*"_s}}}}};
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    auto ctx = contextOf(sim);
    ctx.user.token = u"auditor-token"_s;
    KubeClient client(ctx);
    auto r = wait<int>([&](QObject *o, auto cb) { client.patchScale(u"edge-icell"_s, u"edc"_s, 0, false, o, cb); });
    QVERIFY(r && !r->ok());
    QCOMPARE(r->error().code, 403);
    QVERIFY2(r->error().message.contains(u"Access denied by the cluster's RBAC"_s)
                 && r->error().message.contains(u"cannot patch resource \"deployments/scale\""_s),
             qPrintable(r->error().message));
}

void TestKubeClient::execPluginProvidesToken()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    QTemporaryDir dir;
    const QString script = dir.filePath(u"token-plugin.sh"_s);
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    // The plugin checks what kubectl sends it, then answers with the sim's token.
    f.write(u"#!/bin/sh\n"
            "echo \"$KUBERNETES_EXEC_INFO\" | grep -q '\"kind\":\"ExecCredential\"' || { echo 'no exec info' >&2; exit 3; }\n"
            "[ \"$EIC_PLUGIN_ENV\" = set ] || { echo 'env not passed' >&2; exit 4; }\n"
            "echo run >> \"%1\"\n"
            "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"%2\",\"expirationTimestamp\":\"2099-01-01T00:00:00Z\"}}'\n"_s
                .arg(dir.filePath(u"runs"_s), sim.host().token())
                .toUtf8());
    f.close();
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto ctx = contextOf(sim);
    ctx.user.token.clear();
    eic::kube::ExecConfig exec;
    exec.apiVersion = u"client.authentication.k8s.io/v1"_s;
    exec.command = script;
    exec.env = {{u"EIC_PLUGIN_ENV"_s, u"set"_s}};
    ctx.user.exec = exec;
    KubeClient client(ctx);
    auto first = wait<bool>([&](QObject *o, auto cb) { client.accessReview(u"list"_s, u"apps"_s, u"deployments"_s, {}, u"edge-icell"_s, o, cb); });
    QVERIFY2(first && first->ok(), first && !first->ok() ? qPrintable(first->error().message) : "");
    QVERIFY(first->value());
    auto second = wait<QString>([&](QObject *o, auto cb) { client.serverVersion(o, cb); });
    QVERIFY(second && second->ok());
    QCOMPARE(client.credentials().execRuns(), 1); // cached until its expiry
}

void TestKubeClient::execPluginFailureIsExplained_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("expected");
    QTest::newRow("fails") << u"/bin/sh"_s << u"failed (exit code 7): token expired, run az login"_s;
    QTest::newRow("missing, with install hint") << u"kubelogin-not-installed"_s << u"Install kubelogin from https://aka.ms/kubelogin"_s;
}

void TestKubeClient::execPluginFailureIsExplained()
{
    QFETCH(QString, command);
    QFETCH(QString, expected);
    SimFixture sim;
    QVERIFY(sim.ok());
    auto ctx = contextOf(sim);
    ctx.user.token.clear();
    eic::kube::ExecConfig exec;
    exec.apiVersion = u"client.authentication.k8s.io/v1beta1"_s;
    exec.command = command;
    exec.args = {u"-c"_s, u"echo 'token expired, run az login' >&2; exit 7"_s};
    exec.installHint = u"Install kubelogin from https://aka.ms/kubelogin"_s;
    ctx.user.exec = exec;
    KubeClient client(ctx);
    auto r = wait<QString>([&](QObject *o, auto cb) { client.serverVersion(o, cb); });
    QVERIFY(r && !r->ok());
    QVERIFY2(r->error().message.contains(expected), qPrintable(r->error().message));
}

void TestKubeClient::mergedKubeconfigConnects()
{
    QTemporaryDir dir;
    SimFixture sim({}, dir.filePath(u"sim.yaml"_s));
    QVERIFY(sim.ok());
    // Split the sim's kubeconfig in two, the way admins keep clusters and credentials apart.
    const QString yaml = sim.host().kubeconfigYaml();
    const qsizetype usersAt = yaml.indexOf(u"users:"_s);
    QFile a(dir.filePath(u"clusters.yaml"_s));
    QFile b(dir.filePath(u"users.yaml"_s));
    QVERIFY(a.open(QIODevice::WriteOnly) && b.open(QIODevice::WriteOnly));
    a.write(yaml.left(usersAt).toUtf8());
    b.write(yaml.mid(usersAt).toUtf8());
    a.close();
    b.close();
    qputenv("KUBECONFIG", (a.fileName() + u':' + dir.filePath(u"absent.yaml"_s) + u':' + b.fileName()).toUtf8());
    auto config = eic::kube::KubeConfig::loadDefault();
    qunsetenv("KUBECONFIG");
    QVERIFY2(config, config.ok() ? "" : qPrintable(config.error().message));
    auto ctx = config->resolve();
    QVERIFY2(ctx, ctx.ok() ? "" : qPrintable(ctx.error().message));
    KubeClient client(*ctx);
    auto r = wait<int>([&](QObject *o, auto cb) { client.getScale(u"edge-icell"_s, u"edc"_s, o, cb); });
    QVERIFY(r && r->ok());
    QCOMPARE(r->value(), 2);
}

void TestKubeClient::tokenFileIsReadAgainWhenItChanges()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    QTemporaryDir dir;
    const QString tokenFile = dir.filePath(u"token"_s);
    auto writeToken = [&](const QString &token) {
        QFile f(tokenFile);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(token.toUtf8() + '\n');
        f.close();
        // A rotation changes the file's time; make it visibly different from the last one.
        f.setFileTime(QDateTime::currentDateTime().addSecs(token.size()), QFileDevice::FileModificationTime);
    };
    writeToken(u"stale-token"_s);
    auto ctx = contextOf(sim);
    ctx.user.token.clear();
    ctx.user.tokenFile = tokenFile;
    KubeClient client(ctx);
    auto refused = wait<int>([&](QObject *o, auto cb) { client.getScale(u"edge-icell"_s, u"edc"_s, o, cb); });
    QVERIFY(refused && !refused->ok());
    QCOMPARE(refused->error().code, 401);
    writeToken(sim.host().token()); // the token rotates on disk, as projected tokens do
    auto accepted = wait<int>([&](QObject *o, auto cb) { client.getScale(u"edge-icell"_s, u"edc"_s, o, cb); });
    QVERIFY2(accepted && accepted->ok(), accepted && !accepted->ok() ? qPrintable(accepted->error().message) : "");
    QCOMPARE(accepted->value(), 2);
}

void TestKubeClient::scaleWithConflictsAndDryRun()
{
    SimFixture sim;
    QVERIFY(sim.ok());
    KubeClient client(contextOf(sim));
    eic::sim::FaultSpec conflicts;
    conflicts.conflicts = 3;
    sim.host().server().setFaults(conflicts);
    auto r = wait<int>([&](QObject *o, auto cb) { client.patchScale(u"edge-icell"_s, u"worker"_s, 0, false, o, cb); });
    QVERIFY2(r && r->ok(), r && !r->ok() ? qPrintable(r->error().message) : "");
    QCOMPARE(r->value(), 0);
    const QJsonObject before = sim.cell().stateSnapshot();
    auto dry = wait<int>([&](QObject *o, auto cb) { client.patchScale(u"edge-icell"_s, u"edc"_s, 0, true, o, cb); });
    QVERIFY(dry && dry->ok());
    QCOMPARE(sim.cell().stateSnapshot(), before);
    auto invalid = wait<int>([&](QObject *o, auto cb) { client.patchScale(u"edge-icell"_s, u"Bad_Name"_s, 0, false, o, cb); });
    QVERIFY(invalid && !invalid->ok());
    QVERIFY(invalid->error().message.contains(u"DNS-1123"_s));
    // Conflicts that never stop end in a clear error, not an endless loop.
    conflicts.conflicts = 1000;
    sim.host().server().setFaults(conflicts);
    auto stuck = wait<int>([&](QObject *o, auto cb) { client.patchScale(u"edge-icell"_s, u"mdc"_s, 0, false, o, cb); });
    QVERIFY(stuck && !stuck->ok());
    QCOMPARE(stuck->error().code, 409);
}

void TestKubeClient::accessReviewAndVersion()
{
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.users = {{u"operator"_s, u"op"_s, {{{u"apps"_s}, {u"deployments"_s, u"deployments/scale"_s}, {u"get"_s, u"list"_s, u"watch"_s, u"patch"_s}, {u"edge-icell"_s}}}}};
    SimFixture sim(scenario);
    QVERIFY(sim.ok());
    auto ctx = contextOf(sim);
    ctx.user.token = u"op"_s;
    KubeClient client(ctx);
    auto canScale = wait<bool>([&](QObject *o, auto cb) { client.accessReview(u"patch"_s, u"apps"_s, u"deployments"_s, u"scale"_s, u"edge-icell"_s, o, cb); });
    QVERIFY(canScale && canScale->ok() && canScale->value());
    auto canDelete = wait<bool>([&](QObject *o, auto cb) { client.accessReview(u"delete"_s, u"apps"_s, u"deployments"_s, {}, u"edge-icell"_s, o, cb); });
    QVERIFY(canDelete && canDelete->ok() && !canDelete->value());
    auto version = wait<QString>([&](QObject *o, auto cb) { client.serverVersion(o, cb); });
    QVERIFY(version && version->ok());
    QVERIFY(version->value().startsWith(u"v1."_s));
}

void TestKubeClient::monitorSeesOlderCellBuiltinAndHa()
{
    QString error;
    auto scenario = eic::sim::Scenario::fromJson(
        QJsonDocument::fromJson(R"({"olderCell":true,"builtinServices":["postgres"],"messageService":{"replicas":3},"deployments":{"custom-addon":{"replicas":1}}})").object(),
        &error);
    QVERIFY2(scenario, qPrintable(error));
    SimFixture sim(*scenario);
    QVERIFY(sim.ok());
    KubeClient client(contextOf(sim));
    eic::cell::CellMonitor monitor(&client, eic::cell::ComponentCatalogue::builtIn());
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.synced(), 5000);
    const auto &components = monitor.components();
    const auto audit = components.at(monitor.indexOf(u"auditlog-agent"_s));
    QCOMPARE(audit.health.health, eic::cell::Health::Missing);
    QVERIFY(audit.health.reason.contains(u"8.20"_s));
    const int addon = monitor.indexOf(u"custom-addon"_s);
    QVERIFY(addon >= 0);
    QVERIFY(!components.at(addon).known);
    QCOMPARE(monitor.messageService().desired, 3);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.messageService().ready, 3, 3000);
    QVERIFY(monitor.messageService().highAvailability());
    QTRY_COMPARE_WITH_TIMEOUT(monitor.builtinServices().size(), 1, 3000);
    QCOMPARE(monitor.builtinServices().first().name, u"postgres"_s);
    QCOMPARE(monitor.toJson().value("builtinServices"_L1).toArray().size(), 1);
}

void TestKubeClient::monitorCountsPodsSelectedByExpressions()
{
    // worker's spec.selector has matchExpressions only: its terminating pods must still count.
    QString error;
    auto scenario = eic::sim::Scenario::fromJson(
        QJsonDocument::fromJson(R"({"deployments":{"worker":{"selector":"matchExpressions"}},"timing":{"podTerminateMs":1500}})").object(), &error);
    QVERIFY2(scenario, qPrintable(error));
    SimFixture sim(*scenario);
    QVERIFY(sim.ok());
    KubeClient client(contextOf(sim));
    eic::cell::CellMonitor monitor(&client, eic::cell::ComponentCatalogue::builtIn());
    monitor.start();
    QTRY_VERIFY_WITH_TIMEOUT(monitor.synced(), 5000);
    const int row = monitor.indexOf(u"worker"_s);
    QVERIFY(row >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(monitor.components().at(row).health.health, eic::cell::Health::Healthy, 3000);
    QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, u"worker"_s, 0));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.components().at(row).terminating, 2, 3000);
    QCOMPARE(monitor.components().at(row).health.health, eic::cell::Health::Stopped);
    QVERIFY(monitor.components().at(row).health.reason.contains(u"2 pods still terminating"_s));
    QTRY_COMPARE_WITH_TIMEOUT(monitor.components().at(row).terminating, 0, 5000);
}

QTEST_MAIN(TestKubeClient)
#include "tst_kubeclient.moc"
