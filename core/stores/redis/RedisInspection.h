#pragma once

#include "Error.h"
#include "RedisConnection.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>

namespace eic::stores {

// Who is connected, grouped by client name and host (the cell's policyengine must be gone
// before a restore).
struct RedisClientGroup {
    QString name; // empty: clients that gave no name
    QString host;
    int count = 0;
};

// What the restore plan and its cautions need to know about a data store.
struct RedisInspection {
    QString product; // "redis" or "valkey"
    QString version;
    QString role;    // "master", "slave"/"replica"
    bool loading = false;
    bool aofEnabled = false;
    qint64 rdbLastSaveTime = 0;     // Unix seconds; the snapshot-only caution shows its age
    double snapshotAgeSeconds = -1; // -1: never saved
    quint64 usedMemory = 0;
    int connectedClients = 0;
    QMap<int, quint64> keysPerDb;
    QMap<int, quint64> expiresPerDb;
    QList<RedisClientGroup> clients; // other clients than this connection, largest group first
    bool clientsListed = false;      // false: the ACL refused CLIENT LIST
    quint64 totalKeys() const;
    QJsonObject toJson() const;
};

// INFO and CLIENT LIST on an open connection (pipelined); CLIENT LIST refused by the ACL is not
// an error: `clients` stays empty and `clientsListed` false.
void inspectRedis(RedisConnection *connection, std::function<void(const Result<RedisInspection> &)> callback);

// The parts of that, for tests and other callers: INFO text and CLIENT LIST text.
RedisInspection parseRedisInfo(const QByteArray &info, qint64 nowSeconds);
QList<RedisClientGroup> groupRedisClients(const QByteArray &clientList);

} // namespace eic::stores
