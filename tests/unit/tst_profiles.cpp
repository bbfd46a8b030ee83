// Profiles: the file (atomic, 0600, versioned; damaged and newer files kept), validation,
// export/import, connection strings, and secrets in the real keyring from scripts/test
// (round trip, never in the file, moved on duplicate, removed on delete), plus the clear
// message when no keychain answers (run by ctest without a D-Bus session).

#include "profiles/ConnectionStrings.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace eic::profiles;

class TestProfiles : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void saveLoadRoundTripIsPrivate();
    void damagedFileIsKeptAside();
    void newerFileIsNotOverwritten();
    void legacyFilesAreMergedOnce();
    void twoStoresOnOneFileLoseNothing();
    void validation_data();
    void validation();
    void exportImportHasNoSecrets();
    void connectionStrings_data();
    void connectionStrings();
    void newStoreAddressKeepsTheRest();
    void keychainRoundTripAndLifecycle();
    void keychainAbsentSaysSoInTime();

private:
    static Profile sample(const QString &name)
    {
        Profile p;
        p.name = name;
        p.cell.kubeconfig = u"/etc/eic/kubeconfig"_s;
        p.cell.context = u"prod"_s;
        p.database.host = u"db.example"_s;
        p.database.database = u"eic"_s;
        p.database.user = u"eic_admin"_s;
        p.datastore.hosts = {u"redis.example:6380"_s};
        p.datastore.tls = true;
        p.backupFolder = u"/var/backups/eic"_s;
        return p;
    }
    template <typename T, typename Start>
    static std::optional<T> await(Start start, int ms = 15000)
    {
        std::optional<T> answer;
        QObject ctx;
        start(&ctx, [&answer](const T &r) { answer = r; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, ms))
            return std::nullopt;
        return answer;
    }
    static bool keyringRequired()
    {
        if (qEnvironmentVariableIsSet("EIC_TEST_KEYRING"))
            return true;
        if (qEnvironmentVariableIntValue("EIC_REQUIRE_SERVICES") == 1)
            qFatal("EIC_TEST_KEYRING unset although EIC_REQUIRE_SERVICES=1");
        return false;
    }
};

void TestProfiles::saveLoadRoundTripIsPrivate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"cfg/profiles.json"_s);
    ProfileStore store(path);
    QVERIFY(store.load());
    QVERIFY(store.add(sample(u"production"_s)));
    QVERIFY(store.add(sample(u"quality"_s)));
    QVERIFY(!store.add(sample(u"quality"_s))); // names are unique
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(path).constData(), &info), 0);
    QCOMPARE(info.st_mode & 0777, 0600u);
    ProfileStore again(path);
    QVERIFY(again.load());
    QCOMPARE(again.profiles().size(), 2);
    const Profile *p = again.find(u"production"_s);
    QVERIFY(p);
    QCOMPARE(p->toJson(), store.find(u"production"_s)->toJson());
    // Rename keeps the id (and so the keychain entries, which are keyed by it).
    Profile renamed = *p;
    renamed.name = u"prod-eu"_s;
    QVERIFY(again.update(renamed));
    QCOMPARE(again.find(u"prod-eu"_s)->id, p->id);
    QVERIFY(!again.find(u"production"_s));
}

void TestProfiles::damagedFileIsKeptAside()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profiles.json"_s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"version\": 1, \"profiles\": [ {\"name\": \"x\"");
    f.close();
    ProfileStore store(path);
    auto loaded = store.load();
    QVERIFY(!loaded);
    QVERIFY(loaded.error().message.contains(u"damaged"_s));
    const QStringList copies = QDir(dir.path()).entryList({u"profiles.json.*.bak"_s});
    QCOMPARE(copies.size(), 1);
    QVERIFY(loaded.error().message.contains(copies.first()));
    QFile copy(dir.filePath(copies.first()));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QCOMPARE(copy.readAll(), QByteArray("{\"version\": 1, \"profiles\": [ {\"name\": \"x\""));
}

void TestProfiles::newerFileIsNotOverwritten()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profiles.json"_s);
    const QByteArray newer = R"({"version": 2, "profiles": [], "somethingNew": true})";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(newer);
    f.close();
    ProfileStore store(path);
    auto loaded = store.load();
    QVERIFY(!loaded);
    QVERIFY(loaded.error().message.contains(u"newer eic-restore"_s));
    QVERIFY(store.readOnly());
    QVERIFY(!store.add(sample(u"x"_s)));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), newer);
}

