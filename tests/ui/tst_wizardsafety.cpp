// The wizard's guards against the wrong cell and the unknown, clicked as an admin clicks them,
// against an in-process eic-sim (and the PostgreSQL of scripts/test for the session list): the
// header on every page, the summary before the start, the typed confirmation that refuses
// another cell's name, the blocking sessions listed with [End these sessions] and [Roll back…],
// and a roll-back question in the words of the phase that closes when the run ends under it.

#include "MessageBox.h"
#include "SimCell.h"
#include "SimHost.h"
#include "kube/KubeClient.h"
#include "kube/KubeConfig.h"
#include "restore/RestoreWizard.h"
#include "restore/WizardPages.h"
#include "restore/pages/RunWidgets.h"
#include "restore/pages/WizardHeader.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::ui::RestoreWizard;

class TestWizardSafety : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void headerAndSummaryNameTheCell();
    void anotherCellsNameIsRefused();
    void blockingSessionsEndedFromTheList();
    void blockingSessionsRolledBackFromTheList();
    void rollBackQuestionClosesWhenTheRunEnds();

private:
    static QString shot(const QString &name) { return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name; }
    bool startSim();
    int replicas(const QString &name) const
    {
        return m_sim->cell().stateSnapshot().value(u"edge-icell/"_s + name).toObject().value("replicas"_L1).toInt(-1);
    }
    eic::ui::WizardContext context(const QString &profile, bool withDatabase = false) const;
    // Target and pre-flight clicked through to the cautions page.
    bool toTheCautions(RestoreWizard &w, const QString &target);
    // Every caution ticked with a click, the confirmation typed key by key.
    static void tickAll(QWizardPage *page)
    {
        for (auto *box : page->findChildren<QCheckBox *>())
            if (!box->isChecked())
                QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
    }
    // The required cautions ticked (not the optional terminate-sessions), the profile's name
    // typed, "Start the restore" clicked.
    static void startWithoutTerminateSessions(RestoreWizard &wizard)
    {
        QWizardPage *cautions = wizard.currentPage();
        for (auto *box : cautions->findChildren<QCheckBox *>())
            if (box->text().startsWith(u"I understand"_s))
                QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(8, box->height() / 2));
        QTest::keyClicks(cautions->findChild<QLineEdit *>(u"confirmCell"_s), u"prod-eu1"_s);
        QTest::mouseClick(wizard.button(QWizard::CommitButton), Qt::LeftButton);
    }
    // A client of a stopped component that stays connected (psql as "edc-…", sleeping).
    bool connectLingeringClient();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<eic::sim::SimHost> m_sim;
    std::unique_ptr<eic::kube::KubeClient> m_client;
    QString m_server;
    QProcess m_psql;
};

void TestWizardSafety::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("EIC_RESTORE_RUNS_DIR", m_dir->filePath(u"runs"_s).toUtf8());
    eic::ui::MessageBox::history().clear();
}

void TestWizardSafety::cleanup()
{
    if (m_psql.state() != QProcess::NotRunning) {
        m_psql.kill();
        m_psql.waitForFinished(5000);
    }
    m_client.reset();
    m_sim.reset();
}

bool TestWizardSafety::startSim()
{
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.timing.podStartMs = 150;
    scenario.timing.podTerminateMs = 200;
    m_sim = std::make_unique<eic::sim::SimHost>();
    eic::sim::SimOptions options;
    options.kubeconfigOut = m_dir->filePath(u"kubeconfig"_s);
    options.scenario = scenario;
    QString error;
    if (!m_sim->start(options, &error))
        return false;
    auto config = eic::kube::KubeConfig::load({options.kubeconfigOut});
    auto ctx = config ? config->resolve() : eic::Result<eic::kube::ResolvedContext>(config.error());
    if (!ctx)
        return false;
    m_server = ctx->cluster.server.toString();
    m_client = std::make_unique<eic::kube::KubeClient>(*ctx);
    return true;
}

