// The restore wizard offscreen against an in-process eic-sim: a full database restore in
// external mode clicked through page by page (the components really stop and come back at
// their counts; the report exports), a cancel on the data page that rolls back, and the
// data store greyed out in a cell with a built-in Redis. A screenshot of every page lands in
// test-output/ (wizard-<n>-<page>.png).

#include "FileDialog.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "profiles/SecretStore.h"
#include "restore/CellSurvey.h"
#include "restore/Journal.h"
#include "stores/redis/RedisJobs.h"
#include "SimCell.h"
#include "SimHost.h"
#include "cell/CellSession.h"
#include "kube/KubeClient.h"
#include "kube/KubeConfig.h"
#include "restore/RestoreWizard.h"
#include "restore/WizardPages.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QTemporaryDir>
#include <QComboBox>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace Qt::StringLiterals;

// The Redis of scripts/test, or a skip (a failure when scripts/test promised its services).
#define REQUIRE_TEST_REDIS()                                                                    \
    do {                                                                                        \
        if (!qEnvironmentVariableIsSet("EIC_TEST_REDIS_PORT")) {                                \
            if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)                      \
                QFAIL("EIC_TEST_REDIS_PORT unset although EIC_REQUIRE_SERVICES=1");             \
            QSKIP("no Redis from scripts/test");                                                \
        }                                                                                       \
    } while (false)
using eic::ui::RestoreWizard;

class TestRestoreWizard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void databaseRestoreClickedThrough();
    void cancelOnTheDataPageRollsBack();
    void builtinDatastoreIsGreyedOut();
    void startupOffersTheUnfinishedRun();
    void datastoreArchiveRestoreWithRealRedis();
    void confirmingAStoreThatRefusesWritesKeepsWaiting();
    void startupResumesARunKilledMidway();
    void anotherCellChosenInTheWizard();

private:
    static QString shot(const QString &name) { return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name; }
    bool startSim(eic::sim::Scenario scenario);
    int replicas(const QString &name) const
    {
        return m_sim->cell().stateSnapshot().value(u"edge-icell/"_s + name).toObject().value("replicas"_L1).toInt(-1);
    }
    eic::ui::WizardContext context()
    {
        eic::ui::WizardContext c;
        c.client = m_client.get();
        c.ns = u"edge-icell"_s;
        c.context = u"eic-sim"_s;
        c.clusterUrl = m_client->context().cluster.server.toString();
        c.operatorName = u"night-admin"_s;
        return c;
    }
    void choose(RestoreWizard &w, const QString &radioText)
    {
        for (auto *b : w.page(RestoreWizard::TargetPage)->findChildren<QRadioButton *>())
            if (b->text().startsWith(radioText))
                b->setChecked(true);
    }
    // An external data store restore clicked through to its data step (the components stopped).
    bool toTheDataStep(RestoreWizard &w)
    {
        w.show();
        if (!QTest::qWaitFor([&w] { return w.session()->surveyed; }, 10000))
            return false;
        choose(w, u"The Redis/Valkey data store"_s);
        w.next();
        if (!QTest::qWaitFor([&w] { return w.currentPage()->isComplete(); }, 10000))
            return false;
        w.next();
        w.next();
        auto *cautions = qobject_cast<eic::ui::CautionsWizardPage *>(w.currentPage());
        if (!cautions)
            return false;
        cautions->acknowledgeAll();
        w.next();
        return QTest::qWaitFor([&w] { return w.awaitingData(); }, 15000);
    }

    // The Redis of scripts/test, and one command on it (nullopt: no answer, or an error).
    static eic::stores::RedisOptions testRedis()
    {
        eic::stores::RedisOptions redis;
        redis.host = u"127.0.0.1"_s;
        redis.port = static_cast<quint16>(qEnvironmentVariableIntValue("EIC_TEST_REDIS_PORT"));
        redis.password = qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD");
        return redis;
    }
    static std::optional<eic::stores::RedisReply> redisCommand(const eic::stores::RedisOptions &redis, const QList<QByteArray> &argv)
    {
        eic::stores::RedisConnection c;
        std::optional<eic::Result<eic::stores::RedisReply>> reply;
        c.open(redis, [&](const eic::Result<bool> &ok) {
            if (!ok)
                reply = eic::Result<eic::stores::RedisReply>(ok.error());
            else
                c.command(argv, [&](const eic::Result<eic::stores::RedisReply> &r) { reply = r; });
        });
        if (!QTest::qWaitFor([&] { return reply.has_value(); }, 10000) || !reply->ok())
            return std::nullopt;
        return reply->value();
    }

    // The lines of a check list shown amber: neither passed nor failed.
    static QStringList amberLines(const QListWidget *list)
    {
        QStringList out;
        for (int i = 0; list && i < list->count(); ++i)
            if (list->item(i)->foreground().color() == QColor(0x8a, 0x5a, 0x00))
                out << list->item(i)->text();
        return out;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<eic::sim::SimHost> m_sim;
    std::unique_ptr<eic::kube::KubeClient> m_client;
};

