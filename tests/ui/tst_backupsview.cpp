// The backups view with the real Redis of scripts/test: a data store backup taken from the GUI
// with progress, listed with age and size, verified on demand, a damaged copy found; the
// "last backup" sentence and its warning past a day; the reports list exporting a PDF.
// Screenshots: backups.png, reports.png.

#include "BackupText.h"
#include "BackupsView.h"
#include "MainWindow.h"
#include "MessageBox.h"
#include "SimHost.h"
#include "cell/CellSession.h"
#include "kube/KubeConfig.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "restore/RestoreWizard.h"
#include "restore/Journal.h"
#include "restore/RestorePlan.h"
#include "stores/postgres/BackupManifest.h"
#include "stores/redis/RedisBackupFile.h"

#include <QApplication>
#include <QComboBox>
#include <QRadioButton>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::stores::BackupEntry;

class TestBackupsView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void datastoreBackupListedVerifiedAndDamageFound();
    void restoreDetailsDeleteAndRememberedVerification();
    void restoreThisBackupOpensTheWizardOnIt();
    void lastBackupWarnsPastADay();
    void reportsListExports();

private:
    static QString shot(const QString &name) { return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name; }
};

void TestBackupsView::initTestCase()
{
    // The remembered verifications go to a test folder, fresh for each run.
    QStandardPaths::setTestModeEnabled(true);
    QFile::remove(eic::ui::BackupVerification::cacheFile());
    qRegisterMetaType<eic::cell::RestoreTarget>();
}

void TestBackupsView::datastoreBackupListedVerifiedAndDamageFound()
{
    if (!qEnvironmentVariableIsSet("EIC_TEST_REDIS_PORT")) {
        if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
            QFAIL("EIC_TEST_REDIS_PORT unset although EIC_REQUIRE_SERVICES=1");
        QSKIP("no Redis from scripts/test");
    }
    QTemporaryDir dir;
    eic::restore::StoreAccess stores;
    eic::stores::RedisOptions redis;
    redis.port = static_cast<quint16>(qEnvironmentVariableIntValue("EIC_TEST_REDIS_PORT"));
    redis.password = qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD");
    stores.datastore = redis;
    eic::ui::BackupsView view(dir.path(), stores);
    view.show();
    QCOMPARE(view.table()->rowCount(), 0);
    QVERIFY(eic::ui::lastBackupText(dir.path(), BackupEntry::Kind::Datastore, 1).contains(u"none yet"_s));
    QSignalSpy done(&view, &eic::ui::BackupsView::backupFinished);
    view.backupDatastore();
    QVERIFY(done.wait(30000));
    QVERIFY2(done.first().first().toBool(), qPrintable(view.status()));
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.table()->item(0, 0)->text(), u"data store"_s);
    QVERIFY(view.table()->item(0, 1)->text().endsWith(u".eicrdb"_s));
    QVERIFY(eic::ui::lastBackupText(dir.path(), BackupEntry::Kind::Datastore, 1).contains(u"min ago"_s));

    QSignalSpy verified(&view, &eic::ui::BackupsView::verified);
    view.verifyRow(0);
    QVERIFY(verified.wait(10000));
    QVERIFY(verified.last().at(1).toBool());
    QVERIFY(view.table()->item(0, 4)->text().startsWith(u"passed"_s));
    QVERIFY(view.grab().save(shot(u"backups.png"_s)));

    // One byte flipped in the middle: found, and said so.
    const QString file = eic::stores::BackupCatalogue::list(dir.path()).first().path;
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek(f.size() / 2));
    char byte = 0;
    QVERIFY(f.getChar(&byte));
    QVERIFY(f.seek(f.size() / 2));
    QVERIFY(f.putChar(static_cast<char>(byte ^ 0x5a)));
    f.close();
    view.verifyRow(0);
    QVERIFY(verified.wait(10000));
    QVERIFY(!verified.last().at(1).toBool());
    QVERIFY2(view.table()->item(0, 4)->text().startsWith(u"FAILED"_s), qPrintable(view.table()->item(0, 4)->text()));
}

