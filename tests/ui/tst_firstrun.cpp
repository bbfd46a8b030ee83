// The first-run page and the sandbox in the GUI, offscreen: the welcome page's three ways in,
// a sandbox started from it (banner, ready profile, live cell, rehearsal journal kept apart,
// About with the servers' versions), stopped (everything removed, the real profiles untouched),
// and a sandbox that cannot start (a sentence, nothing left running). Screenshots:
// welcome.png, sandbox.png, about.png, procedure.png in test-output/.

#include "HelpDialogs.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "ProfileEditor.h"
#include "WelcomePage.h"
#include "cell/CellSession.h"
#include "kube/KubeConfig.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "sandbox/Sandbox.h"
#include "SimHost.h"

#include <QApplication>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QDir>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

#include <signal.h>

using namespace Qt::StringLiterals;

class TestFirstRun : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void welcomeOffersThreeWaysIn();
    void sandboxFromTheWelcomePage();
    void sandboxThatCannotStartLeavesNothing();
    void stoppingTheSandboxReturnsToTheProfile();

private:
    static QString shot(const QString &name) { return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name; }
};

namespace {

// A kubeconfig with two contexts (nothing needs to answer: the welcome page only lists them).
QString writeKubeconfig(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(u"kubeconfig"_s);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write("apiVersion: v1\nkind: Config\ncurrent-context: prod\n"
            "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n"
            "users:\n- name: u\n  user:\n    token: t\n"
            "contexts:\n- name: prod\n  context: {cluster: c, user: u, namespace: edge-icell}\n"
            "- name: quality\n  context: {cluster: c, user: u, namespace: eic-quality}\n");
    return path;
}

bool processGone(qint64 pid)
{
    return pid <= 0 || ::kill(pid_t(pid), 0) != 0;
}

} // namespace

void TestFirstRun::welcomeOffersThreeWaysIn()
{
    QTemporaryDir dir;
    auto config = eic::kube::KubeConfig::load({writeKubeconfig(dir)});
    QVERIFY(config);
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, &store, &secrets, {}, {}, eic::ui::MainWindow::Start::Welcome);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.showingWelcome());
    QVERIFY(!window.session()); // nothing connects before the admin chooses
    auto *welcome = window.welcomePage();
    QVERIFY(welcome->importButton()->isEnabled());
    QVERIFY(welcome->createButton()->isEnabled());
    QVERIFY(welcome->sandboxButton()->isEnabled());
    QVERIFY(welcome->openContextButton());
    QVERIFY(welcome->openContextButton()->text().contains(u"prod"_s));
    QVERIFY(!window.sandboxBanner()->isVisible());
    // Keyboard: the first way in has the focus; Tab goes to the next, in reading order.
    QTRY_COMPARE(QApplication::focusWidget(), welcome->importButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), welcome->createButton());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), welcome->sandboxButton());
    QVERIFY(window.grab().save(shot(u"welcome.png"_s)));

    // "Import from kubeconfig" with two contexts asks which one, then opens the editor with it.
    QTimer::singleShot(0, &window, [] {
        auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
        if (dialog) {
            dialog->setTextValue(u"quality"_s);
            dialog->accept();
        }
    });
    welcome->importButton()->click();
    eic::ui::ProfileEditor *editor = nullptr;
    QVERIFY(QTest::qWaitFor([&] { return (editor = window.findChild<eic::ui::ProfileEditor *>()) != nullptr; }, 5000));
    QCOMPARE(editor->profile().cell.context, u"quality"_s);
    QCOMPARE(editor->profile().cell.ns, u"eic-quality"_s);
    editor->reject();

    // "Create a profile", chosen with Return, opens an empty editor.
    welcome->createButton()->setFocus();
    QTest::keyClick(welcome->createButton(), Qt::Key_Return);
    QVERIFY(QTest::qWaitFor([&] {
        const auto editors = window.findChildren<eic::ui::ProfileEditor *>();
        return std::any_of(editors.begin(), editors.end(), [](auto *e) { return e->isVisible() && e->profile().cell.context.isEmpty(); });
    }, 5000));

    // No kubeconfig at all: import is off and says why.
    eic::ui::MainWindow bare(std::nullopt, &store, &secrets, {}, {}, eic::ui::MainWindow::Start::Welcome);
    QVERIFY(bare.showingWelcome());
    QVERIFY(!bare.welcomePage()->importButton()->isEnabled());
    QVERIFY(bare.welcomePage()->importButton()->description().contains(u"no kubeconfig was found"_s));
    QVERIFY(!bare.welcomePage()->openContextButton());
}