bool TestRestoreWizard::startSim(eic::sim::Scenario scenario)
{
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
    if (!config)
        return false;
    auto ctx = config->resolve();
    if (!ctx)
        return false;
    m_client = std::make_unique<eic::kube::KubeClient>(*ctx);
    return true;
}

void TestRestoreWizard::init()
{
    m_client.reset();
    m_sim.reset();
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("EIC_RESTORE_RUNS_DIR", m_dir->filePath(u"runs"_s).toUtf8());
}

void TestRestoreWizard::databaseRestoreClickedThrough()
{
    QVERIFY(startSim(eic::sim::Scenario::defaultCell()));
    RestoreWizard wizard(context());
    QStringList pages;
    connect(&wizard, &QWizard::currentIdChanged, this, [&](int id) {
        // Each page as it opens; pages the admin reads are shot again once settled (below).
        const QStringList names{u"target"_s, u"preflight"_s, u"plan"_s, u"cautions"_s, u"stop"_s, u"data"_s, u"start"_s, u"finish"_s};
        if (!pages.contains(names.value(id))) {
            pages.append(names.value(id));
            wizard.grab().save(shot(u"wizard-%1-%2.png"_s.arg(id + 1).arg(names.value(id))));
        }
    });
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.session()->surveyed, 10000);
    QVERIFY(!wizard.currentPage()->isComplete()); // nothing chosen yet
    choose(wizard, u"The PostgreSQL database"_s);
    QVERIFY(wizard.currentPage()->isComplete());
    QVERIFY(wizard.grab().save(shot(u"wizard-1-target.png"_s)));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(RestoreWizard::PreflightPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 10000);
    // No store given: that check is not a green tick but says it was not made.
    auto *checks = wizard.currentPage()->findChild<QListWidget *>();
    QVERIFY(checks);
    QStringList lines;
    for (int i = 0; i < checks->count(); ++i)
        lines << checks->item(i)->text();
    QVERIFY2(lines.filter(u"⚠  The store answers, with the rights the restore needs: Not checked — no store connection given"_s).size() == 1 && lines.filter(u"✔  The store"_s).isEmpty(),
             qPrintable(lines.join(u'\n')));
    QCOMPARE(amberLines(checks).size(), 1);
    QVERIFY(wizard.grab().save(shot(u"wizard-2-preflight.png"_s)));
    wizard.next();
    QCOMPARE(wizard.currentId(), int(RestoreWizard::PlanPage));
    QCOMPARE(wizard.session()->plan.present().size(), 7);
    QVERIFY(wizard.grab().save(shot(u"wizard-3-plan.png"_s)));
    wizard.next();
    auto *cautions = qobject_cast<eic::ui::CautionsWizardPage *>(wizard.currentPage());
    QVERIFY(cautions);
    QVERIFY(!cautions->isComplete()); // unacknowledged: the restore cannot start
    QCOMPARE(replicas(u"edc"_s), 2);  // and nothing changed so far
    cautions->acknowledgeAll();
    QVERIFY(wizard.grab().save(shot(u"wizard-4-cautions.png"_s)));
    QVERIFY(cautions->isComplete());
    wizard.next(); // "Start the restore"
    QCOMPARE(wizard.currentId(), int(RestoreWizard::StopPage));
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(RestoreWizard::DataPage), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(wizard.awaitingData(), 10000);
    QCOMPARE(replicas(u"edc"_s), 0);
    QCOMPARE(replicas(u"destination-db-management"_s), 0);
    auto *data = qobject_cast<eic::ui::DataWizardPage *>(wizard.currentPage());
    QVERIFY(data && data->restoredButton()->isVisible() && data->restoredButton()->isEnabled());
    QVERIFY(wizard.grab().save(shot(u"wizard-6-data.png"_s)));
    // "I have restored" asks once, and says what can and cannot be checked without a connection.
    eic::ui::MessageBox::setNextAnswer(QMessageBox::No);
    data->restoredButton()->click();
    QVERIFY(data->restoredButton()->isEnabled()); // No: still waiting
    QVERIFY2(eic::ui::MessageBox::history().last().contains(u"Not checked — no connection to the store was given"_s), qPrintable(eic::ui::MessageBox::history().last()));
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes); // "Have you finished restoring …?"
    data->restoredButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(RestoreWizard::FinishPage), 20000);
    QCOMPARE(wizard.outcome().outcome, u"complete"_s);
    QCOMPARE(replicas(u"edc"_s), 2);
    QCOMPARE(replicas(u"worker"_s), 2);
    auto *finish = qobject_cast<eic::ui::FinishWizardPage *>(wizard.currentPage());
    // The checks that were not made are amber on the result page and "not checked" in the
    // report, whose headline does not claim "verified".
    QVERIFY(!wizard.outcome().notChecked.isEmpty());
    const QStringList amber = amberLines(finish->findChild<QListWidget *>());
    QVERIFY2(amber.filter(u"The store answers, with the rights the restore needs: Not checked — no store connection given"_s).size() == 1, qPrintable(amber.join(u'\n')));
    QVERIFY2(amber.filter(u"⚠  Not checked — "_s).size() == wizard.outcome().notChecked.size(), qPrintable(amber.join(u'\n')));
    const QString html = m_dir->filePath(u"report.html"_s);
    QVERIFY(!finish->exportReport(u"html"_s, html).isEmpty());
    QFile h(html);
    QVERIFY(h.open(QIODevice::ReadOnly));
    const QString report = QString::fromUtf8(h.readAll());
    QVERIFY(report.contains(u"<td class=\"warn\">not checked</td><td>no store connection given"_s));
    QVERIFY(!report.contains(u"verified;"_s) && report.contains(u"Not checked: "_s));
    QVERIFY(report.contains(u"— complete</h1>"_s));
    const QString pdf = m_dir->filePath(u"report.pdf"_s);
    const QString sha = finish->exportReport(u"pdf"_s, pdf);
    QFile::remove(shot(u"report.pdf"_s));
    QFile::copy(pdf, shot(u"report.pdf"_s)); // scripts/screenshots renders its first page (pdftoppm)
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(sha, QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()));
    // The export button asks where to save; what it proposes is restore-<target>-<time>.pdf in the
    // documents folder, never inside a throwaway HOME (scripts/run's, the sandbox's, /tmp).
    {
        const QByteArray home = qgetenv("HOME");
        qputenv("HOME", QFile::encodeName(m_dir->filePath(u"home"_s)));
        auto restoreHome = qScopeGuard([home] { qputenv("HOME", home); });
        const QString chosen = m_dir->filePath(u"chosen.pdf"_s);
        eic::ui::FileDialog::setNextAnswer(chosen);
        QPushButton *exportPdf = nullptr;
        for (auto *b : finish->findChildren<QPushButton *>())
            if (b->text() == u"Export report (PDF)"_s)
                exportPdf = b;
        QVERIFY(exportPdf);
        const qsizetype asked = eic::ui::FileDialog::history().size();
        QTest::mouseClick(exportPdf, Qt::LeftButton);
        const QString proposed = eic::ui::FileDialog::history().last();
        QVERIFY2(QRegularExpression(u"/restore-database-\\d{8}-\\d{4}\\.pdf$"_s).match(proposed).hasMatch(), qPrintable(proposed));
        QVERIFY2(!proposed.startsWith(QDir::tempPath()) && !proposed.startsWith(u"/tmp/"_s) && !proposed.startsWith(m_dir->path()), qPrintable(proposed));
        QVERIFY(QFile::exists(chosen));
        // Cancel writes nothing.
        eic::ui::FileDialog::setNextAnswer({});
        QTest::mouseClick(exportPdf, Qt::LeftButton);
        QCOMPARE(eic::ui::FileDialog::history().size(), asked + 2);
    }
    QVERIFY(wizard.grab().save(shot(u"wizard-8-finish.png"_s)));
    QCOMPARE(pages.size(), 8); // every page was shown, the start page included

    // The next restore of the database says how long this one kept the cell down.
    RestoreWizard again(context());
    again.show();
    QTRY_VERIFY_WITH_TIMEOUT(again.session()->surveyed, 10000);
    choose(again, u"The PostgreSQL database"_s);
    again.next();
    QTRY_VERIFY_WITH_TIMEOUT(again.currentPage()->isComplete(), 10000);
    again.next();
    const QStringList texts = [&again] {
        QStringList t;
        for (const auto &c : again.session()->plan.cautions)
            t << c.text;
        return t;
    }();
    QVERIFY2(texts.filter(u"The last rehearsal kept them down for"_s).size() == 1, qPrintable(texts.join(u'\n')));
}

