// The dashboard an admin can trust: a frozen API server (eic-sim as its own process, SIGSTOP)
// turns the header stale within ContactWatch's threshold and every row Unknown, never Healthy,
// and SIGCONT brings "live" back; the stores panels against the real PostgreSQL and Redis of
// scripts/test show what the servers say, a wrong password in red with the reason, and refresh
// on one kept connection; a 2,000-character message never widens the window.
// Screenshots: dashboard-stale.png, dashboard-stores.png in test-output/.

#include "CellConnection.h"
#include "ComponentFilterModel.h"
#include "MainWindow.h"
#include "StoresPanel.h"
#include "cell/CellSession.h"
#include "kube/KubeConfig.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "stores/postgres/BackupManifest.h"

#include <QFile>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using eic::stores::StoreState;

class TestDashboard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void frozenApiServerTurnsStaleAndBack();
    void storePanelsShowTheRealStores();
    void aWrongPasswordIsRedWithTheReason();
    void refreshesReuseOneConnection();
    void longMessagesNeverWidenTheWindow();
    void dashboardWithBothPanels();
};

namespace {

QString shot(const QString &name)
{
    return qEnvironmentVariable("EIC_TEST_OUTPUT_DIR", u"."_s) + u'/' + name;
}

bool haveServices()
{
    return qEnvironmentVariableIsSet("EIC_TEST_PGPORT") && qEnvironmentVariableIsSet("EIC_TEST_REDIS_PORT");
}

#define REQUIRE_SERVICES()                                                                \
    do {                                                                                  \
        if (!haveServices()) {                                                            \
            if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)                \
                QFAIL("EIC_TEST_PGPORT/EIC_TEST_REDIS_PORT unset although EIC_REQUIRE_SERVICES=1"); \
            QSKIP("no PostgreSQL/Redis from scripts/test");                               \
        }                                                                                 \
    } while (false)

eic::stores::PgConnectOptions testDatabase()
{
    eic::stores::PgConnectOptions o;
    o.host = qEnvironmentVariable("EIC_TEST_PGHOST", u"127.0.0.1"_s);
    o.port = qEnvironmentVariableIntValue("EIC_TEST_PGPORT");
    o.user = qEnvironmentVariable("EIC_TEST_PGUSER");
    o.password = qEnvironmentVariable("EIC_TEST_PGPASSWORD");
    o.dbname = qEnvironmentVariable("EIC_TEST_PGDATABASE", u"postgres"_s);
    o.sslmode = u"verify-full"_s;
    o.sslrootcert = qEnvironmentVariable("EIC_TEST_CA");
    return o;
}

eic::stores::RedisOptions testRedis()
{
    eic::stores::RedisOptions r;
    r.host = u"127.0.0.1"_s;
    r.port = static_cast<quint16>(qEnvironmentVariableIntValue("EIC_TEST_REDIS_PORT"));
    r.password = qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD");
    return r;
}

// One query on a connection of the test's own (application_name eic-restore too, but its own pid).
QStringList pgRow(const QString &sql)
{
    eic::stores::PgSession s;
    std::optional<QStringList> row;
    s.open(testDatabase(), [&](const eic::Result<bool> &ok) {
        if (!ok)
            return void(row = QStringList{});
        s.query(sql, [&](const eic::Result<eic::stores::PgResult> &r) { row = r ? r->rows.value(0) : QStringList{}; });
    });
    if (!QTest::qWaitFor([&] { return row.has_value(); }, 10000))
        return {};
    return row.value_or(QStringList{});
}

// A Redis INFO field, on one connection the caller keeps open (so that it is counted once).
qint64 redisInfo(eic::stores::RedisConnection &c, const QByteArray &field)
{
    std::optional<QByteArray> info;
    c.command({"INFO", "stats"}, [&](const eic::Result<eic::stores::RedisReply> &r) { info = r ? r->str : QByteArray(); });
    if (!QTest::qWaitFor([&] { return info.has_value(); }, 10000))
        return -1;
    for (const QByteArray &line : info.value_or(QByteArray()).split('\n'))
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().toLongLong();
    return -1;
}

