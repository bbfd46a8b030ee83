// RestorePlanner as data: which components stop, which are skipped, which cautions apply with
// which numbers (and which facts are missing, said as such), the refusals; a plan survives the journal (JSON round trip); the journal's
// file mode, its torn last line after a crash, and the unfinished-run detection. A namespace
// without any component of the cell is refused in every mode.

#include "restore/Journal.h"
#include "restore/RestorePlan.h"

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#include <utility>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace eic::restore;
using eic::cell::RestoreTarget;

class TestRestorePlan : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void databaseStopsTheSevenAndSkipsMissing();
    void cautionsFollowTheFacts();
    void refusals();
    void replaceDatabaseGivesTheNumbers();
    void replaceDatabaseSaysWhatIsMissing();
    void pointInTimeExactOrEstimate();
    void archiveSnapshotNamesTheArchiveTime();
    void messageServiceSingleInstanceIsNotReassured();
    void refusesANamespaceWithoutTheCell_data();
    void refusesANamespaceWithoutTheCell();
    void newInstanceStopsNothing();
    void planSurvivesTheJournal();
    void journalIsPrivateAndSurvivesATornLine();

private:
    static PlanInput cell(bool older = false)
    {
        PlanInput in;
        const QStringList names = older ? QStringList{u"edc"_s, u"edge-api"_s, u"mdc"_s, u"worker"_s, u"policyengine"_s, u"esac"_s}
                                        : QStringList{u"edc"_s, u"edge-api"_s, u"mdc"_s, u"worker"_s, u"auditlog-agent"_s, u"destination-configuration"_s,
                                                      u"destination-db-management"_s, u"policyengine"_s, u"esac"_s};
        for (const QString &n : names) {
            PlannedComponent c;
            c.name = n;
            c.present = true;
            c.replicas = n == "edc"_L1 ? 3 : 1;
            if (n == "edc"_L1 || n == "policyengine"_L1) {
                c.hpa = n;
                c.hpaMin = 2;
                c.hpaMax = 4;
            }
            in.deployments.append(c);
        }
        return in;
    }
    static QList<PlannedComponent> deployments(const QStringList &names, bool present = true)
    {
        QList<PlannedComponent> out;
        for (const QString &n : names) {
            PlannedComponent c;
            c.name = n;
            c.present = present;
            c.replicas = 1;
            out.append(c);
        }
        return out;
    }
    static Caution cautionOf(const RestorePlan &p, const QString &id)
    {
        const qsizetype i = p.cautionIds().indexOf(id);
        return i < 0 ? Caution{} : p.cautions.at(i);
    }
    // A database archive restore of eic at db.example:5432, a backup of 2026-11-30 02:00.
    static PlanInput databaseArchive()
    {
        PlanInput in = cell();
        in.mode = DataMode::Archive;
        in.archive = u"/b/eic-20261130-020000"_s;
        in.storeAddress = u"db.example:5432"_s;
        in.databaseName = u"eic"_s;
        in.surveyedAt = QDateTime(QDate(2026, 11, 30), QTime(23, 30), Qt::UTC);
        in.archiveTakenAt = QDateTime(QDate(2026, 11, 30), QTime(2, 0), Qt::UTC);
        in.archiveBytes = 4'200'000'000;
        in.archiveTables = 143;
        in.databaseInspected = true;
        in.databaseBytes = 4'500'000'000;
        in.databaseTables = 145;
        return in;
    }
    static QStringList names(const QList<PlannedComponent> &cs)
    {
        QStringList out;
        for (const auto &c : cs)
            out.append(c.name);
        return out;
    }
};

