// The GUI smoke test: the main window against an in-process eic-sim, offscreen, and a
// screenshot in the build tree (test-output/mainwindow.png).

#include "MainWindow.h"
#include "SimHost.h"
#include "kube/KubeClient.h"
#include "kube/KubeConfig.h"

#include <QApplication>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void listsTheSandboxDeployments();
    void showsAClearErrorWhenTheTokenIsWrong();
};

void TestMainWindow::listsTheSandboxDeployments()
{
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(u"kubeconfig"_s);
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = kubeconfig;
    QVERIFY2(sim.start(options, &error), qPrintable(error));

    auto config = eic::kube::KubeConfig::load({kubeconfig});
    QVERIFY(config);
    auto ctx = config->resolve();
    QVERIFY(ctx);
    eic::kube::KubeClient client(*ctx);
    eic::ui::MainWindow window(&client);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy refreshed(&window, &eic::ui::MainWindow::refreshed);
    window.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(window.deploymentCount(), 11);
    auto *table = window.findChild<QTableWidget *>();
    QVERIFY(table);
    QStringList names;
    for (int r = 0; r < table->rowCount(); ++r)
        names.append(table->item(r, 0)->text());
    QVERIFY(names.contains(u"edc"_s));
    QVERIFY(names.contains(u"policyengine"_s));
    QVERIFY(window.grab().save(qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u"/mainwindow.png"_s));
}

void TestMainWindow::showsAClearErrorWhenTheTokenIsWrong()
{
    eic::sim::SimHost sim;
    QString error;
    QVERIFY2(sim.start({}, &error), qPrintable(error));
    eic::kube::ResolvedContext ctx;
    ctx.context = u"wrong-token"_s;
    ctx.cluster.server = sim.url();
    ctx.cluster.caPem = sim.caPem();
    ctx.user.name = u"intruder"_s;
    ctx.user.token = u"not-the-token"_s;
    ctx.ns = u"edge-icell"_s;
    eic::kube::KubeClient client(ctx);
    eic::ui::MainWindow window(&client);
    window.show();
    QSignalSpy refreshed(&window, &eic::ui::MainWindow::refreshed);
    window.refresh();
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(window.deploymentCount(), 0);
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(u"401"_s) && message.contains(u"intruder"_s), qPrintable(message));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