// The GUI's and eicctl's files of earlier versions both hold "production" (different profiles)
// and one of their own: all four end up in the shared file, eicctl's "production" renamed and
// said so; the old files are kept renamed; loading again moves nothing twice; a damaged old
// file is left where it is.
void TestProfiles::legacyFilesAreMergedOnce()
{
    QTemporaryDir dir;
    const QString gui = dir.filePath(u"eic-restore/profiles.json"_s);
    const QString cli = dir.filePath(u"eicctl/profiles.json"_s);
    const QString damaged = dir.filePath(u"other/profiles.json"_s);
    Profile guiProd = sample(u"production"_s);
    guiProd.id = u"11111111-1111-1111-1111-111111111111"_s;
    Profile guiQa = sample(u"quality"_s);
    guiQa.id = u"22222222-2222-2222-2222-222222222222"_s;
    Profile cliProd = sample(u"production"_s);
    cliProd.id = u"33333333-3333-3333-3333-333333333333"_s;
    cliProd.database.host = u"db2.example"_s;
    Profile cliDev = sample(u"development"_s);
    cliDev.id = u"44444444-4444-4444-4444-444444444444"_s;
    auto writeFile = [](const QString &path, const QByteArray &bytes) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile f(path);
        return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
    };
    QVERIFY(writeFile(gui, ProfileStore::exportJson({guiProd, guiQa})));
    QVERIFY(writeFile(cli, ProfileStore::exportJson({cliProd, cliDev})));
    QVERIFY(writeFile(damaged, "{\"version\": 1, \"profiles\": [ {"));
    const QString shared = dir.filePath(u"profiles.json"_s);

    ProfileStore store(shared, {gui, cli, damaged});
    QVERIFY(store.load());
    QCOMPARE(store.profiles().size(), 4);
    QCOMPARE(store.find(guiProd.id)->name, u"production"_s); // the GUI's keeps its name
    QCOMPARE(store.find(cliProd.id)->name, u"production (from eicctl)"_s);
    QCOMPARE(store.find(cliProd.id)->database.host, u"db2.example"_s);
    QVERIFY(store.find(guiQa.id) && store.find(cliDev.id));
    const QString notes = store.migrationNotes().join(u'\n');
    QVERIFY2(notes.contains(u"\"production\" of eicctl was renamed to \"production (from eicctl)\""_s), qPrintable(notes));
    QVERIFY2(notes.contains(damaged) && notes.contains(u"left as it is"_s), qPrintable(notes));
    QVERIFY(!QFile::exists(gui) && QFile::exists(gui + u".migrated"_s));
    QVERIFY(!QFile::exists(cli) && QFile::exists(cli + u".migrated"_s));
    QVERIFY(QFile::exists(damaged));
    QCOMPARE(QFileInfo(shared).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup), QFileDevice::Permissions());

    // Again, with the old files back (a copy restored by hand): nothing is added twice.
    QVERIFY(QFile::copy(gui + u".migrated"_s, gui));
    QVERIFY(QFile::copy(cli + u".migrated"_s, cli));
    ProfileStore again(shared, {gui, cli});
    QVERIFY(again.load());
    QCOMPARE(again.profiles().size(), 4);
}

// Two programs with the same file open: each change re-reads it under the lock, so the
// second writer keeps the first one's profile.
void TestProfiles::twoStoresOnOneFileLoseNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"profiles.json"_s);
    ProfileStore gui(path);
    ProfileStore cli(path);
    QVERIFY(gui.load());
    QVERIFY(cli.load());
    QVERIFY(gui.add(sample(u"from-gui"_s)));
    QVERIFY(cli.add(sample(u"from-cli"_s))); // its copy did not know from-gui
    QVERIFY(!cli.add(sample(u"from-gui"_s))); // a clash with what the other wrote is seen
    QVERIFY(cli.find(u"from-gui"_s));
    ProfileStore reread(path);
    QVERIFY(reread.load());
    QCOMPARE(reread.profiles().size(), 2);
    Profile renamed = *gui.find(u"from-gui"_s);
    renamed.notes = u"edited in the GUI"_s;
    QVERIFY(gui.update(renamed));
    QVERIFY(cli.remove(cli.find(u"from-cli"_s)->id));
    QVERIFY(reread.load());
    QCOMPARE(reread.profiles().size(), 1);
    QCOMPARE(reread.profiles().first().notes, u"edited in the GUI"_s);
    QVERIFY(!QFile::exists(path + u".lock"_s)); // released
}

void TestProfiles::validation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem"); // empty: valid
    QTest::newRow("valid") << u"-"_s << QString() << QString();
    QTest::newRow("namespace") << u"ns"_s << u"Edge_Icell"_s << u"cell.namespace"_s;
    QTest::newRow("port") << u"port"_s << u"70000"_s << u"database.port"_s;
    QTest::newRow("sslmode") << u"sslmode"_s << u"sometimes"_s << u"database.sslmode"_s;
    QTest::newRow("host:port") << u"hosts"_s << u"redis.example"_s << u"datastore.hosts"_s;
    QTest::newRow("sentinel without master") << u"topology"_s << u"sentinel"_s << u"datastore.masterName"_s;
    QTest::newRow("name") << u"name"_s << u" "_s << u"name"_s;
    QTest::newRow("manual server") << u"server"_s << u"http://insecure"_s << u"cell.server"_s;
}

