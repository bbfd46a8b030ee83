// A restore the app did not finish (killed during its data step), as the main window shows it:
// the amber banner and the Restore menu's "Unfinished restore…" until it is resolved, nothing
// that acts when the open cell is not the run's, and a resume that asks for the store password
// the profile has not saved (Cancel keeps everything as it was). Offscreen, against an in-process
// eic-sim; the password case against the PostgreSQL of scripts/test.

#include "MainWindow.h"
#include "MessageBox.h"
#include "SimCell.h"
#include "SimHost.h"
#include "UnfinishedBanner.h"
#include "cell/CellSession.h"
#include "kube/KubeClient.h"
#include "kube/KubeConfig.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "restore/CellSurvey.h"
#include "restore/Journal.h"
#include "restore/RestoreRunner.h"
#include "util/OsUser.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::ui::MessageBox;

class TestUnfinished : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void bannerAfterACrashUntilRolledBack();
    void anotherCellOffersNothingThatActs();
    void resumeAsksForTheMissingPassword();

private:
    bool startSim(std::unique_ptr<eic::sim::SimHost> &sim, const QString &kubeconfig);
    // A run killed during its data step, as kill -9 leaves it: its journal has no run-finished and
    // the components stay at 0 (the runner is destroyed mid-run; nothing journals its end).
    bool crashDuringDataStep(const QString &kubeconfig, const eic::restore::StoreAccess &store, const QString &dataCommand);
    int replicas(const QString &name) const
    {
        return m_sim->cell().stateSnapshot().value(u"edge-icell/"_s + name).toObject().value("replicas"_L1).toInt(-1);
    }
    QString journalText() const
    {
        QFile f(eic::restore::Journal::all().value(0));
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    static QPushButton *button(eic::ui::MainWindow &w, const char *name) { return w.unfinishedBanner()->findChild<QPushButton *>(QLatin1StringView(name)); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<eic::sim::SimHost> m_sim;
};

void TestUnfinished::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    qputenv("EIC_RESTORE_RUNS_DIR", QFile::encodeName(m_dir->filePath(u"runs"_s)));
    MessageBox::history().clear();
    QVERIFY(startSim(m_sim, m_dir->filePath(u"kubeconfig"_s)));
}

void TestUnfinished::cleanup()
{
    m_sim.reset();
    m_dir.reset();
}

bool TestUnfinished::startSim(std::unique_ptr<eic::sim::SimHost> &sim, const QString &kubeconfig)
{
    auto scenario = eic::sim::Scenario::defaultCell();
    scenario.timing.podStartMs = 150;
    scenario.timing.podTerminateMs = 200;
    sim = std::make_unique<eic::sim::SimHost>();
    eic::sim::SimOptions options;
    options.kubeconfigOut = kubeconfig;
    options.scenario = scenario;
    QString error;
    return sim->start(options, &error);
}

bool TestUnfinished::crashDuringDataStep(const QString &kubeconfig, const eic::restore::StoreAccess &store, const QString &dataCommand)
{
    auto config = eic::kube::KubeConfig::load({kubeconfig});
    auto context = config ? config->resolve() : eic::Result<eic::kube::ResolvedContext>(eic::Error{});
    if (!context)
        return false;
    eic::kube::KubeClient client(*context);
    eic::restore::PlanInput in;
    in.target = eic::cell::RestoreTarget::Database;
    in.mode = eic::restore::DataMode::External;
    in.ns = u"edge-icell"_s;
    in.context = context->context;
    in.dataCommand = dataCommand;
    std::optional<eic::Result<eic::restore::PlanInput>> surveyed;
    eic::restore::surveyCell(&client, in, {}, this, [&](const eic::Result<eic::restore::PlanInput> &r) { surveyed = r; });
    if (!QTest::qWaitFor([&] { return surveyed.has_value(); }, 10000) || !*surveyed)
        return false;
    eic::restore::RunRequest request;
    request.plan = eic::restore::RestorePlanner::plan(surveyed->value());
    request.accepted = request.plan.cautionIds();
    request.operatorName = eic::util::osUser();
    request.store = store;
    auto runner = std::make_unique<eic::restore::RestoreRunner>(&client);
    runner->start(request);
    const bool inDataStep = QTest::qWaitFor([this] { return journalText().contains(u"\"data-started\""_s); }, 30000);
    runner.reset(); // the "kill": no rollback, no run-finished
    return inDataStep && replicas(u"edc"_s) == 0 && eic::restore::Journal::unfinished().size() == 1;
}