void TestRestoreWizard::cancelOnTheDataPageRollsBack()
{
    QVERIFY(startSim(eic::sim::Scenario::defaultCell()));
    RestoreWizard wizard(context());
    QVERIFY(toTheDataStep(wizard));
    QCOMPARE(replicas(u"policyengine"_s), 0);
    // Cancel asks once; "No" keeps going, "Yes" rolls back.
    eic::ui::MessageBox::setNextAnswer(QMessageBox::No);
    wizard.reject();
    QVERIFY(wizard.isVisible());
    QCOMPARE(replicas(u"policyengine"_s), 0);
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    wizard.reject();
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(RestoreWizard::FinishPage), 20000);
    QCOMPARE(wizard.outcome().outcome, u"rolled-back"_s);
    QCOMPARE(replicas(u"policyengine"_s), 2);
    QVERIFY(eic::ui::MessageBox::history().last().contains(u"recorded counts"_s));
    QTest::qWait(50);
    wizard.grab().save(shot(u"wizard-cancelled.png"_s));
}

void TestRestoreWizard::builtinDatastoreIsGreyedOut()
{
    QString error;
    auto scenario = eic::sim::Scenario::fromJson(QJsonObject{{"builtinServices"_L1, QJsonArray{u"redis"_s}}}, &error);
    QVERIFY2(scenario, qPrintable(error));
    QVERIFY(startSim(*scenario));
    RestoreWizard wizard(context());
    wizard.show();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.session()->surveyed, 10000);
    QRadioButton *datastore = nullptr;
    QRadioButton *database = nullptr;
    for (auto *b : wizard.currentPage()->findChildren<QRadioButton *>()) {
        if (b->text().startsWith(u"The Redis"_s))
            datastore = b;
        if (b->text().startsWith(u"The PostgreSQL"_s))
            database = b;
    }
    QVERIFY(datastore && database);
    QVERIFY(!datastore->isEnabled());
    QVERIFY(datastore->toolTip().contains(u"aren't supported for built-in services"_s));
    QVERIFY(database->isEnabled());
    QTest::qWait(50);
    wizard.grab().save(shot(u"wizard-builtin.png"_s));
}

