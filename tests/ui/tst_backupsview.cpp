// The backups view with the real Redis of scripts/test: a data store backup taken from the GUI
// with progress, listed with age and size, verified on demand, a damaged copy found; the
// "last backup" sentence and its warning past a day; the reports list exporting a PDF.
// Screenshots: backups.png, reports.png.

#include "BackupsView.h"
#include "restore/Journal.h"
#include "restore/RestorePlan.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::stores::BackupEntry;

class TestBackupsView : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void datastoreBackupListedVerifiedAndDamageFound();
    void lastBackupWarnsPastADay();
    void reportsListExports();

private:
    static QString shot(const QString &name) { return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name; }
};

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
    QVERIFY(view.table()->item(0, 4)->text().startsWith(u"yes"_s));
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
    QVERIFY2(view.table()->item(0, 4)->text().startsWith(u"DAMAGED"_s), qPrintable(view.table()->item(0, 4)->text()));
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

QTEST_MAIN(TestBackupsView)
#include "tst_backupsview.moc"
