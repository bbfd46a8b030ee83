#pragma once

#include "Error.h"
#include "RedisConnection.h"

#include <QList>
#include <QObject>

#include <array>
#include <functional>

namespace eic::stores {

// One master the engine works on, and in a cluster the hash slotRanges it serves.
struct RedisNode {
    RedisOptions options; // host/port of this master; topology reset to Standalone
    QString id;           // cluster node id; empty otherwise
    QList<QPair<int, int>> slotRanges; // inclusive ranges
};

// Where the data lives: standalone → the server itself; sentinel → the master the sentinel
// names; cluster → every master with its slotRanges (CLUSTER NODES, which every Redis and Valkey
// version with cluster support answers). The callback runs once.
void resolveRedisMasters(const RedisOptions &seed, QObject *context, std::function<void(const Result<QList<RedisNode>> &)> callback);

// The cluster hash slot of a key (CRC16/XMODEM mod 16384, honouring {hash tags}).
int redisKeySlot(const QByteArray &key);

// CLUSTER NODES text → the masters and their slotRanges (for tests and the resolver).
Result<QList<RedisNode>> parseClusterNodes(const QByteArray &text, const RedisOptions &seed);

// slot → index into the masters; -1 where no master serves the slot.
using RedisSlotMap = std::array<qint8, 16384>;
Result<RedisSlotMap> redisSlotMap(const QList<RedisNode> &masters);

} // namespace eic::stores