// A run left waiting (external mode, the window closed): at start-up the main window names it
// and, answered "Roll back", puts every component back.
void TestRestoreWizard::startupOffersTheUnfinishedRun()
{
    QVERIFY(startSim(eic::sim::Scenario::defaultCell()));
    {
        eic::restore::RestoreRunner runner(m_client.get());
        QSignalSpy done(&runner, &eic::restore::RestoreRunner::finished);
        eic::restore::PlanInput in;
        in.deployments = {};
        std::optional<eic::Result<eic::restore::PlanInput>> surveyed;
        eic::restore::surveyCell(m_client.get(), in, {}, this, [&](const eic::Result<eic::restore::PlanInput> &r) { surveyed = r; });
        QTRY_VERIFY_WITH_TIMEOUT(surveyed.has_value(), 10000);
        eic::restore::RunRequest request;
        request.plan = eic::restore::RestorePlanner::plan(surveyed->value());
        request.accepted = {u"service-interruption"_s, u"autoscaler"_s};
        request.operatorName = u"night-admin"_s;
        runner.start(request);
        QVERIFY(done.wait(20000));
        QCOMPARE(done.first().first().value<eic::restore::RunOutcome>().exitCode, int(eic::restore::RestoreRunner::NeedsResume));
    }
    QCOMPARE(replicas(u"edc"_s), 0);
    auto config = eic::kube::KubeConfig::load({m_dir->filePath(u"kubeconfig"_s)});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Discard); // "Roll back"
    QVERIFY(window.checkUnfinishedRun());
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Ok); // the result, told when the rollback ends
    const QString asked = eic::ui::MessageBox::history().last();
    QVERIFY2(asked.contains(u"did not finish"_s) && asked.contains(u"edc=2"_s), qPrintable(asked));
    QTRY_COMPARE_WITH_TIMEOUT(replicas(u"edc"_s), 2, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(eic::restore::Journal::unfinished().isEmpty(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(eic::ui::MessageBox::history().last().contains(u"Rolled back: every component is at its recorded count"_s), 20000);
    QVERIFY(!window.checkUnfinishedRun());
}

// The sandbox with a real store: a backup of the test Redis taken, the store changed, then the
// wizard restores the archive (picked from the profile's backup folder) with its cautions
// (snapshot-only, flush-datastore) and the keys come back.
void TestRestoreWizard::datastoreArchiveRestoreWithRealRedis()
{
    REQUIRE_TEST_REDIS();
    QVERIFY(startSim(eic::sim::Scenario::defaultCell()));
    const eic::stores::RedisOptions redis = testRedis();
    auto command = [&redis](const QList<QByteArray> &argv) { return redisCommand(redis, argv).value_or(eic::stores::RedisReply{}); };
    command({"FLUSHALL"});
    command({"DEBUG", "POPULATE", "5000", "wizard", "20"});
    const QString folder = m_dir->filePath(u"backups"_s);
    {
        eic::stores::RedisBackup backup;
        QSignalSpy done(&backup, &eic::stores::RedisBackup::finished);
        eic::stores::RedisBackup::Options o;
        o.connection = redis;
        o.folder = folder;
        backup.start(o);
        QVERIFY(done.wait(30000));
        QVERIFY(done.first().first().value<eic::Result<eic::stores::RedisBackupResult>>());
    }
    command({"FLUSHALL"});
    command({"SET", "after-the-backup", "1"});

    auto c = context();
    c.store.datastore = redis;
    c.backupFolder = folder;
    RestoreWizard wizard(c);
    wizard.show();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.session()->surveyed, 10000);
    choose(wizard, u"The Redis/Valkey data store"_s);
    wizard.next();
    QTRY_VERIFY_WITH_TIMEOUT(wizard.currentPage()->isComplete(), 10000);
    wizard.next();
    auto *plan = qobject_cast<eic::ui::PlanWizardPage *>(wizard.currentPage());
    QVERIFY(plan);
    plan->chooseMode(1); // archive: the newest backup of the folder is offered first
    QTRY_VERIFY_WITH_TIMEOUT(plan->isComplete(), 10000); // once the archive is verified
    QVERIFY(wizard.session()->plan.archive.endsWith(u".eicrdb"_s));
    QVERIFY(wizard.grab().save(shot(u"wizard-archive-plan.png"_s)));
    wizard.next();
    QVERIFY(wizard.session()->plan.cautionIds().contains(u"flush-datastore"_s));
    QVERIFY(wizard.session()->plan.cautionIds().contains(u"snapshot-only"_s));
    // None hides below the fold unseen: the page counts them and what is still open.
    auto *count = wizard.currentPage()->findChild<QLabel *>(u"cautionCount"_s);
    QVERIFY(count);
    QVERIFY2(count->text().contains(u"5 cautions; 4 of the 4 required still to acknowledge"_s), qPrintable(count->text()));
    qobject_cast<eic::ui::CautionsWizardPage *>(wizard.currentPage())->acknowledgeAll();
    QVERIFY2(count->text().contains(u"every required one is acknowledged"_s), qPrintable(count->text()));
    QVERIFY(wizard.grab().save(shot(u"wizard-archive-cautions.png"_s)));
    wizard.next();
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(RestoreWizard::FinishPage), 30000);
    QVERIFY2(wizard.outcome().outcome == "complete"_L1, qPrintable(wizard.outcome().message));
    QCOMPARE(command({"DBSIZE"}).integer, 5000);
    QCOMPARE(command({"EXISTS", "after-the-backup"}).integer, 0);
    QVERIFY(wizard.grab().save(shot(u"wizard-archive-finish.png"_s)));

    // New instance: the address tested on the plan page, the profile updated, nothing stopped.
    QString updatedTo;
    auto nc = context();
    nc.store.datastore = redis;
    nc.updateProfile = [&updatedTo](const QString &address) -> eic::Result<bool> {
        updatedTo = address;
        return true;
    };
    RestoreWizard second(nc);
    second.show();
    QTRY_VERIFY_WITH_TIMEOUT(second.session()->surveyed, 10000);
    choose(second, u"The Redis/Valkey data store"_s);
    second.next();
    QTRY_VERIFY_WITH_TIMEOUT(second.currentPage()->isComplete(), 10000);
    second.next();
    auto *plan2 = qobject_cast<eic::ui::PlanWizardPage *>(second.currentPage());
    plan2->chooseMode(2);
    QVERIFY(!plan2->isComplete());
    QPushButton *testButton = nullptr;
    for (auto *b : plan2->findChildren<QPushButton *>())
        if (b->text().contains(u"Test the new instance"_s))
            testButton = b;
    QVERIFY(testButton);
    plan2->setNewAddress(u"redis://127.0.0.1:1"_s);
    plan2->testNewInstance();
    QVERIFY(!testButton->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(testButton->isEnabled(), 15000);
    QVERIFY(!plan2->isComplete()); // nothing listens there
    const QString address = u"redis://127.0.0.1:%1"_s.arg(redis.port);
    plan2->setNewAddress(address);
    plan2->testNewInstance();
    QTRY_VERIFY_WITH_TIMEOUT(plan2->isComplete(), 10000);
    QVERIFY(second.grab().save(shot(u"wizard-new-instance-plan.png"_s)));
    second.next();
    qobject_cast<eic::ui::CautionsWizardPage *>(second.currentPage())->acknowledgeAll();
    second.next();
    QTRY_COMPARE_WITH_TIMEOUT(second.currentId(), int(RestoreWizard::FinishPage), 20000);
    QVERIFY2(second.outcome().outcome == "complete"_L1, qPrintable(second.outcome().message));
    QCOMPARE(updatedTo, address);
    QCOMPARE(replicas(u"policyengine"_s), 2);
    command({"FLUSHALL"});
}

// eicctl killed with SIGKILL right after the stop (the journal's seam): the main window finds
// the run at start-up, and "Resume" finishes it — every component back at its count.
// "I have restored" while the store does not accept writes yet (here: it is a replica): the
// wizard keeps waiting with the reason, the components stay stopped, and a second confirmation
// once the store is writable finishes the run.
void TestRestoreWizard::confirmingAStoreThatRefusesWritesKeepsWaiting()
{
    REQUIRE_TEST_REDIS();
    QVERIFY(startSim(eic::sim::Scenario::defaultCell()));
    const eic::stores::RedisOptions redis = testRedis();
    auto command = [&redis](const QList<QByteArray> &argv) { return redisCommand(redis, argv).has_value(); };
    auto c = context();
    c.store.datastore = redis;
    RestoreWizard wizard(c);
    QVERIFY(toTheDataStep(wizard));
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(RestoreWizard::DataPage), 15000);
    auto *data = qobject_cast<eic::ui::DataWizardPage *>(wizard.currentPage());
    QVERIFY(data);

    QVERIFY(command({"REPLICAOF", "127.0.0.1", "1"})); // a replica of nothing: reads only
    auto writable = qScopeGuard([&] { command({"REPLICAOF", "NO", "ONE"}); });
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes); // "Have you finished restoring …?"
    data->restoredButton()->click();
    QVERIFY(!data->restoredButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(data->restoredButton()->isEnabled(), 15000); // waiting again
    QCOMPARE(wizard.currentId(), int(RestoreWizard::DataPage));
    QVERIFY(wizard.awaitingData() && !wizard.runEnded());
    const QListWidgetItem *last = data->logList()->item(data->logList()->count() - 1);
    QVERIFY2(last->text().contains(u"(a read-only replica) — the components stay stopped; confirm again once the store accepts writes"_s), qPrintable(last->text()));
    QCOMPARE(last->foreground().color(), QColor(0xc6, 0x28, 0x28)); // it stands out from the passed checks
    QCOMPARE(wizard.button(QWizard::CancelButton)->text(), u"Roll back…"_s); // what it does while the cell is down
    QCOMPARE(replicas(u"policyengine"_s), 0);
    QVERIFY(wizard.grab().save(shot(u"wizard-data-not-writable.png"_s)));

    QVERIFY(command({"REPLICAOF", "NO", "ONE"}));
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes); // "Have you finished restoring …?"
    data->restoredButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(RestoreWizard::FinishPage), 20000);
    QVERIFY2(wizard.outcome().outcome == "complete"_L1, qPrintable(wizard.outcome().message));
    QCOMPARE(replicas(u"policyengine"_s), 2);
}