// A database backup folder of ours (a manifest with its checksum and one file) and a data store
// backup file, so that "last backup" has something to show.
void writeBackups(const QString &folder)
{
    QDir(folder).mkpath(u"db-2026-12-01/data"_s);
    const QString dir = QDir(folder).filePath(u"db-2026-12-01"_s);
    QFile data(QDir(dir).filePath(u"data/toc.dat"_s));
    QVERIFY(data.open(QIODevice::WriteOnly));
    data.write(QByteArray(150000, 'x'));
    data.close();
    eic::stores::BackupManifest m;
    m.database = u"eic"_s;
    m.serverVersion = u"15"_s;
    m.serverAddress = u"127.0.0.1:5432/eic"_s;
    m.toolVersion = u"15"_s;
    m.started = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600 - 60);
    m.finished = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
    auto files = eic::stores::BackupManifest::hashFiles(dir, QDir(dir).filePath(u"data"_s));
    QVERIFY(files);
    m.files = *files;
    QVERIFY(m.write(dir));
    auto read = eic::stores::BackupManifest::read(dir);
    QVERIFY2(read, read ? "" : qPrintable(read.error().message));
    QFile rdb(QDir(folder).filePath(u"datastore-2026-12-01.eicrdb"_s));
    QVERIFY(rdb.open(QIODevice::WriteOnly));
    rdb.write(QByteArray(42000, 'r'));
}

// eic-sim as a process of its own, so that it can be frozen; resumed and ended however the
// test ends.
class SimProcess {
public:
    ~SimProcess()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        ::kill(static_cast<pid_t>(m_process.processId()), SIGCONT);
        m_process.terminate();
        if (!m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(2000);
    }
    bool start(const QString &kubeconfig)
    {
        const QString sim = qEnvironmentVariable("EIC_SIM");
        if (sim.isEmpty())
            return false;
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(sim, {u"--listen"_s, u"127.0.0.1:0"_s, u"--kubeconfig-out"_s, kubeconfig, u"--log-level"_s, u"warn"_s});
        QByteArray out;
        const bool ready = QTest::qWaitFor([&] {
            out += m_process.readAllStandardOutput();
            return out.contains("eic-sim ready");
        }, 20000);
        return ready;
    }
    void signal(int sig) { ::kill(static_cast<pid_t>(m_process.processId()), sig); }

private:
    QProcess m_process;
};

QStringList healthColumn(QAbstractItemModel *model)
{
    QStringList out;
    for (int r = 0; r < model->rowCount(); ++r)
        out.append(model->index(r, eic::cell::ComponentModel::Health).data().toString());
    return out;
}

} // namespace

