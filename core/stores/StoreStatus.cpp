#include "StoreStatus.h"

#include "stores/redis/RedisInspection.h"
#include "stores/redis/RedisTopology.h"
#include "util/Background.h"

#include <QCoreApplication>
#include <QMap>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(StoreStatus)
};

// Groups (name, host, count) rows by name, largest first.
QList<ClientGroup> byName(const QList<std::tuple<QString, QString, int>> &rows)
{
    QMap<QString, ClientGroup> groups;
    for (const auto &[name, host, count] : rows) {
        ClientGroup &g = groups[name];
        g.name = name;
        g.count += count;
        if (!g.hosts.contains(host))
            g.hosts.append(host);
    }
    QList<ClientGroup> out = groups.values();
    std::stable_sort(out.begin(), out.end(), [](const ClientGroup &a, const ClientGroup &b) { return a.count > b.count; });
    return out;
}

// The database through one PgSession kept open.
class PgStatus : public StoreStatus {
public:
    PgStatus(const PgConnectOptions &options, const QString &folder)
        : StoreStatus(options.service.isEmpty() ? u"%1:%2/%3"_s.arg(options.host).arg(options.port).arg(options.dbname)
                                                : u"service %1"_s.arg(options.service),
                      folder, BackupEntry::Kind::Database)
        , m_options(options)
    {
        m_options.connectTimeoutSeconds = qMin(m_options.connectTimeoutSeconds, kAnswerTimeoutMs / 1000 - 2);
    }
    ~PgStatus() override { drop(); }

    QString word() const override { return Tr::tr("database"); }

    void ask(std::function<void(const Result<StoreState> &)> done) override
    {
        if (m_session && m_session->isOpen())
            return query(done);
        drop();
        m_session = new PgSession(this);
        noteOpened();
        m_session->open(m_options, [this, done](const Result<bool> &opened) {
            if (!opened)
                return done(opened.error());
            query(done);
        });
    }

    void drop() override
    {
        if (m_session) {
            m_session->close();
            m_session->deleteLater();
            m_session = nullptr;
        }
    }

    bool isCredentialError(const Error &error) const override
    {
        const QString all = error.message + u' ' + error.detail;
        return all.contains("password authentication failed"_L1) || all.contains("no password supplied"_L1)
            || all.contains("authentication failed"_L1);
    }

private:
    void query(std::function<void(const Result<StoreState> &)> done)
    {
        auto state = std::make_shared<StoreState>();
        auto firstError = std::make_shared<std::optional<Error>>();
        m_session->query(u"SELECT current_setting('server_version'), pg_is_in_recovery(), pg_database_size(current_database()), "
                         "current_setting('archive_mode'), pg_backend_pid()"_s,
                         [state, firstError](const Result<PgResult> &r) {
                             if (!r)
                                 return void(*firstError = r.error());
                             const QStringList row = r->rows.value(0);
                             state->version = Tr::tr("PostgreSQL %1").arg(row.value(0).section(u' ', 0, 0));
                             const bool recovery = row.value(1) == "t"_L1;
                             state->role = recovery ? Tr::tr("standby (in recovery)") : Tr::tr("primary");
                             state->acceptsWrites = !recovery;
                             state->bytes = row.value(2).toLongLong();
                             state->walArchiving = row.value(3);
                             state->backendId = row.value(4).toLongLong();
                         });
        m_session->query(u"SELECT coalesce(application_name, ''), coalesce(host(client_addr), 'local socket'), count(*) "
                         "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                         "AND backend_type = 'client backend' GROUP BY 1, 2"_s,
                         [state, firstError, done](const Result<PgResult> &r) {
                             if (*firstError)
                                 return done(**firstError);
                             if (!r)
                                 return done(r.error());
                             QList<std::tuple<QString, QString, int>> rows;
                             for (const QStringList &row : r->rows)
                                 rows.append({row.value(0), row.value(1), row.value(2).toInt()});
                             state->sessions = byName(rows);
                             state->sessionsListed = true;
                             done(*state);
                         });
    }

    PgConnectOptions m_options;
    PgSession *m_session = nullptr;
};

// The data store (its master, for a sentinel or a cluster the first one) through one
// RedisConnection kept open.
class RedisStatus : public StoreStatus {
public:
    RedisStatus(const RedisOptions &options, const QString &folder)
        : StoreStatus(u"%1:%2/%3"_s.arg(options.host).arg(options.port).arg(options.database), folder, BackupEntry::Kind::Datastore)
        , m_seed(options)
    {
        m_seed.timeoutMs = qMin(m_seed.timeoutMs, kAnswerTimeoutMs - 2000);
    }
    ~RedisStatus() override { drop(); }