eic::ui::WizardContext TestWizardSafety::context(const QString &profile, bool withDatabase) const
{
    eic::ui::WizardContext c;
    c.client = m_client.get();
    c.context = u"eic-sim"_s;
    c.clusterUrl = m_server;
    c.profile = profile;
    c.operatorName = u"night-admin"_s;
    if (withDatabase) {
        eic::stores::PgConnectOptions o;
        o.host = qEnvironmentVariable("EIC_TEST_PGHOST");
        o.port = qEnvironmentVariableIntValue("EIC_TEST_PGPORT");
        o.dbname = qEnvironmentVariable("EIC_TEST_PGDATABASE");
        o.user = qEnvironmentVariable("EIC_TEST_PGUSER");
        o.password = qEnvironmentVariable("EIC_TEST_PGPASSWORD");
        o.sslrootcert = qEnvironmentVariable("EIC_TEST_CA");
        c.store.database = o;
    }
    return c;
}

bool TestWizardSafety::toTheCautions(RestoreWizard &w, const QString &target)
{
    w.show();
    if (!QTest::qWaitFor([&w] { return w.session()->surveyed; }, 10000))
        return false;
    for (auto *b : w.currentPage()->findChildren<QRadioButton *>())
        if (b->text().startsWith(target))
            QTest::mouseClick(b, Qt::LeftButton, {}, QPoint(8, b->height() / 2));
    QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton);
    if (!QTest::qWaitFor([&w] { return w.currentId() == RestoreWizard::PreflightPage && w.currentPage()->isComplete(); }, 15000))
        return false;
    QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton); // the plan
    QTest::mouseClick(w.button(QWizard::NextButton), Qt::LeftButton); // the cautions
    return w.currentId() == RestoreWizard::CautionsPage;
}

bool TestWizardSafety::connectLingeringClient()
{
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"PGAPPNAME"_s, u"edc-7f9c4-lingering"_s);
    env.insert(u"PGPASSWORD"_s, qEnvironmentVariable("EIC_TEST_PGPASSWORD"));
    env.insert(u"PGSSLMODE"_s, u"verify-full"_s);
    env.insert(u"PGSSLROOTCERT"_s, qEnvironmentVariable("EIC_TEST_CA"));
    m_psql.setProcessEnvironment(env);
    m_psql.start(u"psql"_s, {u"-X"_s, u"-q"_s, u"-h"_s, qEnvironmentVariable("EIC_TEST_PGHOST"), u"-p"_s, qEnvironmentVariable("EIC_TEST_PGPORT"),
                             u"-U"_s, qEnvironmentVariable("EIC_TEST_PGUSER"), u"-d"_s, qEnvironmentVariable("EIC_TEST_PGDATABASE"),
                             u"-c"_s, u"select pg_sleep(600)"_s});
    return m_psql.waitForStarted(5000) && !m_psql.waitForFinished(1500); // still connected after 1.5 s
}

void TestWizardSafety::headerAndSummaryNameTheCell()
{
    QVERIFY(startSim());
    RestoreWizard wizard(context(u"prod-eu1"_s));
    QVERIFY(toTheCautions(wizard, u"The PostgreSQL database"_s));
    // Every page so far carried the same header: the profile, the context and the cluster.
    for (int id : {int(RestoreWizard::TargetPage), int(RestoreWizard::PreflightPage), int(RestoreWizard::CautionsPage)}) {
        auto *header = wizard.page(id)->findChild<eic::ui::WizardHeader *>();
        QVERIFY(header);
        header->refresh();
        QVERIFY2(header->text().contains(u"Profile prod-eu1"_s) && header->text().contains(m_server) && header->text().contains(u"context eic-sim"_s),
                 qPrintable(header->text()));
        QVERIFY2(header->text().contains(u"database: no connection"_s), qPrintable(header->text()));
        QVERIFY(!header->findChild<QLabel *>(u"wizardMark"_s)->isVisible()); // no SANDBOX on a real profile
    }
    // The summary: what stops where, what happens to the store, how long; labelled an estimate.
    const QString summary = wizard.currentPage()->findChild<QLabel *>(u"planSummary"_s)->text();
    QVERIFY2(summary.startsWith(u"Stop 7 components (10 pods) on %1; you restore the database at (no connection given) yourself; expected downtime ~"_s.arg(m_server)),
             qPrintable(summary));
    QVERIFY2(summary.endsWith(u"(an estimate: no run or drill of this target yet)."_s), qPrintable(summary));
    QVERIFY(wizard.grab().save(shot(u"wizard-4-cautions-summary.png"_s)));

    // In the sandbox the marker is on every page.
    eic::ui::WizardContext sandbox = context(u"sandbox"_s);
    sandbox.mark = u"sandbox"_s;
    RestoreWizard rehearsal(sandbox);
    rehearsal.show();
    auto *header = rehearsal.currentPage()->findChild<eic::ui::WizardHeader *>();
    QTRY_VERIFY(header->findChild<QLabel *>(u"wizardMark"_s)->isVisible());
    QCOMPARE(header->findChild<QLabel *>(u"wizardMark"_s)->text(), u"SANDBOX"_s);
}

