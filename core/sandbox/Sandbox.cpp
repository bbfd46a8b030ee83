#include "Sandbox.h"

#include "SandboxDirectory.h"
#include "kube/KubeConfig.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"
#include "stores/redis/RedisInspection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <spdlog/spdlog.h>

#include <pwd.h>
#include <signal.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::sandbox {

namespace {

// Texts of this file, in the translation context "Sandbox" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Sandbox)
};

QString randomSecret()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

int freePort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort();
}

// Splits a line of sample.redis: spaces separate, 'single quotes' keep spaces and double quotes.
QList<QByteArray> redisWords(const QByteArray &line)
{
    QList<QByteArray> words;
    QByteArray word;
    bool quoted = false, inWord = false;
    for (char c : line) {
        if (c == '\'') {
            quoted = !quoted;
            inWord = true;
        } else if (c == ' ' && !quoted) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
        } else {
            word.append(c);
            inWord = true;
        }
    }
    if (inWord)
        words.append(word);
    return words;
}

// The sandbox's PostgreSQL, database `dbname`, as its superuser (loopback, no TLS).
stores::PgConnectOptions pgOptions(const SandboxInfo &info, const QString &dbname)
{
    stores::PgConnectOptions o;
    o.host = u"127.0.0.1"_s;
    o.port = info.pgPort;
    o.dbname = dbname;
    o.user = info.pgUser;
    o.password = info.pgPassword;
    o.sslmode = u"disable"_s;
    return o;
}

QString newestPgBin()
{
    QDir root(u"/usr/lib/postgresql"_s);
    QStringList versions = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    std::sort(versions.begin(), versions.end(), [](const QString &a, const QString &b) { return a.toInt() > b.toInt(); });
    for (const QString &v : versions) {
        const QString bin = root.filePath(v + u"/bin"_s);
        if (QFileInfo(bin + u"/initdb"_s).isExecutable() && QFileInfo(bin + u"/postgres"_s).isExecutable())
            return bin;
    }
    return {};
}

} // namespace

QString SandboxInfo::databaseConninfo() const
{
    return u"host=127.0.0.1 port=%1 dbname=%2 user=%3 sslmode=disable"_s.arg(pgPort).arg(pgDatabase, pgUser);
}

QString SandboxInfo::datastoreUrl() const
{
    return u"redis://127.0.0.1:%1"_s.arg(redisPort);
}

profiles::Profile SandboxInfo::profile() const
{
    profiles::Profile p;
    p.id = u"sandbox"_s;
    p.name = Tr::tr("Sandbox");
    p.cell.mode = profiles::CellConnection::Mode::Kubeconfig;
    p.cell.kubeconfig = kubeconfig;
    p.cell.context = context;
    p.cell.ns = u"edge-icell"_s;
    p.database.host = u"127.0.0.1"_s;
    p.database.port = pgPort;
    p.database.database = pgDatabase;
    p.database.user = pgUser;
    p.database.sslmode = u"disable"_s;
    p.datastore.hosts = {u"127.0.0.1:%1"_s.arg(redisPort)};
    p.backupFolder = backupFolder();
    p.notes = Tr::tr("Throwaway sandbox in %1; removed when the sandbox stops.").arg(dir);
    return p;
}