namespace {

// A valid data store backup of `keys` keys in db 0 (no records: the header counts them), taken `age` seconds ago.
QString datastoreBackup(const QString &folder, const QString &name, qint64 age)
{
    const QString path = QDir(folder).filePath(name);
    auto w = eic::stores::RedisBackupWriter::create(path, QJsonObject{{"databases"_L1, QJsonArray{QJsonObject{{"db"_L1, 0}, {"keys"_L1, 3}}}}});
    if (!w || !w.value()->finish(0))
        return {};
    QFile f(path);
    if (!f.open(QIODevice::ReadWrite) || !f.setFileTime(QDateTime::currentDateTime().addSecs(-age), QFileDevice::FileModificationTime))
        return {};
    return path;
}

QString databaseBackup(const QString &folder, const QString &name, qint64 age)
{
    const QString path = QDir(folder).filePath(name);
    QDir().mkpath(path + u"/data"_s);
    QFile data(path + u"/data/toc.dat"_s);
    if (!data.open(QIODevice::WriteOnly) || data.write("table data") < 0)
        return {};
    data.close();
    eic::stores::BackupManifest m;
    m.database = u"eic"_s;
    m.serverVersion = u"15.4"_s;
    m.finished = QDateTime::currentDateTime().addSecs(-age);
    m.started = m.finished.addSecs(-60);
    m.tables = {{u"public"_s, u"messages"_s, 42, true, 8192}, {u"public"_s, u"flows"_s, 8, true, 8192}};
    auto files = eic::stores::BackupManifest::hashFiles(path, path + u"/data"_s);
    if (!files)
        return {};
    m.files = *files;
    return m.write(path) ? path : QString();
}

} // namespace