void TestRestorePlan::databaseStopsTheSevenAndSkipsMissing()
{
    const RestorePlan full = RestorePlanner::plan(cell());
    QCOMPARE(names(full.present()), (QStringList{u"edc"_s, u"edge-api"_s, u"mdc"_s, u"worker"_s, u"auditlog-agent"_s, u"destination-configuration"_s, u"destination-db-management"_s}));
    QVERIFY(full.skipped.isEmpty());
    QVERIFY(full.refusal.isEmpty());
    const RestorePlan older = RestorePlanner::plan(cell(true));
    QCOMPARE(names(older.present()), (QStringList{u"edc"_s, u"edge-api"_s, u"mdc"_s, u"worker"_s}));
    QCOMPARE(older.skipped, (QStringList{u"auditlog-agent"_s, u"destination-configuration"_s, u"destination-db-management"_s}));
    PlanInput ds = cell();
    ds.target = RestoreTarget::Datastore;
    QCOMPARE(names(RestorePlanner::plan(ds).present()), QStringList{u"policyengine"_s});
    QStringList steps;
    for (const PlanStep &s : full.steps)
        steps.append(s.id);
    QCOMPARE(steps, (QStringList{u"preflight"_s, u"record"_s, u"stop"_s, u"quiesce"_s, u"data"_s, u"start"_s, u"verify"_s, u"cleanup"_s}));
}

void TestRestorePlan::cautionsFollowTheFacts()
{
    PlanInput in = cell();
    QCOMPARE(RestorePlanner::plan(in).cautionIds(), (QStringList{u"service-interruption"_s, u"autoscaler"_s, u"terminate-sessions"_s}));
    const Caution si = RestorePlanner::plan(in).cautions.first();
    QCOMPARE(si.numbers.value("pods"_L1).toInt(), 3 + 6);
    in.pointInTime = QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC);
    in.latestDataTime = QDateTime(QDate(2026, 11, 24), QTime(2, 30), Qt::UTC);
    const RestorePlan pit = RestorePlanner::plan(in);
    QVERIFY(pit.cautionIds().contains(u"point-in-time"_s));
    const Caution c = pit.cautions.at(static_cast<qsizetype>(pit.cautionIds().indexOf(u"point-in-time"_s)));
    QCOMPARE(c.numbers.value("lostSeconds"_L1).toDouble(), 1800.0);
    QVERIFY2(c.text.contains(u"30 min"_s), qPrintable(c.text));

    PlanInput ds = cell();
    ds.target = RestoreTarget::Datastore;
    ds.mode = DataMode::External;
    ds.datastoreInspected = true;
    ds.aofEnabled = false;
    ds.snapshotAgeSeconds = 7200;
    ds.datastoreKeys = 1234;
    const RestorePlan snap = RestorePlanner::plan(ds);
    QVERIFY(snap.cautionIds().contains(u"snapshot-only"_s));
    QVERIFY(!snap.cautionIds().contains(u"flush-datastore"_s)); // nothing is flushed in external mode
    const Caution so = snap.cautions.at(static_cast<qsizetype>(snap.cautionIds().indexOf(u"snapshot-only"_s)));
    QVERIFY2(so.text.contains(u"120 min old"_s) && so.text.contains(u"1234 keys"_s), qPrintable(so.text));
    ds.aofEnabled = true;
    ds.mode = DataMode::External;
    const RestorePlan aof = RestorePlanner::plan(ds);
    QVERIFY(!aof.cautionIds().contains(u"snapshot-only"_s));
    QVERIFY(!aof.cautionIds().contains(u"flush-datastore"_s));
    // terminate-sessions is the only optional one.
    for (const Caution &k : snap.cautions)
        QCOMPARE(k.required(), k.id != "terminate-sessions"_L1);
    // A store that was given but could not be inspected (INFO refused, a timeout): the loss
    // that may come is acknowledged all the same, and no key count is made up.
    PlanInput blind = cell();
    blind.target = RestoreTarget::Datastore;
    blind.mode = DataMode::External;
    blind.datastoreInspectionError = u"NOPERM this user has no permissions to run the 'info' command"_s;
    const RestorePlan unknown = RestorePlanner::plan(blind);
    QVERIFY(unknown.cautionIds().contains(u"snapshot-only"_s));
    const Caution us = unknown.cautions.at(static_cast<qsizetype>(unknown.cautionIds().indexOf(u"snapshot-only"_s)));
    QVERIFY(us.required());
    QVERIFY2(us.text.contains(u"could not be inspected (NOPERM"_s), qPrintable(us.text));
    blind.mode = DataMode::Archive;
    blind.archive = u"/b/x.eicrdb"_s;
    const Caution uf = cautionOf(RestorePlanner::plan(blind), u"flush-datastore"_s);
    QVERIFY2(!uf.text.contains(u"0 key"_s) && uf.text.contains(u"could not be read"_s), qPrintable(uf.text));
}