void TestRestoreWizard::startupResumesARunKilledMidway()
{
    const QString eicctl = qEnvironmentVariable("EICCTL");
    QVERIFY2(!eicctl.isEmpty(), "EICCTL is set by ctest");
    QVERIFY(startSim(eic::sim::Scenario::defaultCell()));
    QProcess run;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"KUBECONFIG"_s, m_dir->filePath(u"kubeconfig"_s));
    env.insert(u"EIC_TEST_CRASH_AT"_s, u"step-finished:stop"_s);
    run.setProcessEnvironment(env);
    run.start(eicctl, {u"restore"_s, u"database"_s, u"--mode"_s, u"external"_s, u"--data-command"_s, u"true"_s, u"--accept"_s, u"service-interruption,autoscaler"_s});
    // The sim lives in this process: keep its event loop turning while eicctl talks to it.
    QTRY_VERIFY_WITH_TIMEOUT(run.state() == QProcess::NotRunning, 30000);
    QCOMPARE(run.exitStatus(), QProcess::CrashExit); // SIGKILL
    QCOMPARE(replicas(u"edc"_s), 0);
    QCOMPARE(eic::restore::Journal::unfinished().size(), 1);
    auto config = eic::kube::KubeConfig::load({m_dir->filePath(u"kubeconfig"_s)});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes); // "Resume"
    QVERIFY(window.checkUnfinishedRun());
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    QTRY_VERIFY_WITH_TIMEOUT(eic::ui::MessageBox::history().last().startsWith(u"Restore complete"_s), 30000);
    QCOMPARE(replicas(u"edc"_s), 2);
    QCOMPARE(replicas(u"destination-db-management"_s), 1);
    QVERIFY(eic::restore::Journal::unfinished().isEmpty());
}