Sandbox::Sandbox(SandboxOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

Sandbox::~Sandbox()
{
    if (m_state == State::Starting || m_state == State::Running)
        stop();
}

void Sandbox::next(std::function<void()> step)
{
    QMetaObject::invokeMethod(this, [this, step = std::move(step)] {
        if (m_state == State::Starting)
            step();
    }, Qt::QueuedConnection);
}

void Sandbox::fail(Error error)
{
    if (m_state != State::Starting)
        return;
    spdlog::error("sandbox: {}", error.toString().toStdString());
    m_services.stopAll(this);
    removeDir();
    m_state = State::Failed;
    Q_EMIT failed(error);
}

Error Sandbox::serviceError(const QString &what, const QString &name) const
{
    return Error{what, m_services.logTail(name), 0};
}

void Sandbox::start()
{
    if (m_state == State::Starting || m_state == State::Running)
        return;
    SandboxDirectory::removeAbandoned();
    m_state = State::Starting;
    m_deadline = QDateTime::currentMSecsSinceEpoch() + m_options.timeoutMs;
    if (auto prepared = prepare(); !prepared) {
        fail(prepared.error());
        return;
    }
    next([this] { initDatabase(); });
}

Result<bool> Sandbox::prepare()
{
    m_pgBin = m_options.pgBinDir.isEmpty() ? newestPgBin() : m_options.pgBinDir;
    if (m_pgBin.isEmpty() || !QFileInfo(m_pgBin + u"/initdb"_s).isExecutable())
        return Error{Tr::tr("The sandbox needs the PostgreSQL server programs (initdb, postgres) under /usr/lib/postgresql/N/bin; "
                        "install the package postgresql."), m_pgBin, 0};
    m_redisServer = m_options.redisServer.isEmpty() ? QStandardPaths::findExecutable(u"redis-server"_s) : m_options.redisServer;
    if (m_redisServer.isEmpty())
        return Error{Tr::tr("The sandbox needs redis-server; install the package redis-server (or valkey-server)."), {}, 0};
    m_simProgram = m_options.simProgram.isEmpty() ? qEnvironmentVariable("EIC_SIM") : m_options.simProgram;
    if (m_simProgram.isEmpty()) {
        const QString besides = QCoreApplication::applicationDirPath() + u"/eic-sim"_s;
        m_simProgram = QFileInfo(besides).isExecutable() ? besides : QStandardPaths::findExecutable(u"eic-sim"_s);
    }
    if (m_simProgram.isEmpty())
        return Error{Tr::tr("The sandbox needs eic-sim, the simulated cell; it is installed with eic-restore, next to eic-restore or on PATH."), {}, 0};

    auto dir = SandboxDirectory::create(m_options.dir);
    if (!dir)
        return dir.error();
    m_createdDir = true;
    m_info.dir = *dir;
    m_services.setDirectory(m_info.dir);
    if (auto prepared = SandboxDirectory::prepareStores(m_info); !prepared)
        return prepared;
    m_info.pgPassword = randomSecret();
    m_info.redisPassword = randomSecret();
    spdlog::info("sandbox: starting in {}", m_info.dir.toStdString());
    return true;
}

void Sandbox::initDatabase()
{
    Q_EMIT progress(Tr::tr("Creating the PostgreSQL database…"));
    const QString pwfile = m_info.dir + u"/pg/pwfile"_s;
    if (!SandboxDirectory::writePrivate(pwfile, m_info.pgPassword.toUtf8())) {
        fail(Error{Tr::tr("Cannot write in the sandbox directory %1.").arg(m_info.dir), {}, 0});
        return;
    }
    if (::geteuid() == 0) {
        const passwd *pw = ::getpwnam("postgres");
        if (::chown(QFile::encodeName(pwfile).constData(), pw->pw_uid, pw->pw_gid) != 0) {
            fail(Error{Tr::tr("Cannot give %1 to the user postgres.").arg(pwfile), {}, 0});
            return;
        }
    }
    QProcess *initdb = m_services.spawn(u"initdb"_s, m_pgBin + u"/initdb"_s,
                             {u"-D"_s, m_info.dir + u"/pg/data"_s, u"-U"_s, m_info.pgUser, u"--pwfile="_s + pwfile,
                              u"-A"_s, u"scram-sha-256"_s, u"-E"_s, u"UTF8"_s, u"--no-locale"_s, u"--no-sync"_s},
                             true, SIGTERM);
    connect(initdb, &QProcess::finished, this, [this, initdb, pwfile](int code, QProcess::ExitStatus status) {
        QFile::remove(pwfile);
        if (status != QProcess::NormalExit || code != 0) {
            fail(serviceError(Tr::tr("initdb could not create the sandbox's database cluster (exit %1).").arg(code), u"initdb"_s));
            return;
        }
        // initdb has finished its work; forget the process object.
        m_services.forget(initdb);
        next([this] { startPostgres(1); });
    });
    connect(initdb, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(Error{Tr::tr("Cannot start %1/initdb.").arg(m_pgBin), {}, 0});
    });
}

void Sandbox::startPostgres(int attempt)
{
    Q_EMIT progress(Tr::tr("Starting PostgreSQL…"));
    m_info.pgPort = freePort();
    m_services.spawn(u"postgres"_s, m_pgBin + u"/postgres"_s,
          {u"-D"_s, m_info.dir + u"/pg/data"_s, u"-p"_s, QString::number(m_info.pgPort), u"-k"_s, m_info.dir + u"/pg"_s,
           u"-c"_s, u"listen_addresses=127.0.0.1"_s, u"-c"_s, u"fsync=off"_s, u"-c"_s, u"max_connections=40"_s},
          true, SIGINT /* fast shutdown */);
    waitForPostgres(attempt);
}

bool Sandbox::stillStarting(const QString &name, const QString &label, int attempt, void (Sandbox::*restart)(int))
{
    if (m_services.newest()->state() == QProcess::NotRunning) {
        // Another program took the port between our check and the server's bind: once more.
        if (attempt < 3 && m_services.logTail(name).contains("already in use"_L1)) {
            m_services.dropNewest();
            (this->*restart)(attempt + 1);
            return false;
        }
        fail(serviceError(Tr::tr("%1 stopped while starting.").arg(label), name));
        return false;
    }
    if (QDateTime::currentMSecsSinceEpoch() > m_deadline) {
        fail(serviceError(Tr::tr("%1 did not answer within %2 s.").arg(label).arg(m_options.timeoutMs / 1000), name));
        return false;
    }
    return true;
}

