// The profile editor, clicked through offscreen: inline validation, the three Test buttons
// against eic-sim and the real PostgreSQL and Redis of scripts/test (TLS verified), saving with
// secrets in the secret store and none in the file, switching the dashboard to the profile,
// and deleting it through the confirmation seam. Screenshots: test-output/profile-editor-*.png.

#include "MainWindow.h"
#include "MessageBox.h"
#include "ProfileEditor.h"
#include "SimHost.h"
#include "cell/CellSession.h"
#include "kube/KubeConfig.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QApplication>
#include <QTimer>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestProfileEditor : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void createTestSaveAndDelete();
    void saveAfterFailedTestAsks();
    void noKeychainIsSaidOncePerSession();
    void oneProfileFileWithEicctl();

private:
    static QString shot(const QString &name) { return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name; }
    template <typename T>
    static T *child(QWidget *parent, const char *name)
    {
        auto *w = parent->findChild<T *>(QString::fromLatin1(name));
        if (!w)
            qFatal("no widget named %s", name);
        return w;
    }
    static void type(QWidget *parent, const char *name, const QString &text)
    {
        auto *edit = child<QLineEdit>(parent, name);
        edit->clear();
        QTest::keyClicks(edit, text);
    }
};

void TestProfileEditor::createTestSaveAndDelete()
{
    const bool services = qEnvironmentVariableIsSet("EIC_TEST_PGPORT") && qEnvironmentVariableIsSet("EIC_TEST_REDIS_TLS_PORT");
    if (!services && qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
        QFAIL("the services of scripts/test are missing");
    QTemporaryDir dir;
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = dir.filePath(u"kubeconfig"_s);
    QVERIFY2(sim.start(options, &error), qPrintable(error));
    auto config = eic::kube::KubeConfig::load({options.kubeconfigOut});
    QVERIFY(config);
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    QVERIFY(store.load());
    std::unique_ptr<eic::profiles::SecretStore> secrets;
    if (qEnvironmentVariableIsSet("EIC_TEST_KEYRING"))
        secrets = std::make_unique<eic::profiles::KeychainSecretStore>(5000);
    else
        secrets = std::make_unique<eic::profiles::MemorySecretStore>();
    eic::ui::MainWindow window(*config, &store, secrets.get(), {}, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    eic::ui::ProfileEditor *editor = window.newProfile();
    QVERIFY(editor);
    QTRY_VERIFY(editor->isVisible());
    auto *ok = editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    // Inline validation: no name yet, so OK is off and the problem is said.
    QVERIFY(!ok->isEnabled());
    QVERIFY(child<QLabel>(editor, "problems")->text().contains(u"give the profile a name"_s));
    type(editor, "name", u"production"_s);
    type(editor, "namespace", u"Edge_Icell"_s);
    QVERIFY(!ok->isEnabled());
    QVERIFY(child<QLabel>(editor, "problems")->text().contains(u"cell.namespace"_s));
    type(editor, "namespace", u"edge-icell"_s);
    type(editor, "kubeconfig", options.kubeconfigOut);
    QMetaObject::invokeMethod(child<QLineEdit>(editor, "kubeconfig"), "editingFinished");
    QCOMPARE(child<QComboBox>(editor, "context")->currentText(), u"eic-sim"_s);
    QVERIFY(ok->isEnabled());

    QSignalSpy tested(editor, &eic::ui::ProfileEditor::testFinished);
    QTest::mouseClick(child<QPushButton>(editor, "testCell"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!tested.isEmpty(), 10000);
    QCOMPARE(tested.takeFirst(), (QVariantList{u"cell"_s, true}));
    QVERIFY(child<QLabel>(editor, "cellResult")->text().contains(u"may scale deployments in edge-icell: yes"_s));
    QVERIFY(editor->grab().save(shot(u"profile-editor-cell.png"_s)));

    const QString dbPassword = qEnvironmentVariable("EIC_TEST_PGPASSWORD");
    if (services) {
        auto *tabs = editor->findChild<QTabWidget *>();
        tabs->setCurrentIndex(1);
        type(editor, "dbHost", u"127.0.0.1"_s);
        child<QSpinBox>(editor, "dbPort")->setValue(qEnvironmentVariableIntValue("EIC_TEST_PGPORT"));
        type(editor, "dbName", qEnvironmentVariable("EIC_TEST_PGDATABASE"));
        type(editor, "dbUser", qEnvironmentVariable("EIC_TEST_PGUSER"));
        type(editor, "dbPassword", u"not-the-password"_s);
        type(editor, "sslrootcert", qEnvironmentVariable("EIC_TEST_CA"));
        QTest::mouseClick(child<QPushButton>(editor, "testDatabase"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tested.isEmpty(), 10000);
        QCOMPARE(tested.takeFirst(), (QVariantList{u"database"_s, false}));
        QVERIFY(child<QLabel>(editor, "databaseResult")->text().contains(u"password authentication failed"_s));
        type(editor, "dbPassword", dbPassword);
        QTest::mouseClick(child<QPushButton>(editor, "testDatabase"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tested.isEmpty(), 10000);
        QCOMPARE(tested.takeFirst(), (QVariantList{u"database"_s, true}));
        QVERIFY(child<QLabel>(editor, "databaseResult")->text().contains(u"server certificate verified (sslmode=verify-full)"_s));
        QVERIFY(editor->grab().save(shot(u"profile-editor-database.png"_s)));

        tabs->setCurrentIndex(2);
        type(editor, "hosts", u"localhost:%1"_s.arg(qEnvironmentVariable("EIC_TEST_REDIS_TLS_PORT")));
        child<QCheckBox>(editor, "tls")->setChecked(true);
        type(editor, "dsCa", qEnvironmentVariable("EIC_TEST_CA"));
        type(editor, "dsPassword", qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD"));
        QTest::mouseClick(child<QPushButton>(editor, "testDatastore"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tested.isEmpty(), 10000);
        QCOMPARE(tested.takeFirst(), (QVariantList{u"datastore"_s, true}));
        QVERIFY(child<QLabel>(editor, "datastoreResult")->text().contains(u"Redis 7"_s));
        QVERIFY(child<QLabel>(editor, "datastoreResult")->text().contains(u"TLS, server certificate verified"_s));
        QVERIFY(editor->grab().save(shot(u"profile-editor-datastore.png"_s)));
    }

    QSignalSpy sessionChanged(&window, &eic::ui::MainWindow::sessionChanged);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(store.find(u"production"_s), 5000);
    const QString id = store.find(u"production"_s)->id;
    QTRY_COMPARE_WITH_TIMEOUT(window.currentProfileId(), id, 5000);
    QVERIFY(child<QComboBox>(&window, "cellChooser")->currentText().startsWith(u"production"_s));
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->monitor->synced(), 10000);
    QVERIFY(window.grab().save(shot(u"dashboard-profile.png"_s)));

    if (services) {
        // The password went to the secret store, and not into the file.
        std::optional<eic::Result<QString>> stored;
        secrets->read(eic::profiles::secretKey(id, eic::profiles::SecretKind::DatabasePassword), this,
                      [&stored](const eic::Result<QString> &r) { stored = r; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10000);
        QVERIFY(stored->ok());
        QCOMPARE(stored->value(), dbPassword);
        QFile f(store.path());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(!f.readAll().contains(dbPassword.toUtf8()));
    }

    // Delete asks first (answered through the seam), then takes the secrets along.
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Cancel);
    QVERIFY(!window.deleteProfile(id));
    QVERIFY(store.find(id));
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    QVERIFY(window.deleteProfile(id));
    QVERIFY(!store.find(id));
    QVERIFY(eic::ui::MessageBox::history().last().contains(u"Delete the profile \"production\""_s));
    std::optional<eic::Result<QString>> gone;
    secrets->read(eic::profiles::secretKey(id, eic::profiles::SecretKind::DatabasePassword), this,
                  [&gone](const eic::Result<QString> &r) { gone = r; });
    QTRY_VERIFY_WITH_TIMEOUT(gone.has_value(), 10000);
    QVERIFY(!gone->ok());
}

// A database Test that fails (nothing listens on the port): Save asks, No keeps the editor open
// with nothing saved; Yes saves; a changed value after the Test saves without asking.
void TestProfileEditor::saveAfterFailedTestAsks()
{
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    eic::profiles::MemorySecretStore secrets;
    for (const QString &answerAndAfter : {u"no"_s, u"yes"_s, u"changed"_s}) {
        eic::ui::ProfileEditor editor(eic::profiles::Profile(), &secrets);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        auto *ok = editor.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
        type(&editor, "name", u"quality"_s);
        editor.findChild<QTabWidget *>()->setCurrentIndex(1);
        type(&editor, "dbHost", u"127.0.0.1"_s);
        child<QSpinBox>(&editor, "dbPort")->setValue(closedPort);
        type(&editor, "dbName", u"eic"_s);
        type(&editor, "dbUser", u"eic"_s);
        type(&editor, "dbPassword", u"first-try"_s);
        child<QComboBox>(&editor, "sslmode")->setCurrentText(u"disable"_s);
        QVERIFY(ok->isEnabled());
        QVERIFY(editor.failedTests().isEmpty()); // not tested is not failed, and does not ask

        QSignalSpy tested(&editor, &eic::ui::ProfileEditor::testFinished);
        QTest::mouseClick(child<QPushButton>(&editor, "testDatabase"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!tested.isEmpty(), 10000);
        QCOMPARE(tested.takeFirst(), (QVariantList{u"database"_s, false}));
        QCOMPARE(editor.failedTests().size(), 1);

        const qsizetype asked = eic::ui::MessageBox::history().size();
        if (answerAndAfter == "changed"_L1)
            type(&editor, "dbPassword", u"second-try"_s); // not tested: no longer the failed values
        else
            eic::ui::MessageBox::setNextAnswer(answerAndAfter == "no"_L1 ? QMessageBox::No : QMessageBox::Yes);
        QTest::mouseClick(ok, Qt::LeftButton);
        if (answerAndAfter == "changed"_L1) {
            QCOMPARE(eic::ui::MessageBox::history().size(), asked);
            QCOMPARE(editor.result(), int(QDialog::Accepted));
            continue;
        }
        QCOMPARE(eic::ui::MessageBox::history().size(), asked + 1);
        const QString question = eic::ui::MessageBox::history().last();
        QVERIFY2(question.startsWith(u"The last test failed: database: "_s) && question.endsWith(u". Save anyway?"_s), qPrintable(question));
        QVERIFY2(question.contains(QString::number(closedPort)) || question.contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(question));
        if (answerAndAfter == "no"_L1) {
            QVERIFY(editor.isVisible());
            QCOMPARE(editor.result(), int(QDialog::Rejected));
        } else {
            QVERIFY(!editor.isVisible());
            QCOMPARE(editor.result(), int(QDialog::Accepted));
        }
    }
}

// Without a session bus (its own ctest case): saving a profile with two passwords shows one
// dialog, which says there is no keychain and what to do; the profile opens with the passwords
// kept for this session; a second save says nothing more.
void TestProfileEditor::noKeychainIsSaidOncePerSession()
{
    if (qEnvironmentVariableIntValue("EIC_EXPECT_NO_KEYCHAIN") != 1)
        QSKIP("runs as its own ctest case, without a D-Bus session");
    QTemporaryDir dir;
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = dir.filePath(u"kubeconfig"_s);
    QVERIFY2(sim.start(options, &error), qPrintable(error));
    auto config = eic::kube::KubeConfig::load({options.kubeconfigOut});
    QVERIFY(config);
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    QVERIFY(store.load());
    eic::profiles::KeychainSecretStore keychain(3000);
    eic::ui::MainWindow window(*config, &store, &keychain, {}, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // A dialog that did not go through the seam would block: close it, and count it.
    QStringList unexpected;
    QTimer closer;
    connect(&closer, &QTimer::timeout, this, [&unexpected] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            unexpected.append(box->text());
            box->reject();
        }
    });
    closer.start(50);

    auto save = [&](eic::ui::ProfileEditor *editor, const QString &password) {
        editor->findChild<QTabWidget *>()->setCurrentIndex(1);
        type(editor, "dbHost", u"127.0.0.1"_s);
        type(editor, "dbName", u"eic"_s);
        type(editor, "dbUser", u"eic"_s);
        type(editor, "dbPassword", password);
        editor->findChild<QTabWidget *>()->setCurrentIndex(2);
        type(editor, "hosts", u"127.0.0.1:1"_s);
        type(editor, "dsPassword", password + u"-redis"_s);
        QTest::mouseClick(editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    };
    // The keychain has answered everything asked before this once this answers (one queue).
    auto settled = [&keychain, this] {
        std::optional<eic::Result<QString>> r;
        keychain.read(u"probe/database-password"_s, this, [&r](const eic::Result<QString> &x) { r = x; });
        QTRY_VERIFY_WITH_TIMEOUT(r.has_value(), 10000);
        QCOMPARE(r->error().code, int(eic::profiles::SecretStore::Unavailable));
        QCoreApplication::processEvents();
    };

    const qsizetype before = eic::ui::MessageBox::history().size();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Ok); // for the one warning
    eic::ui::ProfileEditor *editor = window.newProfile();
    type(editor, "name", u"no-keychain"_s);
    type(editor, "kubeconfig", options.kubeconfigOut);
    QMetaObject::invokeMethod(child<QLineEdit>(editor, "kubeconfig"), "editingFinished");
    save(editor, u"typed-once"_s);
    QTRY_VERIFY_WITH_TIMEOUT(store.find(u"no-keychain"_s), 5000);
    const QString id = store.find(u"no-keychain"_s)->id;
    QTRY_COMPARE_WITH_TIMEOUT(window.currentProfileId(), id, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->monitor->synced(), 10000);
    settled();
    const QStringList shown = eic::ui::MessageBox::history().mid(before);
    QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u" | "_s)));
    QCOMPARE(shown.size(), 1);
    QVERIFY2(shown.first().contains(u"No keychain is available"_s) && shown.first().contains(u"gnome-keyring"_s)
                 && shown.first().contains(u"this session only"_s), qPrintable(shown.first()));

    // Edited and saved again in the same session: nothing more is said.
    eic::ui::ProfileEditor *again = window.editProfile(id);
    QVERIFY(again);
    save(again, u"typed-twice"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!again->isVisible(), 5000);
    settled();
    QVERIFY2(unexpected.isEmpty(), qPrintable(unexpected.join(u" | "_s)));
    QCOMPARE(eic::ui::MessageBox::history().size(), before + 1);
}

// The GUI's store (as main() makes it) and eicctl share one file: a profile saved in the editor
// is listed by `eicctl profile list`, one added by eicctl is seen by the GUI's store, and a later
// save in the GUI (its copy older than the file) keeps eicctl's profile.
void TestProfileEditor::oneProfileFileWithEicctl()
{
    const QString eicctl = qEnvironmentVariable("EICCTL");
    if (eicctl.isEmpty())
        QSKIP("EICCTL unset (ctest sets it)");
    QTemporaryDir dir;
    const QByteArray savedConfig = qgetenv("XDG_CONFIG_HOME");
    const QByteArray savedData = qgetenv("XDG_DATA_HOME");
    qputenv("XDG_CONFIG_HOME", dir.filePath(u"config"_s).toUtf8());
    qputenv("XDG_DATA_HOME", dir.filePath(u"data"_s).toUtf8());
    auto restoreEnv = qScopeGuard([&] {
        for (const auto &[name, value] : {std::pair{"XDG_CONFIG_HOME", savedConfig}, std::pair{"XDG_DATA_HOME", savedData}}) {
            if (value.isNull())
                qunsetenv(name);
            else
                qputenv(name, value);
        }
    });
    auto run = [&eicctl](const QStringList &args) {
        QProcess p;
        p.setStandardInputFile(QProcess::nullDevice());
        p.start(eicctl, args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0)
            return u"FAILED: "_s + QString::fromUtf8(p.readAllStandardError());
        return QString::fromUtf8(p.readAllStandardOutput());
    };
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = dir.filePath(u"kubeconfig"_s);
    QVERIFY2(sim.start(options, &error), qPrintable(error));
    auto config = eic::kube::KubeConfig::load({options.kubeconfigOut});
    QVERIFY(config);
    eic::profiles::ProfileStore store; // as eic-restore's main() makes it
    QCOMPARE(store.path(), dir.filePath(u"config/eic-restore/profiles.json"_s));
    QVERIFY(store.load());
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, &store, &secrets, {}, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    eic::ui::ProfileEditor *editor = window.newProfile();
    type(editor, "name", u"from-gui"_s);
    type(editor, "kubeconfig", options.kubeconfigOut);
    QTest::mouseClick(editor->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(store.find(u"from-gui"_s), 5000);
    const QString listed = run({u"profile"_s, u"list"_s});
    QVERIFY2(listed.contains(u"from-gui\t"_s), qPrintable(listed));

    QVERIFY2(!run({u"profile"_s, u"add"_s, u"from-cli"_s, u"--kubeconfig"_s, options.kubeconfigOut, u"--context"_s, u"eic-sim"_s}).startsWith(u"FAILED"_s),
             "eicctl profile add");
    eic::profiles::ProfileStore guiAgain;
    QVERIFY(guiAgain.load());
    QVERIFY(guiAgain.find(u"from-cli"_s));

    // The window's store has not re-read the file since; its next save keeps from-cli.
    eic::ui::ProfileEditor *edit = window.editProfile(store.find(u"from-gui"_s)->id);
    QVERIFY(edit);
    edit->findChild<QTabWidget *>()->setCurrentIndex(3);
    QTest::keyClicks(child<QPlainTextEdit>(edit, "notes"), u"edited in the GUI"_s);
    QTest::mouseClick(edit->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(store.find(u"from-gui"_s)->notes, u"edited in the GUI"_s, 5000);
    const QString both = run({u"profile"_s, u"list"_s});
    QVERIFY2(both.contains(u"from-gui\t"_s) && both.contains(u"from-cli\t"_s), qPrintable(both));
    QVERIFY(store.find(u"from-cli"_s)); // and the window's copy is fresh again
}

QTEST_MAIN(TestProfileEditor)
#include "tst_profileeditor.moc"