    QString word() const override { return Tr::tr("data store"); }

    void ask(std::function<void(const Result<StoreState> &)> done) override
    {
        if (m_conn && m_conn->isOpen())
            return query(done);
        drop();
        const quint64 attempt = ++m_attempt;
        noteOpened();
        resolveRedisMasters(m_seed, this, [this, attempt, done](const Result<QList<RedisNode>> &masters) {
            if (attempt != m_attempt)
                return;
            if (!masters)
                return done(masters.error());
            m_conn = new RedisConnection(this);
            m_conn->open(masters->first().options, [this, attempt, done](const Result<bool> &opened) {
                if (attempt != m_attempt)
                    return;
                if (!opened)
                    return done(opened.error());
                // Named as every connection of ours: a restore's session check passes it over.
                m_conn->command({"CLIENT", "SETNAME", "eic-restore"}, [](const Result<RedisReply> &) {});
                query(done);
            });
        });
    }

    void drop() override
    {
        ++m_attempt;
        if (m_conn) {
            m_conn->close();
            m_conn->deleteLater();
            m_conn = nullptr;
        }
    }

    bool isCredentialError(const Error &error) const override
    {
        const QString all = error.message + u' ' + error.detail;
        return all.contains("WRONGPASS"_L1) || all.contains("NOAUTH"_L1) || all.contains("invalid password"_L1)
            || all.contains("invalid username-password"_L1);
    }

private:
    void query(std::function<void(const Result<StoreState> &)> done)
    {
        m_conn->batch({{"INFO"}, {"CLIENT", "LIST"}, {"CLIENT", "ID"}}, [done](const Result<QList<RedisReply>> &replies) {
            if (!replies)
                return done(replies.error());
            const RedisReply &info = replies->at(0);
            if (info.isError())
                return done(Error{Tr::tr("The data store refused INFO: %1").arg(QString::fromUtf8(info.str)), {}, 0});
            const RedisInspection i = parseRedisInfo(info.str, QDateTime::currentSecsSinceEpoch());
            StoreState state;
            state.version = (i.product == "valkey"_L1 ? Tr::tr("Valkey %1") : Tr::tr("Redis %1")).arg(i.version);
            state.role = i.role;
            state.loading = i.loading;
            state.acceptsWrites = i.role == "master"_L1 && !i.loading;
            state.bytes = static_cast<qint64>(i.usedMemory);
            state.keys = static_cast<qint64>(i.totalKeys());
            state.aofEnabled = i.aofEnabled;
            state.lastSaveAgeSeconds = static_cast<qint64>(i.snapshotAgeSeconds);
            state.backendId = replies->at(2).integer;
            const RedisReply &list = replies->at(1);
            state.sessionsListed = !list.isError();
            if (state.sessionsListed) {
                const QByteArray self = "id=" + QByteArray::number(state.backendId) + ' ';
                QByteArray others;
                for (const QByteArray &line : list.str.split('\n'))
                    if (!line.startsWith(self) && !line.contains(" flags=S")) // nor a replica's link
                        others += line + '\n';
                QList<std::tuple<QString, QString, int>> rows;
                for (const RedisClientGroup &g : groupRedisClients(others))
                    rows.append({g.name, g.host, g.count});
                state.sessions = byName(rows);
            }
            done(state);
        });
    }

    RedisOptions m_seed;
    RedisConnection *m_conn = nullptr;
    quint64 m_attempt = 0;
};

} // namespace

int StoreState::sessionCount() const
{
    int n = 0;
    for (const ClientGroup &g : sessions)
        n += g.count;
    return n;
}

std::unique_ptr<StoreStatus> StoreStatus::database(const PgConnectOptions &options, const QString &backupFolder)
{
    return std::make_unique<PgStatus>(options, backupFolder);
}

std::unique_ptr<StoreStatus> StoreStatus::datastore(const RedisOptions &options, const QString &backupFolder)
{
    return std::make_unique<RedisStatus>(options, backupFolder);
}