// Without services: three backups; Verify with nothing selected says so; a verification is
// remembered by the next view and forgotten when the file changes; Details names the path,
// the contents, the SHA-256 and the verification; Restore emits the path and the store; Delete
// asks with the name, size and age, asks again for the newest verified backup of a store (No
// keeps it), and removes the backup with its sidecar, or a database backup's folder.
void TestBackupsView::restoreDetailsDeleteAndRememberedVerification()
{
    QTemporaryDir dir;
    const QString newest = datastoreBackup(dir.path(), u"datastore-new.eicrdb"_s, 3600);
    const QString db = databaseBackup(dir.path(), u"database-mid"_s, 3 * 3600);
    const QString oldest = datastoreBackup(dir.path(), u"datastore-old.eicrdb"_s, 2 * 86400);
    QVERIFY(!newest.isEmpty() && !db.isEmpty() && !oldest.isEmpty());
    QFile sidecar(newest + u".sha256"_s);
    QVERIFY(sidecar.open(QIODevice::WriteOnly));
    sidecar.close();
    // Real dialogs (not answered through the seam) are answered by clicking, and counted.
    QStringList realBoxes;
    QMessageBox::StandardButton click = QMessageBox::Cancel;
    QTimer answerer;
    connect(&answerer, &QTimer::timeout, this, [&realBoxes, &click] {
        if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
            realBoxes.append(box->text());
            QTest::mouseClick(box->button(click), Qt::LeftButton);
        }
    });
    answerer.start(50);

    auto view = std::make_unique<eic::ui::BackupsView>(dir.path(), eic::restore::StoreAccess{});
    view->show();
    auto *table = view->table();
    QCOMPARE(table->rowCount(), 3);
    QCOMPARE(table->item(0, 1)->text(), u"datastore-new.eicrdb"_s);
    QCOMPARE(table->item(1, 1)->text(), u"database-mid"_s);
    for (int r = 0; r < 3; ++r)
        QCOMPARE(table->item(r, 4)->text(), u"not checked"_s);
    auto button = [&view](const char *name) { return view->findChild<QPushButton *>(QString::fromLatin1(name)); };
    QTest::mouseClick(button("verify"), Qt::LeftButton);
    QCOMPARE(view->status(), u"Select a backup in the list first, then verify it."_s);

    QSignalSpy verified(view.get(), &eic::ui::BackupsView::verified);
    for (int row : {0, 2}) {
        table->selectRow(row);
        QTest::mouseClick(button("verify"), Qt::LeftButton);
        QVERIFY(verified.wait(10000));
        QVERIFY(verified.last().at(1).toBool());
    }
    QVERIFY(table->item(0, 4)->text().startsWith(u"passed "_s));

    // Remembered by the next view; "not checked" is what the others still are.
    view = std::make_unique<eic::ui::BackupsView>(dir.path(), eic::restore::StoreAccess{});
    view->show();
    table = view->table();
    QVERIFY2(table->item(0, 4)->text().startsWith(u"passed "_s), qPrintable(table->item(0, 4)->text()));
    QCOMPARE(table->item(1, 4)->text(), u"not checked"_s);

    table->selectRow(0);
    QTest::mouseClick(button("details"), Qt::LeftButton);
    auto *details = view->findChild<QDialog *>(u"backupDetails"_s);
    QVERIFY(details && details->isVisible());
    auto field = [&details](const char *name) { return details->findChild<QLabel *>(QString::fromLatin1(name))->text(); };
    QCOMPARE(field("path"), newest);
    QVERIFY2(field("contents").startsWith(u"db0: 3 key"_s), qPrintable(field("contents")));
    QFile file(newest);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    file.close();
    const QString digest = QString::fromLatin1(QCryptographicHash::hash(bytes.chopped(32), QCryptographicHash::Sha256).toHex());
    QVERIFY2(field("sha256").startsWith(digest), qPrintable(field("sha256")));
    QVERIFY(field("verification").startsWith(u"passed "_s));
    QVERIFY(details->grab().save(shot(u"backup-details.png"_s)));
    details->close();
    QTRY_VERIFY(!view->findChild<QDialog *>(u"backupDetails"_s)); // closed is deleted
    table->selectRow(1);
    QTest::mouseClick(button("details"), Qt::LeftButton);
    details = view->findChild<QDialog *>(u"backupDetails"_s);
    QVERIFY2(field("contents").contains(u"50 rows"_s) && field("contents").contains(u"eic"_s), qPrintable(field("contents")));
    QVERIFY(field("sha256").contains(u"manifest.json"_s));
    QVERIFY(field("verification").startsWith(u"not checked"_s));
    details->close();

    QSignalSpy restore(view.get(), &eic::ui::BackupsView::restoreRequested);
    QTest::mouseClick(button("restore"), Qt::LeftButton);
    QCOMPARE(restore.size(), 1);
    QCOMPARE(restore.first().at(0).toString(), db);
    QCOMPARE(restore.first().at(1).value<eic::cell::RestoreTarget>(), eic::cell::RestoreTarget::Database);

    // The newest verified data store backup: asked twice; Cancel at the second keeps it.
    table->selectRow(0);
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    click = QMessageBox::Cancel;
    const qsizetype before = eic::ui::MessageBox::history().size();
    QTest::mouseClick(button("delete"), Qt::LeftButton);
    const QString first = eic::ui::MessageBox::history().value(before);
    const QString size = QLocale().formattedDataSize(QFileInfo(newest).size(), 1, QLocale::DataSizeSIFormat);
    QVERIFY2(first.contains(u"datastore-new.eicrdb"_s) && first.contains(u"1.0 h ago"_s) && first.contains(size), qPrintable(first));
    QCOMPARE(realBoxes.size(), 1);
    QVERIFY2(realBoxes.last().contains(u"newest verified data store backup"_s) && realBoxes.last().contains(u"datastore-old.eicrdb"_s),
             qPrintable(realBoxes.last()));
    QVERIFY(QFile::exists(newest));
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    click = QMessageBox::Yes;
    QTest::mouseClick(button("delete"), Qt::LeftButton);
    QCOMPARE(realBoxes.size(), 2);
    QVERIFY(!QFile::exists(newest) && !QFile::exists(newest + u".sha256"_s));
    QCOMPARE(table->rowCount(), 2);

    // A database backup that is not the newest verified one: asked once, its folder removed.
    table->selectRow(0);
    QCOMPARE(table->item(0, 1)->text(), u"database-mid"_s);
    const qsizetype asked = eic::ui::MessageBox::history().size();
    eic::ui::MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(button("delete"), Qt::LeftButton);
    QCOMPARE(eic::ui::MessageBox::history().size(), asked + 1);
    QCOMPARE(realBoxes.size(), 2);
    QVERIFY(!QFileInfo::exists(db));
    QCOMPARE(table->rowCount(), 1);

    // A changed file is no longer "passed".
    QFile touched(oldest);
    QVERIFY(touched.open(QIODevice::ReadWrite));
    QVERIFY(touched.setFileTime(QDateTime::currentDateTime(), QFileDevice::FileModificationTime));
    touched.close();
    view = std::make_unique<eic::ui::BackupsView>(dir.path(), eic::restore::StoreAccess{});
    QCOMPARE(view->table()->item(0, 4)->text(), u"not checked"_s);
}