void TestProfiles::validation()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, problem);
    Profile p = sample(u"x"_s);
    if (field == "ns"_L1)
        p.cell.ns = value;
    else if (field == "port"_L1)
        p.database.port = value.toInt();
    else if (field == "sslmode"_L1)
        p.database.sslmode = value;
    else if (field == "hosts"_L1)
        p.datastore.hosts = {value};
    else if (field == "topology"_L1)
        p.datastore.topology = value;
    else if (field == "name"_L1)
        p.name = value;
    else if (field == "server"_L1) {
        p.cell.mode = CellConnection::Mode::Manual;
        p.cell.server = value;
    }
    const QStringList problems = p.validate();
    if (problem.isEmpty())
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u"; "_s)));
    else
        QVERIFY2(problems.join(u"; "_s).contains(problem), qPrintable(problems.join(u"; "_s)));
}

void TestProfiles::exportImportHasNoSecrets()
{
    const QByteArray json = ProfileStore::exportJson({sample(u"a"_s), sample(u"b"_s)});
    QVERIFY(!json.contains("password"));
    QVERIFY(!json.contains("token"));
    auto imported = ProfileStore::importJson(json);
    QVERIFY(imported);
    QCOMPARE(imported->size(), 2);
    QCOMPARE(imported->at(1).datastore.hosts, QStringList{u"redis.example:6380"_s});
    QVERIFY(!ProfileStore::importJson("[1,2]"));
}

void TestProfiles::connectionStrings_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("database");
    QTest::addColumn<QString>("expect"); // "ERR:..." for a refusal
    QTest::newRow("conninfo") << u"host=db port=5433 dbname=eic user=u sslmode=verify-ca sslrootcert=/ca.pem"_s << true << u"db:5433/eic/u/verify-ca"_s;
    QTest::newRow("uri") << u"postgresql://u@db:5434/eic?sslmode=require"_s << true << u"db:5434/eic/u/require"_s;
    QTest::newRow("password in conninfo") << u"host=db password=hunter2"_s << true << u"ERR:PGPASSWORD"_s;
    QTest::newRow("password in uri") << u"postgresql://u:hunter2@db/eic"_s << true << u"ERR:PGPASSWORD"_s;
    QTest::newRow("redis") << u"redis://backup@cache:6380/2"_s << false << u"cache:6380/backup/2/plain"_s;
    QTest::newRow("rediss") << u"rediss://cache.example"_s << false << u"cache.example:6379//0/tls"_s;
    QTest::newRow("redis password") << u"redis://u:hunter2@cache:6379"_s << false << u"ERR:REDISCLI_AUTH"_s;
    QTest::newRow("not redis") << u"http://cache"_s << false << u"ERR:redis://"_s;
}

void TestProfiles::connectionStrings()
{
    QFETCH(QString, text);
    QFETCH(bool, database);
    QFETCH(QString, expect);
    QString got;
    if (database) {
        auto db = parseDatabaseConninfo(text);
        got = db ? u"%1:%2/%3/%4/%5"_s.arg(db->host).arg(db->port).arg(db->database, db->user, db->sslmode) : u"ERR:"_s + db.error().message;
    } else {
        auto ds = parseDatastoreUrl(text);
        got = ds ? u"%1/%2/%3/%4"_s.arg(ds->hosts.first(), ds->username).arg(ds->database).arg(ds->tls ? u"tls"_s : u"plain"_s)
                 : u"ERR:"_s + ds.error().message;
    }
    if (expect.startsWith(u"ERR:"_s)) {
        QVERIFY2(got.startsWith(u"ERR:"_s) && got.contains(expect.mid(4)), qPrintable(got));
        QVERIFY(!got.contains(u"hunter2"_s)); // the refusal does not repeat the secret
    } else {
        QCOMPARE(got, expect);
    }
}

void TestProfiles::newStoreAddressKeepsTheRest()
{
    // The wizard's new-instance mode points the profile at the new store and nothing else.
    Profile p = sample(u"a"_s);
    p.datastore.caFile = u"/etc/ca.pem"_s;
    auto moved = withStoreAddress(p, u"rediss://cache2:6390/1"_s);
    QVERIFY(moved);
    QCOMPARE(moved->datastore.hosts, QStringList{u"cache2:6390"_s});
    QCOMPARE(moved->datastore.caFile, p.datastore.caFile);
    QCOMPARE(moved->database.host, p.database.host);
    moved = withStoreAddress(p, u"host=db2 port=5440 dbname=eic user=u"_s);
    QVERIFY(moved);
    QCOMPARE(moved->database.host, u"db2"_s);
    QCOMPARE(moved->datastore.hosts, p.datastore.hosts);
    QVERIFY(!withStoreAddress(p, u"redis://u:hunter2@cache:6379"_s));
}