void TestRestorePlan::refusals()
{
    PlanInput in = cell();
    in.builtinStores = {u"postgres"_s};
    QVERIFY(RestorePlanner::plan(in).refusal.contains(u"backup and restore aren't supported for built-in services"_s));
    in.target = RestoreTarget::Datastore;
    QVERIFY(RestorePlanner::plan(in).refusal.isEmpty()); // a built-in PostgreSQL does not block a Redis restore
}

void TestRestorePlan::messageServiceSingleInstanceIsNotReassured()
{
    PlanInput ms;
    ms.messageService = true;
    ms.messageServiceReplicas = 3;
    const QString ha = RestorePlanner::plan(ms).refusal;
    QVERIFY2(ha.contains(u"3 replicas) is protected by replication"_s) && ha.contains(u"no restore"_s), qPrintable(ha));
    ms.messageServiceReplicas = 1;
    const QString single = RestorePlanner::plan(ms).refusal;
    QVERIFY2(single.contains(u"runs as a single instance: it has no replica and no backup"_s), qPrintable(single));
    QVERIFY2(!single.contains(u"protected by replication"_s) && !single.contains(u"Check its replication"_s), qPrintable(single));
    QVERIFY2(single.contains(u"no restore of it"_s), qPrintable(single));
    ms.messageServiceReplicas = -1; // the survey could not read it: neither reassured nor alarmed
    const QString unknown = RestorePlanner::plan(ms).refusal;
    QVERIFY2(unknown.contains(u"could not be read"_s) && unknown.contains(u"only where it runs with replicas"_s), qPrintable(unknown));
    ms.messageServiceReplicas = 0;
    QVERIFY(RestorePlanner::plan(ms).refusal.contains(u"was not found"_s));
}