void TestBackupsView::lastBackupWarnsPastADay()
{
    QTemporaryDir dir;
    QFile f(dir.filePath(u"datastore-old.eicrdb"_s));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x");
    QVERIFY(f.flush()); // or closing would set the time again
    QVERIFY(f.setFileTime(QDateTime::currentDateTime().addDays(-3), QFileDevice::FileModificationTime));
    f.close();
    bool warn = false;
    const QString text = eic::ui::lastBackupText(dir.path(), BackupEntry::Kind::Datastore, 1.0, &warn);
    QVERIFY(warn);
    QVERIFY2(text.contains(u"3.0 days ago"_s) && text.contains(u"take a new one"_s), qPrintable(text));
    QVERIFY(eic::ui::lastBackupText(dir.path(), BackupEntry::Kind::Database, 1.0, &warn).contains(u"none yet"_s));
    QVERIFY(warn);
}

void TestBackupsView::reportsListExports()
{
    QTemporaryDir dir;
    qputenv("EIC_RESTORE_RUNS_DIR", dir.filePath(u"runs"_s).toUtf8());
    {
        auto j = eic::restore::Journal::create(u"20261124-020000-abcd"_s);
        QVERIFY(j);
        eic::restore::PlanInput in;
        eic::restore::PlannedComponent pe;
        pe.name = u"policyengine"_s;
        pe.present = true;
        pe.replicas = 2;
        in.deployments = {pe};
        in.target = eic::cell::RestoreTarget::Datastore;
        const auto plan = eic::restore::RestorePlanner::plan(in);
        QVERIFY(j.value()->append(u"run-started"_s, {{"plan"_L1, plan.toJson()}, {"operator"_L1, "night-admin"_L1}, {"target"_L1, "datastore"_L1}, {"mode"_L1, "external"_L1}}));
        QVERIFY(j.value()->append(u"caution-acknowledged"_s, {{"id"_L1, "service-interruption"_L1}, {"by"_L1, "night-admin"_L1}}));
        QVERIFY(j.value()->append(u"component-recorded"_s, {{"name"_L1, "policyengine"_L1}, {"replicas"_L1, 2}}));
        QVERIFY(j.value()->append(u"scaled"_s, {{"name"_L1, "policyengine"_L1}, {"to"_L1, 0}}));
        QVERIFY(j.value()->append(u"scaled"_s, {{"name"_L1, "policyengine"_L1}, {"to"_L1, 2}}));
        QVERIFY(j.value()->append(u"run-finished"_s, {{"outcome"_L1, "complete"_L1}, {"downtimeSeconds"_L1, 42.0}}));
    }
    eic::ui::ReportsView view;
    view.show();
    QCOMPARE(view.table()->rowCount(), 1);
    QCOMPARE(view.table()->item(0, 3)->text(), u"complete"_s);
    QCOMPARE(view.table()->item(0, 5)->text(), u"42.0 s"_s);
    const QString pdf = dir.filePath(u"r.pdf"_s);
    const QString sha = view.exportRun(u"20261124-020000-abcd"_s, u"pdf"_s, pdf);
    QFile f(pdf);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(sha, QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex()));
    QVERIFY(view.grab().save(shot(u"reports.png"_s)));
}

