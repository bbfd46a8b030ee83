#include "RedisInspection.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace eic::stores {

quint64 RedisInspection::totalKeys() const
{
    quint64 n = 0;
    for (quint64 k : keysPerDb)
        n += k;
    return n;
}

QJsonObject RedisInspection::toJson() const
{
    QJsonObject dbs;
    for (auto it = keysPerDb.begin(); it != keysPerDb.end(); ++it)
        dbs[QString::number(it.key())] = QJsonObject{{"keys"_L1, static_cast<qint64>(it.value())},
                                                     {"expires"_L1, static_cast<qint64>(expiresPerDb.value(it.key()))}};
    QJsonArray groups;
    for (const RedisClientGroup &g : clients)
        groups.append(QJsonObject{{"name"_L1, g.name}, {"host"_L1, g.host}, {"count"_L1, g.count}});
    return {{"product"_L1, product}, {"version"_L1, version}, {"role"_L1, role}, {"loading"_L1, loading},
            {"aofEnabled"_L1, aofEnabled}, {"rdbLastSaveTime"_L1, rdbLastSaveTime}, {"snapshotAgeSeconds"_L1, snapshotAgeSeconds},
            {"usedMemory"_L1, static_cast<qint64>(usedMemory)}, {"connectedClients"_L1, connectedClients}, {"databases"_L1, dbs},
            {"clients"_L1, groups}, {"clientsListed"_L1, clientsListed}};
}

RedisInspection parseRedisInfo(const QByteArray &info, qint64 nowSeconds)
{
    QHash<QByteArray, QByteArray> f;
    for (const QByteArray &line : info.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && !line.startsWith('#'))
            f.insert(line.left(colon), line.mid(colon + 1).trimmed());
    }
    RedisInspection r;
    const bool valkey = f.contains("valkey_version") || f.value("server_name") == "valkey";
    r.product = valkey ? u"valkey"_s : u"redis"_s;
    r.version = QString::fromLatin1(valkey ? f.value("valkey_version") : f.value("redis_version"));
    r.role = QString::fromLatin1(f.value("role"));
    r.loading = f.value("loading") == "1";
    r.aofEnabled = f.value("aof_enabled") == "1";
    r.rdbLastSaveTime = f.value("rdb_last_save_time").toLongLong();
    // A server that never saved reports its start time; rdb_changes_since_last_save tells more,
    // but the age of the last snapshot is what the caution shows.
    r.snapshotAgeSeconds = r.rdbLastSaveTime > 0 ? static_cast<double>(std::max<qint64>(0, nowSeconds - r.rdbLastSaveTime)) : -1;
    r.usedMemory = f.value("used_memory").toULongLong();
    r.connectedClients = f.value("connected_clients").toInt();
    for (auto it = f.begin(); it != f.end(); ++it) {
        if (!it.key().startsWith("db"))
            continue;
        bool ok = false;
        const int db = it.key().mid(2).toInt(&ok);
        if (!ok)
            continue;
        for (const QByteArray &part : it.value().split(',')) {
            if (part.startsWith("keys="))
                r.keysPerDb[db] = part.mid(5).toULongLong();
            else if (part.startsWith("expires="))
                r.expiresPerDb[db] = part.mid(8).toULongLong();
        }
    }
    return r;
}

QList<RedisClientGroup> groupRedisClients(const QByteArray &clientList)
{
    QMap<QPair<QString, QString>, int> counts;
    for (const QByteArray &line : clientList.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        QString name;
        QString host;
        for (const QByteArray &field : line.trimmed().split(' ')) {
            if (field.startsWith("name="))
                name = QString::fromUtf8(field.mid(5));
            else if (field.startsWith("addr=")) {
                const QByteArray addr = field.mid(5);
                host = QString::fromUtf8(addr.left(addr.lastIndexOf(':')));
            }
        }
        ++counts[{name, host}];
    }
    QList<RedisClientGroup> groups;
    for (auto it = counts.begin(); it != counts.end(); ++it)
        groups.append({it.key().first, it.key().second, it.value()});
    std::stable_sort(groups.begin(), groups.end(), [](const RedisClientGroup &a, const RedisClientGroup &b) { return a.count > b.count; });
    return groups;
}

void inspectRedis(RedisConnection *connection, std::function<void(const Result<RedisInspection> &)> callback)
{
    connection->batch({{"INFO"}, {"CLIENT", "LIST"}, {"CLIENT", "ID"}}, [callback](const Result<QList<RedisReply>> &replies) {
        if (!replies)
            return callback(replies.error());
        const RedisReply &info = replies->at(0);
        if (info.isError())
            return callback(Error{QCoreApplication::translate("RedisInspection", "The data store refused INFO: %1").arg(QString::fromUtf8(info.str)), {}, 0});
        RedisInspection r = parseRedisInfo(info.str, QDateTime::currentSecsSinceEpoch());
        const RedisReply &list = replies->at(1);
        r.clientsListed = !list.isError();
        if (!list.isError()) {
            // Our own connection is not "another client".
            const QByteArray self = "id=" + QByteArray::number(replies->at(2).integer) + ' ';
            QByteArray others;
            for (const QByteArray &line : list.str.split('\n'))
                if (!line.startsWith(self))
                    others += line + '\n';
            r.clients = groupRedisClients(others);
        }
        callback(r);
    });
}

} // namespace eic::stores