void TestRestorePlan::replaceDatabaseGivesTheNumbers()
{
    const RestorePlan p = RestorePlanner::plan(databaseArchive());
    QCOMPARE(p.cautionIds(), (QStringList{u"service-interruption"_s, u"replace-database"_s, u"autoscaler"_s, u"terminate-sessions"_s}));
    const Caution c = cautionOf(p, u"replace-database"_s);
    QVERIFY(c.required() && c.destructive);
    QCOMPARE(c.title, cautionTitle(u"replace-database"_s));
    QVERIFY2(c.text.startsWith(u"`eic` at db.example:5432 is replaced by the backup taken at 2026-11-30 02:00:00 UTC (4.2 GB, 143 table"_s), qPrintable(c.text));
    QVERIFY2(c.text.contains(u"everything written to its tables since (21.5 h) is lost (a table created later stays as it is)"_s), qPrintable(c.text));
    QVERIFY2(c.text.contains(u"The live database is 4.5 GB with 145 table"_s) && c.text.endsWith(u" now."_s), qPrintable(c.text));
    QCOMPARE(c.numbers.value("backupTables"_L1).toInt(), 143);
    QCOMPARE(c.numbers.value("liveTables"_L1).toInt(), 145);
    QCOMPARE(c.numbers.value("backupBytes"_L1).toInteger(), 4'200'000'000);
    QCOMPARE(c.numbers.value("liveBytes"_L1).toInteger(), 4'500'000'000);
    QCOMPARE(c.numbers.value("lostSeconds"_L1).toDouble(), 21.5 * 3600);
    QCOMPARE(c.numbers.value("backupTakenAt"_L1).toString(), u"2026-11-30T02:00:00Z"_s);
    // Only an archive restore of the database replaces it.
    PlanInput external = databaseArchive();
    external.mode = DataMode::External;
    QVERIFY(!RestorePlanner::plan(external).cautionIds().contains(u"replace-database"_s));
    PlanInput ds = databaseArchive();
    ds.target = RestoreTarget::Datastore;
    QVERIFY(!RestorePlanner::plan(ds).cautionIds().contains(u"replace-database"_s));
    QVERIFY(p.toText().contains(u"--accept service-interruption,replace-database,autoscaler"_s));
}

void TestRestorePlan::replaceDatabaseSaysWhatIsMissing()
{
    PlanInput in = databaseArchive();
    in.databaseInspected = false;
    in.databaseBytes = -1;
    in.databaseTables = -1;
    in.databaseInspectionError = u"password authentication failed for user \"eic\"."_s;
    Caution c = cautionOf(RestorePlanner::plan(in), u"replace-database"_s);
    QVERIFY2(c.text.contains(u"The live database could not be inspected: password authentication failed for user \"eic\"."_s), qPrintable(c.text));
    QVERIFY2(!c.text.contains(u"The live database is"_s) && !c.numbers.contains("liveBytes"_L1), qPrintable(c.text));
    QCOMPARE(c.numbers.value("inspected"_L1).toBool(true), false);
    in.databaseInspectionError.clear(); // no connection given (the wizard's first plan)
    c = cautionOf(RestorePlanner::plan(in), u"replace-database"_s);
    QVERIFY2(c.text.contains(u"was not inspected (no connection to it was given), so its size and tables are not known"_s), qPrintable(c.text));
    // A manifest that cannot be read: no time, no size, no table count is made up.
    in.archiveTakenAt = QDateTime();
    in.archiveBytes = -1;
    in.archiveTables = -1;
    in.archiveError = u"manifest.json was changed after the backup was taken."_s;
    c = cautionOf(RestorePlanner::plan(in), u"replace-database"_s);
    QVERIFY2(c.text.contains(u"the backup /b/eic-20261130-020000 (its manifest could not be read: manifest.json was changed after the backup was taken); "
                             "everything written since it was taken to the backup's tables is lost"_s), qPrintable(c.text));
    QVERIFY(!c.numbers.contains("backupTakenAt"_L1) && !c.numbers.contains("lostSeconds"_L1));
    QVERIFY2(!c.text.contains(u"-1"_s), qPrintable(c.text));
}

void TestRestorePlan::pointInTimeExactOrEstimate()
{
    PlanInput in = cell();
    in.pointInTime = QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC);
    in.latestDataTime = QDateTime(QDate(2026, 11, 24), QTime(2, 42), Qt::UTC);
    in.latestDataExact = true;
    Caution c = cautionOf(RestorePlanner::plan(in), u"point-in-time"_s);
    QVERIFY2(c.text.contains(u"everything written after it is lost: up to 42 min (the newest commit is from 2026-11-24 02:42:00 UTC; "
                             "track_commit_timestamp is on, so this is exact)"_s), qPrintable(c.text));
    QCOMPARE(c.numbers.value("lostSeconds"_L1).toDouble(), 42 * 60.0);
    QCOMPARE(c.numbers.value("latestExact"_L1).toBool(), true);
    in.latestDataExact = false; // the time of the survey: an upper bound, labelled as one
    c = cautionOf(RestorePlanner::plan(in), u"point-in-time"_s);
    QVERIFY2(c.text.contains(u"up to 42 min (an estimate, counted to 2026-11-24 02:42:00 UTC: the server does not record commit times"_s), qPrintable(c.text));
    QVERIFY(!c.text.contains(u"exact"_s));
    in.latestDataExact = true;
    in.latestDataTime = QDateTime(QDate(2026, 11, 24), QTime(1, 50), Qt::UTC);
    c = cautionOf(RestorePlanner::plan(in), u"point-in-time"_s);
    QVERIFY2(c.text.contains(u"no commit is newer than it (the newest is from 2026-11-24 01:50:00 UTC"_s), qPrintable(c.text));
    QCOMPARE(c.numbers.value("lostSeconds"_L1).toDouble(), 0.0);
    in.latestDataTime = QDateTime();
    in.databaseInspectionError = u"timeout expired"_s;
    c = cautionOf(RestorePlanner::plan(in), u"point-in-time"_s);
    QVERIFY2(c.text.contains(u"lost; how much is not known: the database could not be inspected (timeout expired)."_s), qPrintable(c.text));
    QVERIFY(!c.numbers.contains("lostSeconds"_L1));
}

void TestRestorePlan::archiveSnapshotNamesTheArchiveTime()
{
    PlanInput ds = cell();
    ds.target = RestoreTarget::Datastore;
    ds.mode = DataMode::Archive;
    ds.archive = u"/b/datastore-20261128-020000.eicrdb"_s;
    ds.datastoreInspected = true;
    ds.aofEnabled = true; // an archive is a snapshot whatever the server persists
    ds.snapshotAgeSeconds = 60; // the server saved a minute ago: not what the archive holds
    ds.datastoreKeys = 1234;
    ds.archiveKeys = 1200;
    ds.surveyedAt = QDateTime(QDate(2026, 11, 30), QTime(2, 0), Qt::UTC);
    ds.archiveTakenAt = QDateTime(QDate(2026, 11, 28), QTime(2, 0), Qt::UTC);
    const RestorePlan p = RestorePlanner::plan(ds);
    QVERIFY(p.cautionIds().contains(u"flush-datastore"_s));
    Caution c = cautionOf(p, u"snapshot-only"_s);
    QVERIFY2(c.text.startsWith(u"The archive was taken at 2026-11-28 02:00:00 UTC (48.0 h ago)"_s), qPrintable(c.text));
    QVERIFY2(c.text.contains(u"1234 key"_s) && c.text.contains(u"the archive holds 1200"_s), qPrintable(c.text));
    QVERIFY2(!c.text.contains(u"1 min"_s) && !c.text.contains(u"60 s"_s) && !c.numbers.contains("snapshotAgeSeconds"_L1), qPrintable(c.text));
    QCOMPARE(c.numbers.value("archiveAgeSeconds"_L1).toDouble(), 2 * 86400.0);
    ds.archiveTakenAt = QDateTime();
    ds.archiveError = u"not an eic-restore data store backup (bad magic)"_s;
    c = cautionOf(RestorePlanner::plan(ds), u"snapshot-only"_s);
    QVERIFY2(c.text.startsWith(u"The archive's time could not be read (not an eic-restore data store backup (bad magic))"_s), qPrintable(c.text));
    QVERIFY(!c.numbers.contains("archiveTakenAt"_L1));
}

void TestRestorePlan::refusesANamespaceWithoutTheCell_data()
{
    QTest::addColumn<RestoreTarget>("target");
    QTest::addColumn<DataMode>("mode");
    QTest::addColumn<QList<PlannedComponent>>("found");
    QTest::addColumn<bool>("refused");

    struct Namespace {
        const char *what;
        QList<PlannedComponent> found;
        bool refused;
    };
    const QList<Namespace> namespaces = {
        {"empty namespace", {}, true},
        {"only unrelated deployments", deployments({u"nginx"_s, u"grafana"_s, u"edc-proxy"_s}), true},
        // Names of the cell that the survey reports as absent are not the cell.
        {"catalogue names not present", deployments({u"edc"_s, u"policyengine"_s}, false), true},
        {"an older cell", cell(true).deployments, false},
        {"a current cell", cell().deployments, false},
        // Any component of the cell is the cell, also one no restore stops.
        {"only esac", deployments({u"esac"_s}), false},
        {"solops among others", deployments({u"solops"_s, u"nginx"_s}), false},
        {"only the other target's component", deployments({u"policyengine"_s}), false},
    };
    const std::pair<const char *, RestoreTarget> targets[] = {{"database", RestoreTarget::Database}, {"datastore", RestoreTarget::Datastore}};
    const std::pair<const char *, DataMode> modes[] = {{"external", DataMode::External}, {"archive", DataMode::Archive}, {"new-instance", DataMode::NewInstance}};
    for (const Namespace &n : namespaces)
        for (const auto &[targetWord, target] : targets)
            for (const auto &[modeWord, mode] : modes)
                QTest::addRow("%s, %s, %s", n.what, targetWord, modeWord) << target << mode << n.found << n.refused;
}

void TestRestorePlan::refusesANamespaceWithoutTheCell()
{
    QFETCH(RestoreTarget, target);
    QFETCH(DataMode, mode);
    QFETCH(QList<PlannedComponent>, found);
    QFETCH(bool, refused);
    PlanInput in;
    in.ns = u"edge-icel"_s;
    in.target = target;
    in.mode = mode;
    in.deployments = found;
    in.archive = u"/b/x.eicrdb"_s;
    const RestorePlan p = RestorePlanner::plan(in);
    if (!refused) {
        QVERIFY2(p.refusal.isEmpty(), qPrintable(p.refusal));
        QVERIFY(!p.steps.isEmpty());
        return;
    }
    QVERIFY2(p.refusal.contains(u"namespace edge-icel"_s), qPrintable(p.refusal));
    QVERIFY2(p.refusal.contains(u"No component of an Edge Integration Cell"_s), qPrintable(p.refusal));
    QVERIFY2(p.refusal.contains(u"eicctl status -n edge-icel"_s), qPrintable(p.refusal));
    QVERIFY2(p.refusal.contains(u"kubeconfig context"_s), qPrintable(p.refusal));
    // A refused plan has nothing to run, and says so once it is read back from a journal.
    QVERIFY(p.steps.isEmpty());
    QVERIFY(p.components.isEmpty());
    QVERIFY(p.cautions.isEmpty());
    QVERIFY(p.toText().contains(u"REFUSED"_s));
    auto back = RestorePlan::fromJson(p.toJson());
    QVERIFY(back);
    QCOMPARE(back->refusal, p.refusal);
}

void TestRestorePlan::newInstanceStopsNothing()
{
    PlanInput in = cell();
    in.mode = DataMode::NewInstance;
    const RestorePlan p = RestorePlanner::plan(in);
    for (const PlanStep &s : p.steps)
        QVERIFY2(s.id != "stop"_L1 && s.id != "start"_L1 && s.id != "record"_L1, qPrintable(s.id));
    QVERIFY(p.dataInstructions.join(u' ').contains(u"Edge Lifecycle Management"_s));
    QVERIFY(!p.cautionIds().contains(u"autoscaler"_s));
}

void TestRestorePlan::planSurvivesTheJournal()
{
    PlanInput in = cell();
    in.pointInTime = QDateTime(QDate(2026, 11, 24), QTime(2, 0), Qt::UTC);
    in.dataCommand = u"true"_s;
    const RestorePlan p = RestorePlanner::plan(in);
    auto back = RestorePlan::fromJson(p.toJson());
    QVERIFY(back);
    QCOMPARE(back->toJson(), p.toJson());
    QCOMPARE(back->toText(), p.toText());
    QVERIFY(!RestorePlan::fromJson(QJsonObject{{"target"_L1, "nothing"_L1}}));
}

void TestRestorePlan::journalIsPrivateAndSurvivesATornLine()
{
    QTemporaryDir dir;
    qputenv("EIC_RESTORE_RUNS_DIR", dir.filePath(u"runs"_s).toUtf8());
    auto j = Journal::create(u"run-1"_s);
    QVERIFY(j);
    const RestorePlan p = RestorePlanner::plan(cell());
    QVERIFY(j.value()->append(u"run-started"_s, {{"plan"_L1, p.toJson()}, {"operator"_L1, "admin"_L1}}));
    QVERIFY(j.value()->append(u"component-recorded"_s, {{"name"_L1, "edc"_L1}, {"replicas"_L1, 3}}));
    struct stat st {};
    QCOMPARE(::stat(QFile::encodeName(j.value()->path()).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, 0600u);
    const QString path = j.value()->path();
    j.value().reset();
    // A crash mid-write: half a line at the end.
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("{\"event\":\"component-recor");
    }
    QCOMPARE(Journal::unfinished(), QStringList{path});
    auto state = JournalState::load(path);
    QVERIFY(state);
    QCOMPARE(state->recorded.value(u"edc"_s), 3);
    QCOMPARE(state->operatorName, u"admin"_s);
    auto again = Journal::reopen(path);
    QVERIFY(again);
    QVERIFY(again.value()->append(u"run-finished"_s, {{"outcome"_L1, "rolled-back"_L1}}));
    auto events = Journal::read(path);
    QVERIFY(events);
    QCOMPARE(events->size(), 3); // the torn line is skipped, the next event starts on its own line
    QVERIFY(Journal::unfinished().isEmpty());
    QVERIFY(!Journal::create(u"run-1"_s)); // never overwrites a run
}

QTEST_MAIN(TestRestorePlan)
#include "tst_restoreplan.moc"