void TestWizardSafety::anotherCellsNameIsRefused()
{
    QVERIFY(startSim());
    RestoreWizard wizard(context(u"prod-eu1"_s));
    QVERIFY(toTheCautions(wizard, u"The PostgreSQL database"_s));
    QWizardPage *page = wizard.currentPage();
    tickAll(page);
    auto *confirm = page->findChild<QLineEdit *>(u"confirmCell"_s);
    auto *typo = page->findChild<QLabel *>(u"confirmTypo"_s);
    QVERIFY(confirm && confirm->isVisible() && typo);
    QAbstractButton *start = wizard.button(QWizard::CommitButton);
    QVERIFY(!start->isEnabled()); // ticked, but not confirmed
    // The namespace, the same on every cell, is no confirmation; nor is another profile's name.
    QTest::keyClicks(confirm, u"edge-icell"_s);
    QVERIFY(!start->isEnabled());
    QVERIFY2(typo->isVisible() && typo->text().contains(u"“edge-icell” is not “prod-eu1”"_s), qPrintable(typo->text()));
    confirm->clear();
    QTest::keyClicks(confirm, u"prod-eu2"_s);
    QVERIFY(!start->isEnabled());
    QVERIFY(typo->isVisible());
    QVERIFY(wizard.grab().save(shot(u"wizard-4-cautions-typo.png"_s)));
    // Half-typed is not a typo yet; the right name enables the start, and nothing changed before.
    confirm->clear();
    QTest::keyClicks(confirm, u"prod"_s);
    QVERIFY(!typo->isVisible() && !start->isEnabled());
    QTest::keyClicks(confirm, u"-eu1"_s);
    QVERIFY(start->isEnabled());
    QCOMPARE(replicas(u"edc"_s), 2);
    // Each acknowledgement carries the time it was ticked.
    const auto at = wizard.session()->acknowledgedAt();
    QVERIFY(at.contains(u"service-interruption"_s));
    QVERIFY(qAbs(at.value(u"service-interruption"_s).secsTo(QDateTime::currentDateTimeUtc())) < 60);

    // Without a profile the cluster's host name is asked for.
    RestoreWizard bare(context({}));
    QVERIFY(toTheCautions(bare, u"The PostgreSQL database"_s));
    QCOMPARE(bare.session()->confirmationWord(), QUrl(m_server).host());
}

