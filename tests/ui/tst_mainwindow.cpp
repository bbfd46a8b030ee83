// The dashboard against an in-process eic-sim, offscreen: it lists the cell live, follows a
// scale made behind its back, filters, and explains a refused token. Screenshots land in
// test-output/ (dashboard.png, dashboard-stopped.png, dashboard-401.png). Closing the window
// during a restore asks (Keep running keeps it; Roll back rolls back, then closes).

#include "ComponentFilterModel.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "restore/Journal.h"
#include "SimFixture.h"
#include "SimCell.h"
#include "SimHost.h"
#include "cell/CellSession.h"
#include "kube/KubeConfig.h"
#include "profiles/SecretStore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void showsTheCellAndFollowsAScale();
    void explainsARefusedToken();
    void saysWhenTheNamespaceHoldsNoCell();
    void closingDuringARunAsks();
    void closingWhileTheAdminRestoresAsksToo();

private:
    static QString shot(const QString &name) { return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name; }
};

namespace {

int rowOf(QAbstractItemModel *model, const QString &name)
{
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data().toString() == name)
            return r;
    }
    return -1;
}

QString cellText(QAbstractItemModel *model, const QString &name, int column)
{
    const int row = rowOf(model, name);
    return row < 0 ? QString() : model->index(row, column).data().toString();
}

} // namespace

void TestMainWindow::showsTheCellAndFollowsAScale()
{
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(u"kubeconfig"_s);
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.timing.podStartMs = 200;
    scenario.timing.podTerminateMs = 300;
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = kubeconfig;
    options.scenario = scenario;
    QVERIFY2(sim.start(options, &error), qPrintable(error));

    auto config = eic::kube::KubeConfig::load({kubeconfig});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAbstractItemModelTester tester(window.session()->model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->monitor->synced(), 10000);
    QAbstractItemModel *view = window.componentTable()->model();
    QCOMPARE(view->rowCount(), 11);
    QTRY_VERIFY_WITH_TIMEOUT(cellText(view, u"edc"_s, eic::cell::ComponentModel::Health).startsWith(u"Healthy"_s), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionText().contains(u"live"_s), 5000); // the connection line follows the sync under load
    QVERIFY(cellText(view, u"edc"_s, eic::cell::ComponentModel::Restore).contains(u"HPA 2–4"_s));
    QVERIFY(window.grab().save(shot(u"dashboard.png"_s)));

    // Someone scales edc down behind our back: the row follows from the watch alone.
    QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, u"edc"_s, 0));
    QTRY_COMPARE_WITH_TIMEOUT(cellText(view, u"edc"_s, eic::cell::ComponentModel::Desired), u"0"_s, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(cellText(view, u"edc"_s, eic::cell::ComponentModel::Health), u"Stopped — scaled to 0"_s, 5000);
    QCOMPARE(cellText(view, u"edc"_s, eic::cell::ComponentModel::Ready), u"0"_s);

    // Filters: restore-relevant shows the eight components a restore stops; unhealthy none.
    QComboBox *filter = nullptr;
    for (auto *combo : window.findChildren<QComboBox *>()) {
        if (combo->count() == 3 && combo->itemText(1) == u"Stopped by a restore"_s)
            filter = combo;
    }
    QVERIFY(filter);
    filter->setCurrentIndex(1);
    QCOMPARE(view->rowCount(), 8);
    QVERIFY(rowOf(view, u"esac"_s) < 0);
    filter->setCurrentIndex(0);

    // A pod that never becomes ready shows as Progressing, then everything settles back.
    QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, u"edc"_s, 2));
    QTRY_VERIFY_WITH_TIMEOUT(cellText(view, u"edc"_s, eic::cell::ComponentModel::Health).startsWith(u"Progressing"_s), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(cellText(view, u"edc"_s, eic::cell::ComponentModel::Health).startsWith(u"Healthy"_s), 5000);
    QVERIFY(sim.cell().setReplicas(u"edge-icell"_s, u"worker"_s, 0));
    QTRY_VERIFY_WITH_TIMEOUT(cellText(view, u"worker"_s, eic::cell::ComponentModel::Health).startsWith(u"Stopped"_s), 5000);
    QVERIFY(window.grab().save(shot(u"dashboard-stopped.png"_s)));

    // Copy a row as text.
    window.componentTable()->selectRow(rowOf(view, u"worker"_s));
    window.copySelectedRows();
    QVERIFY(QApplication::clipboard()->text().startsWith(u"worker\t"_s));
}

void TestMainWindow::explainsARefusedToken()
{
    QTemporaryDir dir;
    eic::sim::SimHost sim;
    QString error;
    QVERIFY2(sim.start({}, &error), qPrintable(error));
    const QString kubeconfig = dir.filePath(u"bad"_s);
    QFile f(kubeconfig);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(sim.kubeconfigYaml().replace(sim.token(), u"not-the-token"_s).toUtf8());
    f.close();
    auto config = eic::kube::KubeConfig::load({kubeconfig});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionText().contains(u"401"_s), 10000);
    QVERIFY(window.connectionText().contains(u"error"_s));
    // Refused is not missing: the rows say they are not known, and where to read why.
    QAbstractItemModel *view = window.componentTable()->model();
    QTRY_COMPARE_WITH_TIMEOUT(cellText(view, u"edc"_s, eic::cell::ComponentModel::Health), u"Unknown — the cluster refused us (see the connection line)"_s, 5000);
    QVERIFY(window.grab().save(shot(u"dashboard-401.png"_s)));
}

