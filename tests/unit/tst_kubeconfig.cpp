#include "kube/KubeConfig.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::kube::KubeConfig;

class TestKubeConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mergesFilesInOrder();
    void resolvesRelativePaths();
    void brokenYamlNamesFileAndLine();
    void insecureWithCaIsRefused();
    void unknownContextListsKnownOnes();
    void missingFilesAreSkipped();

private:
    QString write(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        f.write(text);
        return path;
    }
    QTemporaryDir m_dir;
};

void TestKubeConfig::mergesFilesInOrder()
{
    const QString a = write(u"a.yaml"_s, R"(apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: c1
  cluster: {server: "https://a.example:6443"}
users:
- name: u1
  user: {token: first}
contexts:
- name: prod
  context: {cluster: c1, user: u1, namespace: cell-a}
)");
    const QString b = write(u"b.yaml"_s, R"(current-context: dev
clusters:
- name: c1
  cluster: {server: "https://shadowed.example"}
- name: c2
  cluster: {server: "https://b.example"}
users:
- name: u1
  user: {token: second}
contexts:
- name: dev
  context: {cluster: c2, user: u1}
)");
    auto config = KubeConfig::load({a, b});
    QVERIFY2(config, qPrintable(config.ok() ? QString() : config.error().message));
    QCOMPARE(config->currentContext(), u"prod"_s); // the first file's current-context wins
    QCOMPARE(config->contextNames(), (QStringList{u"prod"_s, u"dev"_s}));
    auto prod = config->resolve();
    QVERIFY(prod);
    QCOMPARE(prod->cluster.server.toString(), u"https://a.example:6443"_s); // first definition wins
    QCOMPARE(prod->user.token, u"first"_s);
    QCOMPARE(prod->ns, u"cell-a"_s);
    auto dev = config->resolve(u"dev"_s);
    QVERIFY(dev);
    QCOMPARE(dev->cluster.server.toString(), u"https://b.example"_s);
    QCOMPARE(dev->ns, u"edge-icell"_s); // no namespace in the context: the cell's
}

void TestKubeConfig::resolvesRelativePaths()
{
    write(u"sub/ca.crt"_s, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const QString cfg = write(u"sub/config"_s, R"(current-context: x
clusters:
- name: c
  cluster: {server: "https://x.example", certificate-authority: ca.crt}
users:
- name: u
  user: {tokenFile: token.txt}
contexts:
- name: x
  context: {cluster: c, user: u}
)");
    auto config = KubeConfig::load({cfg});
    QVERIFY(config);
    auto ctx = config->resolve();
    QVERIFY2(ctx, qPrintable(ctx.ok() ? QString() : ctx.error().message));
    QCOMPARE(ctx->cluster.caFile, m_dir.filePath(u"sub/ca.crt"_s));
    QCOMPARE(ctx->user.tokenFile, m_dir.filePath(u"sub/token.txt"_s));
    QVERIFY(ctx->cluster.caPem.startsWith("-----BEGIN CERTIFICATE-----"));
}

void TestKubeConfig::brokenYamlNamesFileAndLine()
{
    const QString cfg = write(u"broken.yaml"_s, "clusters:\n- name: c\n  cluster: {server: \"https://x\"\nusers: []\n");
    auto config = KubeConfig::load({cfg});
    QVERIFY(!config);
    QVERIFY2(config.error().message.contains(cfg), qPrintable(config.error().message));
    QVERIFY2(config.error().message.contains(u"line "_s), qPrintable(config.error().message));
}

void TestKubeConfig::insecureWithCaIsRefused()
{
    const QString cfg = write(u"insecure.yaml"_s, R"(current-context: x
clusters:
- name: c
  cluster: {server: "https://x.example", insecure-skip-tls-verify: true, certificate-authority-data: "LS0tLQ=="}
contexts:
- name: x
  context: {cluster: c}
)");
    auto config = KubeConfig::load({cfg});
    QVERIFY(config);
    auto ctx = config->resolve();
    QVERIFY(!ctx);
    QVERIFY(ctx.error().message.contains(u"insecure-skip-tls-verify"_s));
}

void TestKubeConfig::unknownContextListsKnownOnes()
{
    const QString cfg = write(u"ctx.yaml"_s, R"(clusters:
- name: c
  cluster: {server: "https://x.example"}
contexts:
- name: alpha
  context: {cluster: c}
)");
    auto config = KubeConfig::load({cfg});
    QVERIFY(config);
    auto ctx = config->resolve(u"beta"_s);
    QVERIFY(!ctx);
    QVERIFY(ctx.error().message.contains(u"\"beta\""_s));
    QVERIFY(ctx.error().message.contains(u"alpha"_s));
    QVERIFY(!config->resolve()); // no current-context
}

void TestKubeConfig::missingFilesAreSkipped()
{
    const QString cfg = write(u"only.yaml"_s, "clusters: []\n");
    QVERIFY(KubeConfig::load({m_dir.filePath(u"absent"_s), cfg}));
    auto none = KubeConfig::load({m_dir.filePath(u"absent"_s)});
    QVERIFY(!none);
    QVERIFY(none.error().message.contains(u"absent"_s));
}

QTEST_MAIN(TestKubeConfig)
#include "tst_kubeconfig.moc"