void TestDashboard::frozenApiServerTurnsStaleAndBack()
{
    if (qEnvironmentVariable("EIC_SIM").isEmpty())
        QSKIP("EIC_SIM (the eic-sim binary) is not set");
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(u"kubeconfig"_s);
    SimProcess sim;
    QVERIFY(sim.start(kubeconfig));
    auto config = eic::kube::KubeConfig::load({kubeconfig});
    QVERIFY(config);
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *cell = window.findChild<eic::ui::CellConnection *>();
    QVERIFY(cell);
    QAbstractItemModel *model = window.componentTable()->model();
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->monitor->synced(), 15000);
    QTRY_COMPARE_WITH_TIMEOUT(cell->stateLine(), u"live"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(healthColumn(model).filter(u"Healthy"_s).size() >= 8, 10000);

    // Frozen: the TCP connections stay open, no byte comes.
    QElapsedTimer frozen;
    sim.signal(SIGSTOP);
    frozen.start();
    bool healthyWhileStale = false;
    QObject::connect(model, &QAbstractItemModel::dataChanged, &window, [&] {
        if (window.session()->monitor->contactLost() && !healthColumn(model).filter(u"Healthy"_s).isEmpty())
            healthyWhileStale = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(cell->stateLine() != u"live"_s, 10000);
    const qint64 leftLive = frozen.elapsed();
    qInfo("the header left \"live\" %lld ms after SIGSTOP (threshold %d ms)", leftLive, eic::cell::ContactWatch::kStaleAfterMs);
    QVERIFY2(leftLive <= eic::cell::ContactWatch::kStaleAfterMs + 1500, qPrintable(QString::number(leftLive)));
    QVERIFY2(cell->stateLine().startsWith(u"stale — no contact for"_s), qPrintable(cell->stateLine()));
    QVERIFY(cell->text().contains(u"#6a1b9a"_s)); // its own colour, not live's green
    for (const QString &h : healthColumn(model))
        QVERIFY2(h.startsWith(u"Unknown (no contact for"_s), qPrintable(h));
    // It counts up, and stays Unknown while it does.
    QTRY_VERIFY_WITH_TIMEOUT(healthColumn(model).first().contains(u"no contact for 7 s"_s)
                                 || healthColumn(model).first().contains(u"no contact for 8 s"_s), 10000);
    QVERIFY(cell->stateLine().contains(u"no contact for"_s));
    QVERIFY(!healthyWhileStale);
    QVERIFY(window.grab().save(shot(u"dashboard-stale.png"_s)));
    // "Not healthy" does not look empty while nothing is known.
    window.filterModel()->setFilter(eic::ui::ComponentFilterModel::Filter::Unhealthy);
    QCOMPARE(model->rowCount(), window.session()->model->rowCount());
    window.filterModel()->setFilter(eic::ui::ComponentFilterModel::Filter::All);

    sim.signal(SIGCONT);
    QTRY_COMPARE_WITH_TIMEOUT(cell->stateLine(), u"live"_s, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(healthColumn(model).filter(u"Healthy"_s).size() >= 8, 5000);
    QVERIFY(healthColumn(model).filter(u"no contact"_s).isEmpty());
}

void TestDashboard::storePanelsShowTheRealStores()
{
    REQUIRE_SERVICES();
    QTemporaryDir folder;
    writeBackups(folder.path());
    eic::restore::StoreAccess access{testDatabase(), testRedis()};
    eic::ui::StoresPanel panel;
    panel.resize(1000, 300);
    panel.setVerificationLookup([](const eic::stores::BackupEntry &e) {
        // The database backup was verified; the data store's never was.
        if (e.kind == eic::stores::BackupEntry::Kind::Database)
            return eic::stores::BackupVerdict{eic::stores::BackupVerdict::Outcome::Passed, u"2026-12-01 03:00"_s};
        return eic::stores::BackupVerdict{};
    });
    panel.setStores(access, folder.path());
    panel.show();
    QTRY_VERIFY_WITH_TIMEOUT(panel.databaseStatus()->state().reach == StoreState::Reach::Reachable, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.datastoreStatus()->state().reach == StoreState::Reach::Reachable, 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(panel.databaseBox()->text().contains(u"verified"_s), qPrintable(panel.databaseBox()->text()), 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(panel.datastoreBox()->text().contains(u"not verified yet"_s), qPrintable(panel.datastoreBox()->text()), 5000);

    const QString db = panel.databaseBox()->text();
    QVERIFY2(db.contains(u"● reachable"_s), qPrintable(db));
    QVERIFY2(db.contains(u"PostgreSQL 1"_s) && db.contains(u"primary, accepts writes"_s), qPrintable(db));
    const QString dbSize = QLocale().formattedDataSize(panel.databaseStatus()->state().bytes, 1, QLocale::DataSizeSIFormat);
    QVERIFY2(panel.databaseStatus()->state().bytes > 1000000 && db.contains(dbSize), qPrintable(db));
    QVERIFY2(db.contains(u"WAL archiving"_s), qPrintable(db));
    QVERIFY2(db.contains(u"(3.0 h ago)"_s) && db.contains(u"· verified (2026-12-01 03:00)"_s), qPrintable(db));

    const QString ds = panel.datastoreBox()->text();
    QVERIFY2(ds.contains(u"● reachable"_s), qPrintable(ds));
    QVERIFY2(ds.contains(u"Redis 7"_s) && ds.contains(u"master, accepts writes"_s), qPrintable(ds));
    QVERIFY2(ds.contains(u"in memory ·"_s) && ds.contains(u" keys"_s), qPrintable(ds));
    QVERIFY2(ds.contains(u"AOF o"_s) && ds.contains(u"RDB save"_s), qPrintable(ds));
    QVERIFY2(ds.contains(u"42.0 kB"_s) && ds.contains(u"not verified yet"_s), qPrintable(ds));
    QVERIFY(!ds.contains(u"· verified"_s)); // not checked is never shown as good

    // The sessions of the cell's components, by name: a client named "policyengine" appears.
    eic::stores::RedisConnection policyengine;
    bool named = false;
    policyengine.open(testRedis(), [&](const eic::Result<bool> &ok) {
        QVERIFY(ok);
        policyengine.command({"CLIENT", "SETNAME", "policyengine"}, [&](const eic::Result<eic::stores::RedisReply> &) { named = true; });
    });
    QTRY_VERIFY_WITH_TIMEOUT(named, 10000);
    panel.datastoreStatus()->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(panel.datastoreBox()->text().contains(u"policyengine ×1 from 127.0.0.1"_s), 10000);
}

void TestDashboard::aWrongPasswordIsRedWithTheReason()
{
    REQUIRE_SERVICES();
    auto db = testDatabase();
    db.password = u"not-the-password"_s;
    auto redis = testRedis();
    redis.password = u"not-the-password"_s;
    eic::ui::StoresPanel panel;
    panel.setStores({db, redis}, {});
    panel.show();
    QTRY_VERIFY_WITH_TIMEOUT(panel.databaseStatus()->state().reach == StoreState::Reach::Unreachable, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(panel.datastoreStatus()->state().reach == StoreState::Reach::Unreachable, 15000);
    const QString dbReach = panel.databaseBox()->reachText();
    QVERIFY2(dbReach.contains(u"unreachable"_s) && dbReach.contains(u"password authentication failed"_s), qPrintable(dbReach));
    QVERIFY2(dbReach.contains(u"The saved password was refused"_s), qPrintable(dbReach));
    const QString dsReach = panel.datastoreBox()->reachText();
    QVERIFY2(dsReach.contains(u"WRONGPASS"_s) && dsReach.contains(u"The saved password was refused"_s), qPrintable(dsReach));
    for (eic::ui::StoreBox *box : {panel.databaseBox(), panel.datastoreBox()}) {
        auto *reach = box->findChild<QLabel *>(u"reach"_s);
        QVERIFY(reach->styleSheet().contains(u"#c62828"_s)); // red
        QVERIFY(box->checkAgainButton()->isVisible());
        QVERIFY(box->text().contains(u"the profile names no backup folder"_s));
    }
    panel.resize(1000, 260);
    QVERIFY(panel.grab().save(shot(u"stores-wrong-password.png"_s)));
    // Not tried again by itself (every try is a failed login in the server's log), but on request.
    QCOMPARE(panel.databaseStatus()->connectionsOpened(), 1);
    panel.databaseStatus()->start(100);
    QSignalSpy changed(panel.databaseStatus(), &eic::stores::StoreStatus::changed);
    QVERIFY(!changed.wait(1000));
    QCOMPARE(panel.databaseStatus()->connectionsOpened(), 1);
    QTest::mouseClick(panel.databaseBox()->checkAgainButton(), Qt::LeftButton);
    QVERIFY(changed.wait(15000));
    QCOMPARE(panel.databaseStatus()->connectionsOpened(), 2);
}

void TestDashboard::refreshesReuseOneConnection()
{
    REQUIRE_SERVICES();
    eic::stores::RedisConnection counter;
    bool counterOpen = false;
    counter.open(testRedis(), [&](const eic::Result<bool> &ok) { counterOpen = ok.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(counterOpen, 10000);
    eic::ui::StoresPanel panel;
    panel.setStores({testDatabase(), testRedis()}, {});
    eic::stores::StoreStatus *db = panel.databaseStatus();
    eic::stores::StoreStatus *ds = panel.datastoreStatus();
    QTRY_VERIFY_WITH_TIMEOUT(db->refreshes() >= 1 && ds->refreshes() >= 1, 15000);
    const qint64 pid = db->state().backendId;
    const qint64 clientId = ds->state().backendId;
    QVERIFY(pid > 0 && clientId > 0);
    const QString backendStart = pgRow(u"SELECT backend_start::text FROM pg_stat_activity WHERE pid = %1"_s.arg(pid)).value(0);
    QVERIFY(!backendStart.isEmpty());
    const qint64 received = redisInfo(counter, "total_connections_received");
    QVERIFY(received > 0);

    // Many refreshes, quickly: each on the same connection, none started while one is in flight.
    db->start(50);
    ds->start(50);
    QTRY_VERIFY_WITH_TIMEOUT(db->refreshes() >= 10 && ds->refreshes() >= 10, 20000);
    db->refresh(); // while one may be in flight: ignored, not a second connection
    ds->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(db->refreshes() >= 12 && ds->refreshes() >= 12, 20000);
    QCOMPARE(db->connectionsOpened(), 1);
    QCOMPARE(ds->connectionsOpened(), 1);
    QCOMPARE(db->state().backendId, pid);
    QCOMPARE(ds->state().backendId, clientId);
    // Server-side: the same backend since the start; no new connection reached Redis.
    QCOMPARE(pgRow(u"SELECT backend_start::text FROM pg_stat_activity WHERE pid = %1"_s.arg(pid)).value(0), backendStart);
    // (pgRow's own connection is PostgreSQL's; Redis saw none but the counter's.)
    QCOMPARE(redisInfo(counter, "total_connections_received"), received);
    qInfo("%d database and %d data store refreshes on one connection each", db->refreshes(), ds->refreshes());

    // A restore under way: the connection is closed, nothing asked; afterwards one new one.
    bool restoring = true;
    panel.setPauseWhile([&restoring] { return restoring; });
    QTRY_VERIFY_WITH_TIMEOUT(db->state().paused && ds->state().paused, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(pgRow(u"SELECT count(*) FROM pg_stat_activity WHERE pid = %1"_s.arg(pid)).value(0) == u"0"_s, 5000);
    QVERIFY(panel.databaseBox()->reachText().contains(u"paused while a restore runs"_s));
    restoring = false;
    QTRY_VERIFY_WITH_TIMEOUT(!db->state().paused && db->state().reach == StoreState::Reach::Reachable && db->connectionsOpened() == 2, 10000);
}

void TestDashboard::longMessagesNeverWidenTheWindow()
{
    // A server URL, a store host and so every message about them 2,000 characters long.
    const QString longName = QString(2000, u'x');
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(u"kubeconfig"_s);
    QFile f(kubeconfig);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(u"apiVersion: v1\nkind: Config\ncurrent-context: long\nclusters:\n- name: long\n  cluster:\n    server: https://127.0.0.1:1/%1\n"
            "contexts:\n- name: long\n  context: {cluster: long, user: long, namespace: edge-icell}\nusers:\n- name: long\n  user: {token: t}\n"_s
                .arg(longName).toUtf8());
    f.close();
    auto config = eic::kube::KubeConfig::load({kubeconfig});
    QVERIFY2(config, config ? "" : qPrintable(config.error().message));
    eic::profiles::MemorySecretStore secrets;
    eic::ui::MainWindow window(*config, nullptr, &secrets, {}, {});
    window.resize(1240, 740);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *cell = window.findChild<eic::ui::CellConnection *>();
    QTRY_VERIFY_WITH_TIMEOUT(cell->stateLine().size() > 1000, 15000); // the refusal names the URL
    auto *panel = window.findChild<eic::ui::StoresPanel *>();
    eic::stores::PgConnectOptions db;
    db.host = longName + u".invalid"_s;
    db.dbname = u"eic"_s;
    db.user = u"eic"_s;
    eic::stores::RedisOptions redis;
    redis.host = longName + u".invalid"_s;
    panel->setStores({db, redis}, {});
    QTRY_VERIFY_WITH_TIMEOUT(panel->databaseStatus()->state().reach == StoreState::Reach::Unreachable, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->datastoreStatus()->state().reach == StoreState::Reach::Unreachable, 15000);
    QVERIFY(panel->databaseBox()->reachText().size() > 2000);
    QCoreApplication::processEvents();
    QVERIFY2(window.width() <= 1280, qPrintable(QString::number(window.width())));
    QVERIFY2(window.minimumSizeHint().width() <= 1280, qPrintable(QString::number(window.minimumSizeHint().width())));
    QVERIFY2(window.sizeHint().width() <= 1280, qPrintable(QString::number(window.sizeHint().width())));
    QVERIFY(window.grab().save(shot(u"dashboard-long-message.png"_s)));
    // All of it is one hover away.
    auto *line = window.findChild<QLabel *>(u"connectionLine"_s);
    QVERIFY(line->toolTip().contains(longName));
    QVERIFY(panel->databaseBox()->findChild<QLabel *>(u"reach"_s)->toolTip().contains(longName));
}

void TestDashboard::dashboardWithBothPanels()
{
    REQUIRE_SERVICES();
    if (qEnvironmentVariable("EIC_SIM").isEmpty())
        QSKIP("EIC_SIM (the eic-sim binary) is not set");
    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(u"kubeconfig"_s);
    SimProcess sim;
    QVERIFY(sim.start(kubeconfig));
    writeBackups(dir.path());
    eic::profiles::ProfileStore store(dir.filePath(u"profiles.json"_s));
    eic::profiles::Profile p;
    p.name = u"production"_s;
    p.cell.kubeconfig = kubeconfig;
    p.cell.context = eic::kube::KubeConfig::load({kubeconfig})->currentContext();
    const auto db = testDatabase();
    p.database.host = db.host;
    p.database.port = db.port;
    p.database.database = db.dbname;
    p.database.user = db.user;
    p.database.sslrootcert = db.sslrootcert;
    p.datastore.hosts = {u"127.0.0.1:%1"_s.arg(testRedis().port)};
    p.backupFolder = dir.path();
    QVERIFY(store.add(p));
    const QString id = store.find(u"production"_s)->id;
    eic::profiles::MemorySecretStore secrets;
    secrets.write(eic::profiles::secretKey(id, eic::profiles::SecretKind::DatabasePassword), db.password, &secrets, [](auto) {});
    secrets.write(eic::profiles::secretKey(id, eic::profiles::SecretKind::DatastorePassword), testRedis().password, &secrets, [](auto) {});
    eic::ui::MainWindow window(std::nullopt, &store, &secrets, {}, {});
    window.resize(1240, 780);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *panel = window.findChild<eic::ui::StoresPanel *>();
    QTRY_VERIFY_WITH_TIMEOUT(panel->databaseStatus() && panel->datastoreStatus(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->databaseStatus()->state().reach == StoreState::Reach::Reachable, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->datastoreStatus()->state().reach == StoreState::Reach::Reachable, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(panel->datastoreBox()->text().contains(u"42.0 kB"_s), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(window.findChild<eic::ui::CellConnection *>()->stateLine(), u"live"_s, 15000);
    QTRY_VERIFY_WITH_TIMEOUT(healthColumn(window.componentTable()->model()).filter(u"Healthy"_s).size() >= 8, 10000);
    QVERIFY(window.grab().save(shot(u"dashboard-stores.png"_s)));
}

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