void Sandbox::waitForPostgres(int attempt)
{
    if (!stillStarting(u"postgres"_s, u"PostgreSQL"_s, attempt, &Sandbox::startPostgres))
        return;
    // The server says "ready" in its postmaster.pid once it accepts connections: no attempt
    // (and no "connection refused" in the log) before that.
    QFile pidFile(m_info.dir + u"/pg/data/postmaster.pid"_s);
    if (!pidFile.open(QIODevice::ReadOnly) || pidFile.readAll().trimmed().split('\n').last().trimmed() != "ready") {
        QTimer::singleShot(50, this, [this, attempt] {
            if (m_state == State::Starting)
                waitForPostgres(attempt);
        });
        return;
    }
    auto *session = new stores::PgSession(this);
    stores::PgConnectOptions o = pgOptions(m_info, u"postgres"_s);
    o.connectTimeoutSeconds = 2;
    session->open(o, [this, session, attempt](const Result<bool> &opened) {
        if (m_state != State::Starting || !opened)
            session->deleteLater();
        if (m_state != State::Starting)
            return;
        if (!opened) {
            QTimer::singleShot(100, this, [this, attempt] {
                if (m_state == State::Starting)
                    waitForPostgres(attempt);
            });
            return;
        }
        const int v = session->serverVersion();
        m_info.pgVersion = u"%1.%2"_s.arg(v / 10000).arg(v % 10000);
        next([this, session] { loadDatabase(session); });
    });
}

void Sandbox::loadDatabase(stores::PgSession *admin)
{
    // `admin`: the session that found the server ready (database postgres); the sample data
    // goes into a database of its own.
    Q_EMIT progress(Tr::tr("Loading sample data into PostgreSQL…"));
    QFile sql(u":/eic/sandbox/sample.sql"_s);
    sql.open(QIODevice::ReadOnly);
    const QString script = QString::fromUtf8(sql.readAll());
    admin->query(u"CREATE DATABASE %1 OWNER %2"_s.arg(m_info.pgDatabase, m_info.pgUser), [this, admin, script](const Result<stores::PgResult> &created) {
        admin->deleteLater();
        if (!created) {
            fail(Error{Tr::tr("Cannot create the sandbox's database."), created.error().toString(), 0});
            return;
        }
        auto *db = new stores::PgSession(this);
        db->open(pgOptions(m_info, m_info.pgDatabase), [this, db, script](const Result<bool> &opened) {
            if (!opened) {
                db->deleteLater();
                fail(Error{Tr::tr("Cannot connect to the sandbox's database."), opened.error().toString(), 0});
                return;
            }
            db->query(script, [this, db](const Result<stores::PgResult> &loaded) {
                db->deleteLater();
                if (!loaded) {
                    fail(Error{Tr::tr("Loading the sample data into PostgreSQL failed."), loaded.error().toString(), 0});
                    return;
                }
                next([this] { startRedis(1); });
            });
        });
    });
}

void Sandbox::startRedis(int attempt)
{
    Q_EMIT progress(Tr::tr("Starting Redis…"));
    m_info.redisPort = freePort();
    const QString conf = m_info.dir + u"/redis/redis.conf"_s;
    const QByteArray text = "bind 127.0.0.1\nprotected-mode yes\nport " + QByteArray::number(m_info.redisPort)
                          + "\nrequirepass " + m_info.redisPassword.toUtf8() + "\ndir " + QFile::encodeName(m_info.dir + u"/redis"_s)
                          + "\nsave \"\"\nappendonly no\ndaemonize no\nlogfile \"\"\n";
    if (!SandboxDirectory::writePrivate(conf, text)) {
        fail(Error{Tr::tr("Cannot write in the sandbox directory %1.").arg(m_info.dir), {}, 0});
        return;
    }
    m_services.spawn(u"redis"_s, m_redisServer, {conf}, false, SIGTERM);
    waitForRedis(attempt);
}

void Sandbox::waitForRedis(int attempt)
{
    if (!stillStarting(u"redis"_s, u"Redis"_s, attempt, &Sandbox::startRedis))
        return;
    // A bare TCP probe first, so that the log shows no "connection refused" while Redis starts.
    auto *probe = new QTcpSocket(this);
    connect(probe, &QTcpSocket::connected, this, [this, probe, attempt] {
        probe->abort();
        probe->deleteLater();
        if (m_state == State::Starting)
            loadRedis(attempt);
    });
    connect(probe, &QTcpSocket::errorOccurred, this, [this, probe, attempt] {
        probe->deleteLater();
        QTimer::singleShot(50, this, [this, attempt] {
            if (m_state == State::Starting)
                waitForRedis(attempt);
        });
    });
    probe->connectToHost(QHostAddress::LocalHost, quint16(m_info.redisPort));
}

