#pragma once

#include "Error.h"
#include "stores/BackupCatalogue.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace eic::stores {

// The newest backup of a store in the profile's folder, and whether it was verified. Three
// outcomes: a backup nobody verified is NotChecked, never shown as good.
struct BackupVerdict {
    enum class Outcome { Passed, Failed, NotChecked };
    Outcome outcome = Outcome::NotChecked;
    QString sentence; // what failed, or when it was verified
};

struct LastBackup {
    bool folderSet = false;
    std::optional<BackupEntry> entry; // none: no backup in the folder
    BackupVerdict verdict;
};

// Clients of the store with one name (application_name, CLIENT SETNAME), from some hosts.
struct ClientGroup {
    QString name;
    QStringList hosts;
    int count = 0;
};

// What the dashboard shows of a store: one answer of the server, and the last backup.
struct StoreState {
    enum class Reach { NotYet, Reachable, Unreachable };
    Reach reach = Reach::NotYet;
    QString address; // host:port/db
    QString error;   // why unreachable: the server's or the network's sentence
    bool credentialsRefused = false; // a wrong saved password: not retried by itself
    bool paused = false;             // a restore runs: no connection of ours in its way
    QDateTime answeredAt; // the last answer (the figures below are from then)
    QString version;      // "PostgreSQL 15.4", "Redis 7.2.4"
    QString role;         // "primary", "standby (in recovery)", "master", "replica"
    bool acceptsWrites = false;
    bool loading = false;   // Redis LOADING a snapshot
    qint64 bytes = -1;      // database size; Redis used_memory
    qint64 keys = -1;       // Redis
    bool sessionsListed = false;
    QList<ClientGroup> sessions; // other clients than this status's own connection
    // Persistence: Redis AOF and the last RDB save; PostgreSQL WAL archiving.
    std::optional<bool> aofEnabled;
    qint64 lastSaveAgeSeconds = -1;
    QString walArchiving; // "on", "off", "always"
    qint64 backendId = -1;   // our own session on the server (pg_backend_pid, CLIENT ID)
    LastBackup backup;
    int sessionCount() const;
};

// The status of one store on the dashboard, refreshed every kRefreshIntervalMs without blocking
// and without a connection storm: one connection is opened and kept, reused by every refresh;
// a refresh never starts while one is in flight; one that hangs past kAnswerTimeoutMs is given
// up (the connection closed, the state unreachable), and the next refresh opens one connection
// again. A refused password is not tried again until refresh() is called by hand.
class StoreStatus : public QObject {
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 15000;
    static constexpr int kAnswerTimeoutMs = 10000;
    using VerificationLookup = std::function<BackupVerdict(const BackupEntry &)>;

    static std::unique_ptr<StoreStatus> database(const PgConnectOptions &options, const QString &backupFolder);
    static std::unique_ptr<StoreStatus> datastore(const RedisOptions &options, const QString &backupFolder);
    ~StoreStatus() override;

    // "database", "data store"
    virtual QString word() const = 0;
    void start(int intervalMs = kRefreshIntervalMs);
    void stop();
    // Asks now (unless a refresh is in flight); also retries a refused password.
    void refresh();
    // Where a backup's verification is remembered (not checked when nothing is known).
    void setVerificationLookup(VerificationLookup lookup);
    // While this answers true (checked every second), the connection is closed and nothing is asked.
    void setPauseWhile(std::function<bool()> pause);

    const StoreState &state() const { return m_state; }
    bool inFlight() const { return m_inFlight; }
    // How many connections this status has opened, and how many refreshes answered (tests).
    int connectionsOpened() const { return m_opened; }
    int refreshes() const { return m_refreshes; }

Q_SIGNALS:
    void changed();

protected:
    StoreStatus(QString address, QString backupFolder, BackupEntry::Kind kind);
    // Reads the server on the kept connection, opening it first when there is none; `done`
    // gets the state's server part. Implementations count each open in noteOpened().
    virtual void ask(std::function<void(const Result<StoreState> &)> done) = 0;
    // Drops the kept connection (it failed or hung).
    virtual void drop() = 0;
    virtual bool isCredentialError(const Error &error) const = 0;
    void noteOpened() { ++m_opened; }

private:
    void tick();
    void answered(const Result<StoreState> &result);
    void readBackup();

    StoreState m_state;
    QString m_backupFolder;
    BackupEntry::Kind m_kind;
    VerificationLookup m_lookup;
    std::function<bool()> m_pauseWhile;
    QTimer m_timer;
    QTimer m_pauseCheck;
    QTimer m_timeout;
    bool m_inFlight = false;
    bool m_backupInFlight = false;
    quint64 m_generation = 0;
    int m_opened = 0;
    int m_refreshes = 0;
};

} // namespace eic::stores
