// What the wizard says before "Start the restore", without a window: the summary's numbers,
// the downtime measured or labelled an estimate, the confirmation word, the store's address.

#include "restore/RestoreSummary.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace eic::restore;

class TestSummary : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void archiveSummaryNamesTheBackup();
    void downtimeMeasuredOrEstimated();
    void confirmationWordIsNeverTheNamespace();
    void storeAddress();
    void pluralsAreEnglish();
};

namespace {

RestorePlan plan(DataMode mode, int components)
{
    RestorePlan p;
    p.target = eic::cell::RestoreTarget::Database;
    p.mode = mode;
    p.ns = u"edge-icell"_s;
    for (int i = 0; i < components; ++i)
        p.components.append({u"c%1"_s.arg(i), true, 2, {}, 0, 0});
    p.archive = u"/backups/database-20261130-0200"_s;
    return p;
}

} // namespace

void TestSummary::archiveSummaryNamesTheBackup()
{
    SummaryFacts f;
    f.clusterUrl = u"https://api.cell-eu1.example:6443"_s;
    f.storeAddress = u"db.example:5432/eic"_s;
    eic::stores::BackupEntry backup;
    backup.path = u"/backups/database-20261130-0200"_s;
    backup.created = QDateTime(QDate(2026, 11, 30), QTime(2, 0));
    backup.bytes = 4'200'000'000;
    f.backup = backup;
    const QString s = planSummary(plan(DataMode::Archive, 7), f);
    QCOMPARE(s.left(s.indexOf(u"expected"_s)), u"Stop 7 components (14 pods) on https://api.cell-eu1.example:6443; replace database `eic` at db.example:5432/eic with the backup of 2026-11-30 02:00 (4.2 GB); "_s);
    // 30 s + 4.2 GB at 50 MB/s (84 s) + 60 s = 174 s: about 3 min, labelled an estimate.
    QVERIFY2(s.endsWith(u"expected downtime ~3 min (an estimate: no run or drill of this target yet)."_s), qPrintable(s));
}

void TestSummary::downtimeMeasuredOrEstimated()
{
    SummaryFacts f;
    f.lastDowntimeSeconds = 412;
    const DowntimeEstimate measured = expectedDowntime(plan(DataMode::External, 1), f);
    QCOMPARE(measured.seconds, 412.0);
    QVERIFY(measured.measured);
    QVERIFY(planSummary(plan(DataMode::External, 1), f).endsWith(u"~7 min (as long as the last run)."_s));
    f.lastDowntimeSeconds = -1;
    const DowntimeEstimate guessed = expectedDowntime(plan(DataMode::External, 1), f);
    QVERIFY(!guessed.measured);
    QCOMPARE(guessed.seconds, 390.0); // 30 + 300 + 60
}

void TestSummary::confirmationWordIsNeverTheNamespace()
{
    QCOMPARE(confirmationWord(u"prod-eu1"_s, u"https://api.x:6443"_s), u"prod-eu1"_s);
    QCOMPARE(confirmationWord({}, u"https://api.cell-eu1.example:6443"_s), u"api.cell-eu1.example"_s);
    QCOMPARE(confirmationWord({}, {}, u"prod-context"_s), u"prod-context"_s);
    QCOMPARE(confirmationWord({}, {}, {}), QString()); // then nothing confirms (RestoreSession::confirms)
}

void TestSummary::storeAddress()
{
    StoreAccess a;
    eic::stores::PgConnectOptions pg;
    pg.host = u"db.example"_s;
    pg.port = 5433;
    pg.dbname = u"eic"_s;
    a.database = pg;
    QCOMPARE(storeAddressOf(a, eic::cell::RestoreTarget::Database), u"db.example:5433/eic"_s);
    QCOMPARE(storeAddressOf(a, eic::cell::RestoreTarget::Datastore), QString()); // no connection to it
}

void TestSummary::pluralsAreEnglish()
{
    QVERIFY(planSummary(plan(DataMode::External, 1), {}).startsWith(u"Stop 1 component (2 pods)"_s));
}

QTEST_MAIN(TestSummary)
#include "tst_summary.moc"