void Sandbox::loadRedis(int attempt)
{
    auto *connection = new stores::RedisConnection(this);
    stores::RedisOptions o;
    o.port = m_info.redisPort;
    o.password = m_info.redisPassword;
    o.timeoutMs = 2000;
    connection->open(o, [this, connection, attempt](const Result<bool> &opened) {
        if (m_state != State::Starting) {
            connection->deleteLater();
            return;
        }
        if (!opened) {
            connection->deleteLater();
            QTimer::singleShot(100, this, [this, attempt] {
                if (m_state == State::Starting)
                    waitForRedis(attempt);
            });
            return;
        }
        Q_EMIT progress(Tr::tr("Loading sample data into Redis…"));
        QFile file(u":/eic/sandbox/sample.redis"_s);
        file.open(QIODevice::ReadOnly);
        QList<QList<QByteArray>> commands{{"INFO", "server"}};
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (!line.trimmed().isEmpty() && !line.startsWith('#'))
                commands.append(redisWords(line.trimmed()));
        }
        connection->batch(commands, [this, connection](const Result<QList<stores::RedisReply>> &replies) {
            connection->deleteLater();
            if (!replies) {
                fail(Error{Tr::tr("Loading the sample data into Redis failed."), replies.error().toString(), 0});
                return;
            }
            for (const auto &reply : *replies) {
                if (reply.isError()) {
                    fail(Error{Tr::tr("Loading the sample data into Redis failed."), QString::fromUtf8(reply.str), 0});
                    return;
                }
            }
            m_info.redisVersion = stores::parseRedisInfo(replies->first().str, 0).version;
            next([this] { startSim(); });
        });
    });
}

void Sandbox::startSim()
{
    Q_EMIT progress(Tr::tr("Starting the simulated cell…"));
    m_info.kubeconfig = m_info.dir + u"/kubeconfig"_s;
    QProcess *sim = m_services.spawn(u"sim"_s, m_simProgram, {u"--listen"_s, u"127.0.0.1:0"_s, u"--kubeconfig-out"_s, m_info.kubeconfig}, false, SIGTERM);
    connect(sim, &QProcess::readyReadStandardOutput, this, [this, sim] {
        while (sim->canReadLine()) {
            const QString line = QString::fromUtf8(sim->readLine()).trimmed();
            if (line.startsWith("eic-sim ready "_L1) && m_info.apiServer.isEmpty()) {
                m_info.apiServer = line.section(u' ', 2, 2);
                next([this] { finish(); });
            }
        }
    });
    connect(sim, &QProcess::finished, this, [this] {
        if (m_state == State::Starting)
            fail(serviceError(Tr::tr("The simulated cell (eic-sim) stopped while starting."), u"sim"_s));
    });
    connect(sim, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            fail(Error{Tr::tr("Cannot start the simulated cell %1.").arg(m_simProgram), {}, 0});
    });
    auto *timeout = new QTimer(sim);
    timeout->setSingleShot(true);
    connect(timeout, &QTimer::timeout, this, [this] {
        if (m_state == State::Starting && m_info.apiServer.isEmpty())
            fail(serviceError(Tr::tr("The simulated cell (eic-sim) did not start within %1 s.").arg(m_options.timeoutMs / 1000), u"sim"_s));
    });
    timeout->start(int(std::max<qint64>(1000, m_deadline - QDateTime::currentMSecsSinceEpoch())));
}

void Sandbox::finish()
{
    auto config = kube::KubeConfig::load({m_info.kubeconfig});
    if (!config) {
        fail(Error{Tr::tr("The simulated cell wrote no usable kubeconfig."), config.error().toString(), 0});
        return;
    }
    m_info.context = config->currentContext();
    if (auto written = SandboxDirectory::writeDescription(m_info); !written) {
        fail(written.error());
        return;
    }
    m_state = State::Running;
    spdlog::info("sandbox: ready in {} (cell {}, PostgreSQL {} on port {}, Redis {} on port {})", m_info.dir.toStdString(),
                 m_info.apiServer.toStdString(), m_info.pgVersion.toStdString(), m_info.pgPort, m_info.redisVersion.toStdString(),
                 m_info.redisPort);
    Q_EMIT ready();
}

bool Sandbox::removeDir()
{
    return m_createdDir && SandboxDirectory::remove(m_info.dir);
}

void Sandbox::stop()
{
    if (m_state == State::Idle || m_state == State::Stopping)
        return;
    const State was = m_state;
    m_state = State::Stopping;
    m_services.stopAll(this);
    if (removeDir())
        spdlog::info("sandbox: stopped, {} removed", m_info.dir.toStdString());
    m_state = State::Idle;
    if (was != State::Failed)
        Q_EMIT stopped();
}

} // namespace eic::sandbox