void TestFirstRun::sandboxFromTheWelcomePage()
{
    QTemporaryDir dir;
    const QString realRuns = dir.filePath(u"real-runs"_s);
    qputenv("EIC_RESTORE_RUNS_DIR", QFile::encodeName(realRuns));
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(std::nullopt, &store, &secrets, {}, {}, eic::ui::MainWindow::Start::Welcome);
    window.resize(1240, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy ready(&window, &eic::ui::MainWindow::sandboxReady);
    QSignalSpy failed(&window, &eic::ui::MainWindow::sandboxFailed);
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Ok); // a failure must not wait on a dialog
    window.welcomePage()->sandboxButton()->click();
    QVERIFY(window.sandboxBanner()->isVisible()); // "Starting the sandbox — …" at once
    QVERIFY(!window.welcomePage()->sandboxButton()->isEnabled());
    QVERIFY2(QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 90000), "the sandbox neither started nor failed");
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(window.sandboxActive());
    const eic::sandbox::SandboxInfo info = window.sandbox()->info();
    QVERIFY(QDir(info.dir).exists());

    // The banner says SANDBOX, the title too, and the only cell offered is the sandbox's.
    QVERIFY(window.sandboxBanner()->isVisible());
    const QString banner = window.sandboxBanner()->findChild<QLabel *>()->text();
    QVERIFY2(banner.contains(u"SANDBOX"_s) && banner.contains(info.dir), qPrintable(banner));
    QVERIFY(window.windowTitle().startsWith(u"[Sandbox]"_s));
    auto *cells = window.findChild<QComboBox *>(u"cellChooser"_s);
    QCOMPARE(cells->count(), 1);
    QVERIFY(cells->currentText().contains(u"Sandbox"_s));
    QVERIFY(!window.showingWelcome());
    QVERIFY(window.session());
    QVERIFY(QTest::qWaitFor([&] { return window.session()->monitor->synced() && window.session()->model->rowCount() > 5; }, 20000));
    // Rehearsal runs are journaled inside the sandbox, not with the real runs.
    QCOMPARE(qEnvironmentVariable("EIC_RESTORE_RUNS_DIR"), info.runsDir());
    QTest::qWait(300); // let the table size its columns for the picture
    QVERIFY(window.grab().save(shot(u"sandbox.png"_s)));

    // About: the versions of the libraries and of the sandbox's three servers.
    auto *about = window.openAbout();
    QVERIFY(QTest::qWaitFor([&] {
        const QString t = about->text();
        return t.contains(u"PostgreSQL "_s + info.pgVersion) && t.contains(u"redis "_s + info.redisVersion) && t.contains(u"v1."_s);
    }, 20000));
    QVERIFY(about->text().contains(u"libpq"_s) && about->text().contains(u"hiredis"_s) && about->text().contains(QString::fromLatin1(qVersion())));
    QVERIFY(about->grab().save(shot(u"about.png"_s)));
    about->close();
    auto *procedure = window.openProcedure();
    for (const char *id : {"service-interruption", "point-in-time", "snapshot-only", "autoscaler", "terminate-sessions", "flush-datastore"})
        QVERIFY2(procedure->browser()->toPlainText().contains(QLatin1StringView(id)), id);
    QVERIFY(procedure->grab().save(shot(u"procedure.png"_s)));
    procedure->close();

    // It holds a backup now: the stop asks first, naming it; Cancel keeps the sandbox running.
    QFile backup(info.backupFolder() + u"/datastore-20261201-230000.eicrdb"_s);
    QVERIFY(backup.open(QIODevice::WriteOnly) && backup.write("x") == 1);
    backup.close();
    QSignalSpy stopped(&window, &eic::ui::MainWindow::sandboxStopped);
    const qsizetype asked = eic::ui::MessageBox::history().size();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
    window.sandboxBanner()->findChild<QPushButton *>(u"stopSandbox"_s)->click();
    QCOMPARE(eic::ui::MessageBox::history().size(), asked + 1);
    const QString question = eic::ui::MessageBox::history().last();
    QVERIFY2(question.contains(u"backup files: 1"_s) && question.contains(u"Stopping the sandbox removes them"_s) && question.contains(u"eic-restore-sandbox-"_s),
             qPrintable(question));
    QVERIFY2(!question.section(u"Keep a copy in "_s, 1).startsWith(QDir::tempPath()), qPrintable(question)); // a copy outside any temporary dir
    QVERIFY(stopped.isEmpty());
    QVERIFY(window.sandboxActive());
    QVERIFY(QFile::exists(backup.fileName()));

    // Stop from the banner, removing them: everything goes, the real profiles never saw the sandbox.
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Discard);
    window.sandboxBanner()->findChild<QPushButton *>(u"stopSandbox"_s)->click();
    QCOMPARE(stopped.size(), 1);
    QVERIFY(!window.sandboxActive());
    QVERIFY(!window.sandboxBanner()->isVisible());
    QVERIFY(!QDir(info.dir).exists());
    QVERIFY(window.showingWelcome()); // nothing was open before the sandbox
    QVERIFY(!window.windowTitle().contains(u"Sandbox"_s));
    QCOMPARE(qEnvironmentVariable("EIC_RESTORE_RUNS_DIR"), realRuns);
    QVERIFY(store.profiles().isEmpty());
    eic::profiles::ProfileStore reread(store.path());
    QVERIFY(reread.load());
    QVERIFY(reread.profiles().isEmpty());
    QVERIFY(window.welcomePage()->sandboxButton()->isEnabled());
}