void TestUnfinished::bannerAfterACrashUntilRolledBack()
{
    QVERIFY(crashDuringDataStep(m_dir->filePath(u"kubeconfig"_s), {}, u"sleep 30"_s));
    auto config = eic::kube::KubeConfig::load({m_dir->filePath(u"kubeconfig"_s)});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.resize(1240, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    // The banner names the run: what, where, since when, by whom, its step and the stopped components.
    QTRY_VERIFY_WITH_TIMEOUT(window.unfinishedBanner()->isVisible(), 5000);
    const QString text = window.unfinishedBanner()->text();
    const QString server = window.session()->client->context().cluster.server.toString(QUrl::StripTrailingSlash);
    QVERIFY2(text.startsWith(u"An unfinished restore of the database on %1, namespace edge-icell (started "_s.arg(server)), qPrintable(text));
    QVERIFY2(text.contains(u" by %1, step data): the components "_s.arg(eic::util::osUser())), qPrintable(text));
    QVERIFY2(text.contains(u"edc, edge-api, mdc, worker may be at 0."_s), qPrintable(text));
    QVERIFY(!eic::util::osUser().isEmpty());
    QVERIFY(button(window, "resumeUnfinished")->isVisible());
    QVERIFY(button(window, "rollBackUnfinished")->isVisible());
    QVERIFY(window.unfinishedAction()->isVisible());
    QCOMPARE(window.unfinishedAction()->text(), u"&Unfinished restore…"_s);
    QTest::qWait(200); // the table sizes its columns for the picture
    QVERIFY(window.grab().save(qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u"/dashboard-unfinished.png"_s));

    // The menu entry asks the same question as the start-up; "Later" changes nothing.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    window.unfinishedAction()->trigger();
    QVERIFY2(MessageBox::history().last().contains(u"did not finish"_s), qPrintable(MessageBox::history().last()));
    QVERIFY(window.unfinishedBanner()->isVisible());

    // Roll back… asks first; No leaves it, Yes rolls back; then banner and entry are gone.
    MessageBox::setNextAnswer(QMessageBox::Cancel);
    QTest::mouseClick(button(window, "rollBackUnfinished"), Qt::LeftButton);
    QVERIFY(MessageBox::history().last().startsWith(u"Roll back run "_s));
    QVERIFY(!window.runInProgress());
    QCOMPARE(replicas(u"edc"_s), 0);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(button(window, "rollBackUnfinished"), Qt::LeftButton);
    QVERIFY(!window.unfinishedBanner()->isVisible()); // while it runs, nothing offers to start it a second time
    QVERIFY(!window.unfinishedAction()->isVisible());
    MessageBox::setNextAnswer(QMessageBox::Ok); // the result, told when the rollback ends
    QTRY_VERIFY_WITH_TIMEOUT(MessageBox::history().last().contains(u"Rolled back"_s), 30000);
    QCOMPARE(replicas(u"edc"_s), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!window.unfinishedBanner()->isVisible(), 5000);
    QVERIFY(!window.unfinishedAction()->isVisible());
    QVERIFY(eic::restore::Journal::unfinished().isEmpty());

    // A new unfinished run appears: the next scan (another cell, a run's end) shows it again.
    QVERIFY(crashDuringDataStep(m_dir->filePath(u"kubeconfig"_s), {}, u"sleep 30"_s));
    window.switchContext(window.session()->client->context().context);
    QTRY_VERIFY_WITH_TIMEOUT(window.unfinishedBanner()->isVisible(), 5000);
    QVERIFY(window.unfinishedAction()->isVisible());
}

// The journal's cell is not the open one: the banner says so and offers only Details; the menu's
// question offers no Resume or Roll back.
void TestUnfinished::anotherCellOffersNothingThatActs()
{
    QVERIFY(crashDuringDataStep(m_dir->filePath(u"kubeconfig"_s), {}, u"sleep 30"_s));
    std::unique_ptr<eic::sim::SimHost> other;
    QVERIFY(startSim(other, m_dir->filePath(u"other"_s)));
    auto config = eic::kube::KubeConfig::load({m_dir->filePath(u"other"_s)});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.unfinishedBanner()->isVisible(), 5000);
    const QString text = window.unfinishedBanner()->text();
    QVERIFY2(text.contains(u"The open cell is not the run's (the run's API server is %1"_s.arg(m_sim->url().toString(QUrl::StripTrailingSlash))), qPrintable(text));
    QVERIFY(!button(window, "resumeUnfinished")->isVisible());
    QVERIFY(!button(window, "rollBackUnfinished")->isVisible());
    QVERIFY(button(window, "unfinishedDetails")->isVisible());
    MessageBox::setNextAnswer(QMessageBox::Yes); // "Resume" is not among the buttons: it must not act
    window.unfinishedAction()->trigger();
    QVERIFY2(MessageBox::history().last().contains(u"not on the open cell"_s), qPrintable(MessageBox::history().last()));
    QTest::qWait(500);
    QVERIFY(!window.runInProgress());
    QVERIFY(!journalText().contains(u"\"resume-started\""_s));
    QCOMPARE(replicas(u"edc"_s), 0);
}

