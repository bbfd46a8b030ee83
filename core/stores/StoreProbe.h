#pragma once

#include "Error.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace eic::stores {

// A client session in the store (pg_stat_activity, CLIENT LIST).
struct StoreSession {
    QString id;      // backend pid, client id
    QString name;    // application_name, client name
    QString address; // client address without the port
    QString since;   // backend_start (PostgreSQL) or "age N s" (Redis)
    QJsonObject toJson() const;
};

// What a run is bound to: the store's address and what identifies it there. PostgreSQL: the
// cluster's system_identifier and the database's OID; Redis (whose run_id changes on every
// restart): a marker key eic-restore:store-id that the first run writes.
struct StoreIdentity {
    QString kind;    // "postgresql", "redis"
    QString address; // host:port/db
    QJsonObject fields;
    QJsonObject toJson() const;
    static StoreIdentity fromJson(const QJsonObject &json);
    // A sentence naming the difference when `now` is another store than this one; nullopt when
    // it is the same; with nothing that identifies both, the addresses decide.
    std::optional<QString> differs(const StoreIdentity &now) const;
};

// What the cell's data looks like at one moment, to compare before and after a restore: per
// user table its rows (counted, or the planner's estimate where counting is too slow) and its
// newest commit (only where the server tracks commit timestamps); per Redis database its keys.
struct TableMeasure {
    QString name; // schema.table
    qint64 rows = 0;
    bool estimate = false;
    QDateTime newest; // invalid: not known
};
struct KeyspaceMeasure {
    int db = 0;
    quint64 keys = 0;
};
struct StoreMeasure {
    QList<TableMeasure> tables;
    QList<KeyspaceMeasure> databases;
    bool commitTimestamps = false; // PostgreSQL: track_commit_timestamp is on (newest can be read)
    QJsonObject toJson() const
    {
        QJsonArray t;
        for (const TableMeasure &m : tables) {
            QJsonObject o{{QLatin1StringView("name"), m.name}, {QLatin1StringView("rows"), m.rows}, {QLatin1StringView("estimate"), m.estimate}};
            if (m.newest.isValid())
                o[QLatin1StringView("newest")] = m.newest.toUTC().toString(Qt::ISODateWithMs);
            t.append(o);
        }
        QJsonArray d;
        for (const KeyspaceMeasure &k : databases)
            d.append(QJsonObject{{QLatin1StringView("db"), k.db}, {QLatin1StringView("keys"), static_cast<qint64>(k.keys)}});
        return {{QLatin1StringView("tables"), t}, {QLatin1StringView("databases"), d}, {QLatin1StringView("commitTimestamps"), commitTimestamps}};
    }
};

// One store seen from a restore run, behind one interface: the runner has no per-store branch.
// Keeps one connection open and reuses it (the quiescence wait polls every 0.5 s).
class StoreProbe : public QObject {
    Q_OBJECT
public:
    using Then = std::function<void(const Result<bool> &)>;
    using Sessions = std::function<void(const Result<QList<StoreSession>> &)>;

    static std::unique_ptr<StoreProbe> database(const PgConnectOptions &options);
    static std::unique_ptr<StoreProbe> datastore(const RedisOptions &options);

    // "database", "data store": for sentences.
    virtual QString word() const = 0;
    // mark: a Redis store without a marker gets one (never in a dry run).
    virtual void identity(bool mark, std::function<void(const Result<StoreIdentity> &)> done) = 0;
    // Every client session but our own.
    virtual void sessions(Sessions done) = 0;
    virtual void endSessions(const QList<StoreSession> &sessions, Then done) = 0;
    // Not in recovery / not LOADING, and a primary.
    virtual void acceptsWrites(Then done) = 0;
    // The user may restore: superuser or owner of everything (PostgreSQL); RESTORE and FLUSHALL allowed (Redis).
    virtual void mayRestore(Then done) = 0;
    // The cell's tables (PostgreSQL) or keys per database (Redis), read-only; every statement is
    // bounded (2 s), so a cancel that deletes the probe leaves nothing running for long.
    virtual void measure(std::function<void(const Result<StoreMeasure> &)> done) = 0;
};

} // namespace eic::stores