void TestFirstRun::sandboxThatCannotStartLeavesNothing()
{
    // A sim that exits at once: PostgreSQL and Redis have started by then and must go again.
    const QByteArray realSim = qgetenv("EIC_SIM");
    qputenv("EIC_SIM", "/bin/false");
    QTemporaryDir dir;
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(std::nullopt, &store, &secrets, {}, {}, eic::ui::MainWindow::Start::Welcome);
    window.show();
    QSignalSpy failed(&window, &eic::ui::MainWindow::sandboxFailed);
    eic::ui::MessageBox::history().clear();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Ok);
    window.startSandbox();
    QString sandboxDir;
    qint64 pgPid = 0;
    QVERIFY(QTest::qWaitFor([&] {
        if (window.sandbox() && !window.sandbox()->info().dir.isEmpty())
            sandboxDir = window.sandbox()->info().dir;
        QFile pid(sandboxDir + u"/pg/data/postmaster.pid"_s);
        // (initdb's single-user backend writes its pid negated: wait for the server's.)
        if (pgPid <= 0 && pid.open(QIODevice::ReadOnly))
            pgPid = pid.readLine().trimmed().toLongLong();
        return !failed.isEmpty();
    }, 90000));
    qputenv("EIC_SIM", realSim);
    QVERIFY2(failed.first().first().toString().contains(u"simulated cell (eic-sim) stopped while starting"_s), qPrintable(failed.first().first().toString()));
    QVERIFY(eic::ui::MessageBox::history().join(u'\n').contains(u"simulated cell (eic-sim) stopped while starting"_s));
    QVERIFY(!sandboxDir.isEmpty());
    QVERIFY(pgPid > 0);
    QVERIFY(QTest::qWaitFor([&] { return !QDir(sandboxDir).exists() && processGone(pgPid); }, 15000));
    QVERIFY(!window.sandboxBanner()->isVisible());
    QVERIFY(QTest::qWaitFor([&] { return !window.sandbox(); }, 5000));
    QVERIFY(window.welcomePage()->sandboxButton()->isEnabled());
}

void TestFirstRun::stoppingTheSandboxReturnsToTheProfile()
{
    // A real profile is open (its cell: an in-process sim); the sandbox replaces it for a while.
    QTemporaryDir dir;
    eic::sim::SimHost sim;
    eic::sim::SimOptions options;
    options.kubeconfigOut = dir.filePath(u"kubeconfig"_s);
    QString error;
    QVERIFY2(sim.start(options, &error), qPrintable(error));
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    eic::profiles::Profile prod;
    prod.name = u"prod"_s;
    prod.cell.kubeconfig = options.kubeconfigOut;
    prod.cell.context = eic::kube::KubeConfig::load({options.kubeconfigOut})->currentContext();
    QVERIFY(store.add(prod));
    const QString prodId = store.find(u"prod"_s)->id;
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(std::nullopt, &store, &secrets, {}, {});
    window.show();
    QCOMPARE(window.currentProfileId(), prodId);
    QVERIFY(QTest::qWaitFor([&] { return window.session() && window.session()->monitor->synced(); }, 20000));
    const QString prodServer = window.session()->client->context().cluster.server.toString();

    QSignalSpy ready(&window, &eic::ui::MainWindow::sandboxReady);
    QSignalSpy failed(&window, &eic::ui::MainWindow::sandboxFailed);
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Ok); // a failure must not wait on a dialog
    window.startSandbox();
    QVERIFY(QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 90000));
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(window.sandboxActive());
    QCOMPARE(window.currentProfileId(), u"sandbox"_s);
    QVERIFY(window.session()->client->context().cluster.server.toString() != prodServer);
    QVERIFY(!store.find(u"sandbox"_s)); // the real store never holds the sandbox's profile

    // A quit with a run journaled in the sandbox asks first too; Cancel keeps the window and the sandbox.
    QFile run(window.sandbox()->info().runsDir() + u"/20261201-230000-abcd.jsonl"_s);
    QVERIFY(run.open(QIODevice::WriteOnly) && run.write("{}\n") == 3);
    run.close();
    const qsizetype asked = eic::ui::MessageBox::history().size();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!window.close());
    QCOMPARE(eic::ui::MessageBox::history().size(), asked + 1);
    QVERIFY2(eic::ui::MessageBox::history().last().contains(u"files of restore runs (journals, reports): 1"_s), qPrintable(eic::ui::MessageBox::history().last()));
    QVERIFY(window.isVisible() && window.sandboxActive());

    eic::ui::MessageBox::setNextAnswer(QMessageBox::Discard);
    window.stopSandbox();
    QCOMPARE(window.currentProfileId(), prodId);
    QVERIFY(!window.showingWelcome());
    QCOMPARE(window.session()->client->context().cluster.server.toString(), prodServer);
    auto *cells = window.findChild<QComboBox *>(u"cellChooser"_s);
    QVERIFY(cells->currentText().contains(u"prod"_s));
    QVERIFY(QTest::qWaitFor([&] { return window.session()->monitor->synced(); }, 20000));
}

QTEST_MAIN(TestFirstRun)
#include "tst_firstrun.moc"