StoreStatus::StoreStatus(QString address, QString backupFolder, BackupEntry::Kind kind)
    : m_backupFolder(std::move(backupFolder))
    , m_kind(kind)
{
    m_state.address = std::move(address);
    m_state.backup.folderSet = !m_backupFolder.isEmpty();
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &StoreStatus::tick);
    // A restore must not meet our session in its database: while pauseWhile() says so, the
    // connection is closed within a second and nothing is asked.
    m_pauseCheck.setInterval(1000);
    connect(&m_pauseCheck, &QTimer::timeout, this, [this] {
        const bool pause = m_pauseWhile && m_pauseWhile();
        if (pause == m_state.paused)
            return;
        m_state.paused = pause;
        if (pause) {
            m_timer.stop();
            m_timeout.stop();
            ++m_generation;
            m_inFlight = false;
            drop();
            Q_EMIT changed();
        } else {
            Q_EMIT changed();
            tick();
        }
    });
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        // A store that hangs: give the connection up; the next refresh opens one again.
        ++m_generation;
        m_inFlight = false;
        drop();
        answered(Error{Tr::tr("The %1 at %2 did not answer within %3 s.").arg(word(), m_state.address).arg(kAnswerTimeoutMs / 1000), {}, 0});
    });
}

StoreStatus::~StoreStatus() = default;

void StoreStatus::start(int intervalMs)
{
    m_timer.setInterval(intervalMs);
    m_pauseCheck.start();
    tick();
}

void StoreStatus::stop()
{
    m_pauseCheck.stop();
    m_timer.stop();
    m_timeout.stop();
    ++m_generation;
    m_inFlight = false;
    drop();
}

void StoreStatus::setVerificationLookup(VerificationLookup lookup)
{
    m_lookup = std::move(lookup);
}

void StoreStatus::setPauseWhile(std::function<bool()> pause)
{
    m_pauseWhile = std::move(pause);
}

void StoreStatus::refresh()
{
    if (m_inFlight || m_state.paused)
        return;
    m_state.credentialsRefused = false;
    tick();
}

void StoreStatus::tick()
{
    readBackup();
    if (m_state.paused)
        return;
    if (m_inFlight || m_state.credentialsRefused) {
        // A refused password is not tried again by itself: every try is a failed login in the
        // server's log (and may lock the account).
        if (m_state.credentialsRefused && m_timer.interval() > 0)
            m_timer.start();
        return;
    }
    m_inFlight = true;
    const quint64 generation = ++m_generation;
    m_timeout.start(kAnswerTimeoutMs);
    ask([this, generation](const Result<StoreState> &r) {
        if (generation != m_generation)
            return;
        m_timeout.stop();
        m_inFlight = false;
        answered(r);
    });
}

void StoreStatus::answered(const Result<StoreState> &r)
{
    const LastBackup backup = m_state.backup;
    const QString address = m_state.address;
    const bool paused = m_state.paused;
    if (r) {
        m_state = *r;
        m_state.reach = StoreState::Reach::Reachable;
        m_state.answeredAt = QDateTime::currentDateTimeUtc();
        ++m_refreshes;
    } else {
        if (m_state.reach != StoreState::Reach::Unreachable || m_state.error != r.error().message)
            spdlog::warn("{} status: {}", word().toStdString(), r.error().toString().toStdString());
        // The figures of the last answer stay, marked by answeredAt; the reach says it is gone.
        m_state.reach = StoreState::Reach::Unreachable;
        m_state.error = r.error().message;
        m_state.credentialsRefused = isCredentialError(r.error());
        drop();
    }
    m_state.address = address;
    m_state.backup = backup;
    m_state.paused = paused;
    if (m_timer.interval() > 0)
        m_timer.start();
    Q_EMIT changed();
}

void StoreStatus::readBackup()
{
    if (m_backupFolder.isEmpty() || m_backupInFlight)
        return;
    m_backupInFlight = true;
    const QString folder = m_backupFolder;
    const BackupEntry::Kind kind = m_kind;
    // A folder on a network share may be slow: listed off the GUI thread.
    runInBackground<std::optional<BackupEntry>>(this, [folder, kind] { return BackupCatalogue::newest(folder, kind); },
                                                [this](std::optional<BackupEntry> newest) {
        m_backupInFlight = false;
        LastBackup b;
        b.folderSet = true;
        b.entry = newest;
        if (newest && m_lookup)
            b.verdict = m_lookup(*newest);
        const bool same = b.entry.has_value() == m_state.backup.entry.has_value()
            && (!b.entry || (b.entry->path == m_state.backup.entry->path && b.entry->bytes == m_state.backup.entry->bytes))
            && b.verdict.outcome == m_state.backup.verdict.outcome && b.verdict.sentence == m_state.backup.verdict.sentence;
        m_state.backup = b;
        if (!same)
            Q_EMIT changed();
    });
}

} // namespace eic::stores