void TestWizardSafety::blockingSessionsEndedFromTheList()
{
    if (!qEnvironmentVariableIsSet("EIC_TEST_PGPORT"))
        QSKIP("no PostgreSQL from scripts/test");
    QVERIFY(startSim());
    QVERIFY(connectLingeringClient());
    RestoreWizard wizard(context(u"prod-eu1"_s, true));
    QVERIFY(toTheCautions(wizard, u"The PostgreSQL database"_s));
    startWithoutTerminateSessions(wizard);
    QCOMPARE(wizard.currentId(), int(RestoreWizard::StopPage));
    // The pods go; the lingering client stays and is named, with the deadline.
    auto *blocking = wizard.currentPage()->findChild<eic::ui::BlockingSessions *>();
    QVERIFY(blocking);
    QTRY_VERIFY_WITH_TIMEOUT(blocking->isVisible(), 15000);
    auto *table = blocking->findChild<QTableWidget *>(u"blockingTable"_s);
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), u"edc-7f9c4-lingering"_s);
    QVERIFY2(blocking->findChild<QLabel *>(u"blockingDeadline"_s)->text().contains(u"rolls back"_s), qPrintable(blocking->findChild<QLabel *>(u"blockingDeadline"_s)->text()));
    QVERIFY(wizard.currentPage()->findChild<QLabel *>(u"downtime"_s)->text().contains(u"down since"_s));
    QVERIFY(wizard.grab().save(shot(u"wizard-5-stop-blocking.png"_s)));
    QTest::mouseClick(blocking->findChild<QPushButton *>(u"endSessions"_s), Qt::LeftButton);
    // The session is ended (psql exits) and the run goes on to the data step.
    QTRY_COMPARE_WITH_TIMEOUT(m_psql.state(), QProcess::NotRunning, 10000); // the event loop runs meanwhile
    QTRY_VERIFY_WITH_TIMEOUT(wizard.awaitingData(), 15000);
    const auto events = wizard.events();
    QVERIFY(std::any_of(events.begin(), events.end(), [](const QJsonObject &e) {
        return e.value("event"_L1) == "caution-acknowledged"_L1 && e.value("id"_L1) == "terminate-sessions"_L1;
    }));
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    wizard.reject(); // done: put the cell back
    QTRY_VERIFY_WITH_TIMEOUT(wizard.runEnded(), 20000);
    QCOMPARE(replicas(u"edc"_s), 2);
}

void TestWizardSafety::blockingSessionsRolledBackFromTheList()
{
    if (!qEnvironmentVariableIsSet("EIC_TEST_PGPORT"))
        QSKIP("no PostgreSQL from scripts/test");
    QVERIFY(startSim());
    QVERIFY(connectLingeringClient());
    RestoreWizard wizard(context(u"prod-eu1"_s, true));
    QVERIFY(toTheCautions(wizard, u"The PostgreSQL database"_s));
    startWithoutTerminateSessions(wizard);
    auto *blocking = wizard.currentPage()->findChild<eic::ui::BlockingSessions *>();
    QTRY_VERIFY_WITH_TIMEOUT(blocking && blocking->isVisible(), 15000);
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(blocking->findChild<QPushButton *>(u"blockingRollBack"_s), Qt::LeftButton);
    // The question said what the phase means: nothing was written.
    QVERIFY2(eic::ui::MessageBox::history().last().contains(u"Nothing was written to the store"_s), qPrintable(eic::ui::MessageBox::history().last()));
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(RestoreWizard::FinishPage), 20000);
    QCOMPARE(wizard.outcome().outcome, u"rolled-back"_s);
    QCOMPARE(replicas(u"edc"_s), 2);
    QCOMPARE(m_psql.state(), QProcess::Running); // its session was left alone
}

void TestWizardSafety::rollBackQuestionClosesWhenTheRunEnds()
{
    QVERIFY(startSim());
    RestoreWizard wizard(context(u"prod-eu1"_s));
    QVERIFY(toTheCautions(wizard, u"The Redis/Valkey data store"_s));
    qobject_cast<eic::ui::CautionsWizardPage *>(wizard.currentPage())->acknowledgeAll();
    QTest::mouseClick(wizard.button(QWizard::CommitButton), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.awaitingData(), 15000);
    // The question is open (no seam answer) when the run ends under it: a rollback started
    // elsewhere (the main window's close, a SIGTERM). It closes by itself, answered No.
    bool seen = false;
    QTimer::singleShot(200, &wizard, [&] {
        seen = eic::ui::MessageBox::open() != nullptr;
        if (seen)
            QVERIFY2(eic::ui::MessageBox::open()->text().contains(u"if you began restoring it yourself"_s), qPrintable(eic::ui::MessageBox::open()->text()));
        wizard.rollBack();
    });
    wizard.reject();
    QVERIFY(seen);
    QVERIFY(wizard.runEnded());
    QCOMPARE(eic::ui::MessageBox::open(), nullptr);
    QCOMPARE(wizard.outcome().outcome, u"rolled-back"_s);
    QCOMPARE(replicas(u"policyengine"_s), 2);
}

QTEST_MAIN(TestWizardSafety)
#include "tst_wizardsafety.moc"