// The profile has no saved database password: Resume asks for it (echo mode Password); Cancel
// aborts the resume and keeps the banner; the typed password reaches the run, which checks the
// store with it, and is written nowhere.
void TestUnfinished::resumeAsksForTheMissingPassword()
{
    if (!qEnvironmentVariableIsSet("EIC_TEST_PGPORT"))
        QSKIP("needs the PostgreSQL of scripts/test (EIC_TEST_PG*): not checked");
    const QString password = qEnvironmentVariable("EIC_TEST_PGPASSWORD");
    QVERIFY(!password.isEmpty());
    eic::profiles::Profile profile;
    profile.name = u"night-cell"_s;
    profile.cell.kubeconfig = m_dir->filePath(u"kubeconfig"_s);
    profile.cell.context = eic::kube::KubeConfig::load({profile.cell.kubeconfig})->currentContext();
    profile.database.host = qEnvironmentVariable("EIC_TEST_PGHOST");
    profile.database.port = qEnvironmentVariableIntValue("EIC_TEST_PGPORT");
    profile.database.database = qEnvironmentVariable("EIC_TEST_PGDATABASE");
    profile.database.user = qEnvironmentVariable("EIC_TEST_PGUSER");
    profile.database.sslrootcert = qEnvironmentVariable("EIC_TEST_CA");
    eic::restore::StoreAccess store;
    store.database = eic::profiles::ConnectionTester::databaseOptions(profile, password);
    const QString go = m_dir->filePath(u"go"_s);
    QVERIFY(crashDuringDataStep(profile.cell.kubeconfig, store, u"test -e '%1' || sleep 30"_s.arg(go)));
    QVERIFY(journalText().contains(u"\"store-identity\""_s));
    QFile(go).open(QIODevice::WriteOnly); // the resumed data step goes through at once

    eic::profiles::ProfileStore profiles(m_dir->filePath(u"profiles.json"_s));
    QVERIFY(profiles.add(profile));
    eic::profiles::MemorySecretStore secrets; // no password saved
    eic::ui::MainWindow window(std::nullopt, &profiles, &secrets, {}, {});
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(window.unfinishedBanner()->isVisible() && button(window, "resumeUnfinished")->isVisible(), 10000);
    auto dialog = [&window] {
        auto *d = window.findChild<QInputDialog *>(u"storePasswordDialog"_s);
        return d && d->isVisible() ? d : nullptr;
    };

    // Cancel: no resume, the banner stays, the journal is as the crash left it.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(button(window, "resumeUnfinished"), Qt::LeftButton);
    QVERIFY(MessageBox::history().last().startsWith(u"Resume run "_s));
    QTRY_VERIFY_WITH_TIMEOUT(dialog(), 5000);
    QVERIFY2(dialog()->labelText().contains(u"the profile night-cell has none saved"_s), qPrintable(dialog()->labelText()));
    QCOMPARE(dialog()->textEchoMode(), QLineEdit::Password);
    QTest::mouseClick(dialog()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog(), 5000);
    QTest::qWait(300);
    QVERIFY(!window.runInProgress());
    QVERIFY(window.unfinishedBanner()->isVisible());
    QVERIFY(!journalText().contains(u"\"resume-started\""_s));

    // The password typed: the run resumes with it to its end.
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(button(window, "resumeUnfinished"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(dialog(), 5000);
    QLineEdit *field = dialog()->findChild<QLineEdit *>();
    QVERIFY(field);
    QCOMPARE(field->echoMode(), QLineEdit::Password);
    QTest::keyClicks(field, password);
    QTest::mouseClick(dialog()->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    MessageBox::setNextAnswer(QMessageBox::Ok); // the result, told when the run ends
    QTRY_VERIFY_WITH_TIMEOUT(MessageBox::history().last().startsWith(u"Restore complete"_s), 60000);
    const QString log = journalText();
    QVERIFY(log.contains(u"\"resume-started\""_s));
    // Reached with the typed password: the store's checks were made (passed), none was left unchecked.
    const QString resumed = log.section(u"\"resume-started\""_s, 1);
    QVERIFY2(resumed.contains(u"\"check\":\"store accepts writes\",\"event\":\"check\",\"ok\":true,\"outcome\":\"passed\""_s), qPrintable(resumed.left(6000)));
    QVERIFY2(!resumed.contains(u"\"outcome\":\"not-checked\""_s), qPrintable(resumed.left(6000)));
    QVERIFY(!log.contains(password));
    QCOMPARE(replicas(u"edc"_s), 2);
    QTRY_VERIFY_WITH_TIMEOUT(!window.unfinishedBanner()->isVisible(), 5000);
    QVERIFY(!window.unfinishedAction()->isVisible());
    QFile saved(m_dir->filePath(u"profiles.json"_s));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(!saved.readAll().contains(password.toUtf8())); // typed for this run only, saved nowhere
    bool kept = true;
    secrets.read(eic::profiles::secretKey(profiles.profiles().first().id, eic::profiles::SecretKind::DatabasePassword), this,
                 [&kept](const eic::Result<QString> &r) { kept = bool(r); });
    QTRY_VERIFY_WITH_TIMEOUT(!kept, 2000);
}

QTEST_MAIN(TestUnfinished)
#include "tst_unfinished.moc"