// Two cells in the kubeconfig; the wizard opened on the first restores the second after the
// admin picks it on the first page (an older cell: four database components, not seven).
void TestRestoreWizard::anotherCellChosenInTheWizard()
{
    QVERIFY(startSim(eic::sim::Scenario::defaultCell()));
    QString error;
    auto older = eic::sim::Scenario::fromJson(QJsonObject{{"olderCell"_L1, true}}, &error);
    QVERIFY(older);
    older->timing.podStartMs = 150;
    older->timing.podTerminateMs = 200;
    eic::sim::SimHost second;
    eic::sim::SimOptions options;
    options.scenario = *older;
    QVERIFY2(second.start(options, &error), qPrintable(error));
    // The second cell's kubeconfig under other names, merged after the first like kubectl does.
    QString yaml = second.kubeconfigYaml();
    yaml.replace(u"eic-sim"_s, u"older-cell"_s);
    const QRegularExpression user(u"user: (\\S+)\n    namespace"_s);
    const QString userName = user.match(yaml).captured(1);
    QVERIFY(!userName.isEmpty());
    yaml.replace(u"user: "_s + userName, u"user: older-"_s + userName).replace(u"- name: "_s + userName, u"- name: older-"_s + userName);
    QFile f(m_dir->filePath(u"second"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(yaml.toUtf8());
    f.close();
    auto config = eic::kube::KubeConfig::load({m_dir->filePath(u"kubeconfig"_s), m_dir->filePath(u"second"_s)});
    QVERIFY2(config, config ? "" : qPrintable(config.error().message));
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    RestoreWizard *wizard = window.openRestoreWizard();
    QVERIFY(wizard);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->session()->surveyed, 10000);
    QCOMPARE(wizard->context().context, u"eic-sim"_s);
    auto *target = qobject_cast<eic::ui::TargetWizardPage *>(wizard->currentPage());
    QComboBox *cells = target->findChild<QComboBox *>();
    QVERIFY(cells && cells->isEnabled());
    const int olderIndex = cells->findText(u"older-cell"_s, Qt::MatchContains);
    QVERIFY(olderIndex >= 0);
    target->chooseCell(olderIndex);
    QTRY_COMPARE_WITH_TIMEOUT(wizard->context().context, u"older-cell"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(wizard->session()->surveyed, 10000);
    QVERIFY(window.connectionText().contains(second.url().host()) || window.session()->client->context().context == u"older-cell"_s);
    choose(*wizard, u"The PostgreSQL database"_s);
    wizard->next();
    QCOMPARE(wizard->session()->plan.present().size(), 4);
    QCOMPARE(wizard->session()->plan.skipped.size(), 3);
    wizard->close();
}

QTEST_MAIN(TestRestoreWizard)
#include "tst_restorewizard.moc"