// The main window's backups view: "Restore this backup…" opens the restore wizard on the open
// cell with the backup set as the archive; once the target page has chosen the data store, the
// plan page is in archive mode with that backup chosen.
void TestBackupsView::restoreThisBackupOpensTheWizardOnIt()
{
    // The plan page comes after the pre-flight, which needs the profile's data store.
    if (!qEnvironmentVariableIsSet("EIC_TEST_REDIS_PORT")) {
        if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
            QFAIL("EIC_TEST_REDIS_PORT unset although EIC_REQUIRE_SERVICES=1");
        QSKIP("no Redis from scripts/test");
    }
    QTemporaryDir dir;
    qputenv("EIC_RESTORE_RUNS_DIR", dir.filePath(u"runs"_s).toUtf8());
    eic::sim::SimHost sim;
    QString error;
    eic::sim::SimOptions options;
    options.kubeconfigOut = dir.filePath(u"kubeconfig"_s);
    QVERIFY2(sim.start(options, &error), qPrintable(error));
    auto config = eic::kube::KubeConfig::load({options.kubeconfigOut});
    QVERIFY(config);
    const QString folder = dir.filePath(u"backups"_s);
    QVERIFY(QDir().mkpath(folder));
    const QString newer = datastoreBackup(folder, u"datastore-newer.eicrdb"_s, 7200);
    const QString chosen = datastoreBackup(folder, u"datastore-chosen.eicrdb"_s, 3 * 86400);
    QVERIFY(!newer.isEmpty() && !chosen.isEmpty());
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    QVERIFY(store.load());
    eic::profiles::Profile p;
    p.name = u"prod"_s;
    p.cell.kubeconfig = options.kubeconfigOut;
    p.cell.context = u"eic-sim"_s;
    p.backupFolder = folder;
    p.datastore.hosts = {u"127.0.0.1:%1"_s.arg(qEnvironmentVariable("EIC_TEST_REDIS_PORT"))};
    QVERIFY(store.add(p));
    eic::profiles::MemorySecretStore secrets;
    bool kept = false;
    secrets.write(eic::profiles::secretKey(store.find(u"prod"_s)->id, eic::profiles::SecretKind::DatastorePassword),
                  qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD"), this, [&kept](const eic::Result<bool> &) { kept = true; });
    QTRY_VERIFY(kept);
    eic::ui::MainWindow window(*config, &store, &secrets, {}, {});
    window.show();
    window.switchProfile(store.find(u"prod"_s)->id);
    QTRY_VERIFY_WITH_TIMEOUT(window.session() && window.session()->monitor->synced(), 10000);

    window.openBackups();
    eic::ui::BackupsView *view = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((view = window.findChild<eic::ui::BackupsView *>()) && view->isVisible() && view->table()->rowCount() == 2, 5000);
    view->table()->selectRow(1); // the older one: the plan page would offer the newer first
    QTest::mouseClick(view->findChild<QPushButton *>(u"restore"_s), Qt::LeftButton);
    eic::ui::RestoreWizard *wizard = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((wizard = window.findChild<eic::ui::RestoreWizard *>()) && wizard->isVisible(), 5000);
    QCOMPARE(wizard->session()->input.archive, chosen);
    QCOMPARE(wizard->session()->input.mode, eic::restore::DataMode::Archive);
    QVERIFY(QTest::qWaitForWindowExposed(wizard));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->session()->surveyed, 10000);
    auto radios = wizard->currentPage()->findChildren<QRadioButton *>();
    QVERIFY(radios.size() >= 2);
    QTRY_VERIFY(radios.at(1)->isEnabled());
    QVERIFY2(radios.at(1)->isChecked(), "the backup's store is chosen already"); // still changeable:
    // On its indicator: a radio button as wide as the page takes clicks on its box and text only.
    QTest::mouseClick(radios.at(1), Qt::LeftButton, {}, QPoint(8, radios.at(1)->height() / 2)); // the data store
    QVERIFY2(radios.at(1)->isChecked(), qPrintable(radios.at(1)->text()));
    for (int page : {int(eic::ui::RestoreWizard::PreflightPage), int(eic::ui::RestoreWizard::PlanPage)}) {
        QTRY_VERIFY_WITH_TIMEOUT(wizard->button(QWizard::NextButton)->isEnabled(), 15000);
        QTest::mouseClick(wizard->button(QWizard::NextButton), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), page, 5000);
    }
    auto *archives = wizard->currentPage()->findChild<QComboBox *>();
    QVERIFY(archives && archives->isVisible());
    QCOMPARE(archives->currentData().toString(), chosen);
    QVERIFY(wizard->grab().save(shot(u"restore-this-backup.png"_s)));
    wizard->rollBack();
}

QTEST_MAIN(TestBackupsView)
#include "tst_backupsview.moc"