void TestProfiles::keychainRoundTripAndLifecycle()
{
    if (!keyringRequired())
        QSKIP("no keyring session from scripts/test (EIC_TEST_KEYRING unset)");
    QTemporaryDir dir;
    ProfileStore store(dir.filePath(u"profiles.json"_s));
    QVERIFY(store.load());
    QVERIFY(store.add(sample(u"production"_s)));
    const Profile p = *store.find(u"production"_s);
    const QString secret = u"db-secret-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    KeychainSecretStore keychain(5000);
    auto written = await<eic::Result<bool>>([&](QObject *c, auto cb) { keychain.write(secretKey(p.id, SecretKind::DatabasePassword), secret, c, cb); });
    QVERIFY(written && written->ok());
    auto read = await<eic::Result<QString>>([&](QObject *c, auto cb) { keychain.read(secretKey(p.id, SecretKind::DatabasePassword), c, cb); });
    QVERIFY(read && read->ok());
    QCOMPARE(read->value(), secret);
    // A rename keeps the id, so the secret is still the profile's.
    Profile renamed = p;
    renamed.name = u"production-eu"_s;
    QVERIFY(store.update(renamed));
    auto afterRename = await<eic::Result<QString>>([&](QObject *c, auto cb) {
        keychain.read(secretKey(store.find(u"production-eu"_s)->id, SecretKind::DatabasePassword), c, cb);
    });
    QVERIFY(afterRename && afterRename->ok() && afterRename->value() == secret);
    // Never in the file on disk.
    QFile f(store.path());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains(secret.toUtf8()));
    // A duplicate gets its own copy of the secrets under its new id.
    Profile copy = p;
    copy.id.clear();
    copy.name = u"production-copy"_s;
    QVERIFY(store.add(copy));
    const QString copyId = store.find(u"production-copy"_s)->id;
    QVERIFY(copyId != p.id);
    auto copied = await<eic::Result<bool>>([&](QObject *c, auto cb) { copyProfileSecrets(keychain, p.id, copyId, c, cb); });
    QVERIFY(copied && copied->ok());
    auto fromCopy = await<eic::Result<QString>>([&](QObject *c, auto cb) { keychain.read(secretKey(copyId, SecretKind::DatabasePassword), c, cb); });
    QVERIFY(fromCopy && fromCopy->ok() && fromCopy->value() == secret);
    // Deleting a profile removes its secrets.
    auto removed = await<eic::Result<bool>>([&](QObject *c, auto cb) { removeProfileSecrets(keychain, p.id, c, cb); });
    QVERIFY(removed && removed->ok());
    auto gone = await<eic::Result<QString>>([&](QObject *c, auto cb) { keychain.read(secretKey(p.id, SecretKind::DatabasePassword), c, cb); });
    QVERIFY(gone && !gone->ok());
    QCOMPARE(gone->error().code, static_cast<int>(SecretStore::NotFound));
    auto stillThere = await<eic::Result<QString>>([&](QObject *c, auto cb) { keychain.read(secretKey(copyId, SecretKind::DatabasePassword), c, cb); });
    QVERIFY(stillThere && stillThere->ok());
    await<eic::Result<bool>>([&](QObject *c, auto cb) { removeProfileSecrets(keychain, copyId, c, cb); });
}

void TestProfiles::keychainAbsentSaysSoInTime()
{
    if (qEnvironmentVariableIntValue("EIC_EXPECT_NO_KEYCHAIN") != 1)
        QSKIP("runs as its own ctest case, without a D-Bus session");
    QVERIFY(!qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"));
    KeychainSecretStore keychain(2000);
    QElapsedTimer clock;
    clock.start();
    auto read = await<eic::Result<QString>>([&](QObject *c, auto cb) { keychain.read(u"any/database-password"_s, c, cb); }, 10000);
    QVERIFY2(read.has_value(), "no answer at all: the keychain job hung");
    QVERIFY(clock.elapsed() < 4000);
    QVERIFY(!read->ok());
    QVERIFY2(read->error().code == static_cast<int>(SecretStore::Unavailable), qPrintable(read->error().toString()));
    QVERIFY2(read->error().message.contains(u"keychain"_s) && read->error().message.contains(u"this session only"_s),
             qPrintable(read->error().message));
}

QTEST_MAIN(TestProfiles)
#include "tst_profiles.moc"