void TestMainWindow::saysWhenTheNamespaceHoldsNoCell()
{
    QTemporaryDir dir;
    eic::test::SimFixture sim(std::nullopt, dir.filePath(u"kubeconfig"_s));
    QVERIFY2(sim.ok(), qPrintable(sim.error()));
    auto config = eic::kube::KubeConfig::load({dir.filePath(u"kubeconfig"_s)});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, u"edge-icel"_s); // one letter short
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->monitor->synced(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(window.connectionText().contains(u"live, but no cell here"_s), 5000);
}

void TestMainWindow::closingDuringARunAsks()
{
    QTemporaryDir dir;
    qputenv("EIC_RESTORE_RUNS_DIR", dir.filePath(u"runs"_s).toUtf8());
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.timing.podStartMs = 150;
    scenario.timing.podTerminateMs = 200;
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = dir.filePath(u"kubeconfig"_s);
    options.scenario = scenario;
    QVERIFY2(sim.start(options, &error), qPrintable(error));
    const QJsonObject before = sim.cell().stateSnapshot();
    auto replicas = [&sim](const QString &name) { return sim.cell().stateSnapshot().value(u"edge-icell/"_s + name).toObject().value("replicas"_L1).toInt(-1); };
    auto journal = [] {
        const QStringList runs = eic::restore::Journal::all();
        QFile f(runs.value(0));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    };
    auto config = eic::kube::KubeConfig::load({options.kubeconfigOut});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->monitor->synced(), 10000);
    QVERIFY(!window.runInProgress());
    window.startUnattendedRestore(eic::cell::RestoreTarget::Database, u"sleep 60"_s);
    QTRY_VERIFY_WITH_TIMEOUT(journal().contains(u"\"data-started\""_s), 20000);
    QCOMPARE(replicas(u"edc"_s), 0);
    QVERIFY(window.runInProgress());

    // Keep running: the close is ignored and nothing changes.
    auto &asked = eic::ui::MessageBox::history();
    const qsizetype questions = asked.size();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
    window.close();
    QCOMPARE(asked.size(), questions + 1);
    QVERIFY2(asked.last().startsWith(u"A restore is running on cell edge-icell (context eic-sim): 7 components are stopped"_s), qPrintable(asked.last()));
    QVERIFY2(asked.last().contains(u"may already be partly restored"_s), qPrintable(asked.last()));
    QVERIFY(window.isVisible());
    QVERIFY(window.runInProgress());
    QCOMPARE(replicas(u"edc"_s), 0);

    // Roll back: the window stays until every component is back, then closes.
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Discard);
    window.close();
    QVERIFY(window.isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 30000);
    QVERIFY(!window.runInProgress());
    for (auto it = before.constBegin(); it != before.constEnd(); ++it)
        QCOMPARE(sim.cell().stateSnapshot().value(it.key()).toObject().value("replicas"_L1), it.value().toObject().value("replicas"_L1));
    const QString log = journal();
    QVERIFY(log.contains(u"\"cancel-requested\""_s));
    const QString last = log.trimmed().section(u'\n', -1);
    QVERIFY2(last.contains(u"\"run-finished\""_s) && last.contains(u"\"rolled-back\""_s), qPrintable(last));
    QCOMPARE(asked.size(), questions + 2); // no dialog after the rollback
}

// External mode without a command: the components wait for the admin's data step and no run is
// under way. A close still asks (the cell is down); Roll back rolls the run back from its journal.
void TestMainWindow::closingWhileTheAdminRestoresAsksToo()
{
    QTemporaryDir dir;
    qputenv("EIC_RESTORE_RUNS_DIR", dir.filePath(u"runs"_s).toUtf8());
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.timing.podStartMs = 150;
    scenario.timing.podTerminateMs = 200;
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = dir.filePath(u"kubeconfig"_s);
    options.scenario = scenario;
    QVERIFY2(sim.start(options, &error), qPrintable(error));
    auto replicas = [&sim](const QString &name) { return sim.cell().stateSnapshot().value(u"edge-icell/"_s + name).toObject().value("replicas"_L1).toInt(-1); };
    auto config = eic::kube::KubeConfig::load({options.kubeconfigOut});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->monitor->synced(), 10000);
    window.startUnattendedRestore(eic::cell::RestoreTarget::Database, {});
    QTRY_COMPARE_WITH_TIMEOUT(eic::restore::Journal::unfinished().size(), 1, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.runInProgress(), 20000); // handed over to the admin
    QCOMPARE(replicas(u"edc"_s), 0);
    auto &asked = eic::ui::MessageBox::history();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Discard);
    window.close();
    QVERIFY2(asked.last().contains(u"They wait for your data step"_s), qPrintable(asked.last()));
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 30000);
    QCOMPARE(replicas(u"edc"_s), 2);
    QCOMPARE(replicas(u"destination-db-management"_s), 1);
    QVERIFY(eic::restore::Journal::unfinished().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
