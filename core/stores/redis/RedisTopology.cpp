#include "RedisTopology.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

// Texts of this file, in the translation context "RedisTopology" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RedisTopology)
};

constexpr std::array<quint16, 256> crcTable()
{
    std::array<quint16, 256> table{};
    for (int i = 0; i < 256; ++i) {
        quint16 crc = static_cast<quint16>(i << 8);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 0x8000) ? static_cast<quint16>((crc << 1) ^ 0x1021) : static_cast<quint16>(crc << 1);
        table[static_cast<size_t>(i)] = crc;
    }
    return table;
}

constexpr auto kCrc = crcTable();

quint16 crc16(const char *data, qsizetype size)
{
    quint16 crc = 0;
    for (qsizetype i = 0; i < size; ++i)
        crc = static_cast<quint16>((crc << 8) ^ kCrc[((crc >> 8) ^ static_cast<quint8>(data[i])) & 0xff]);
    return crc;
}

// The sentinel may have no password while the data store has one: then ask it without.
void askSentinel(const RedisOptions &seed, bool withPassword, QObject *context, std::function<void(const Result<QList<RedisNode>> &)> callback)
{
    auto *sentinel = new RedisConnection(context);
    RedisOptions s = seed;
    s.database = 0;
    if (!withPassword) {
        s.username.clear();
        s.password.clear();
    }
    auto done = [sentinel, callback](const Result<QList<RedisNode>> &r) {
        sentinel->deleteLater();
        callback(r);
    };
    sentinel->open(s, [sentinel, seed, withPassword, context, callback, done](const Result<bool> &opened) {
        if (!opened) {
            if (withPassword && !seed.password.isEmpty() && opened.error().message.contains("without any password configured"_L1)) {
                sentinel->deleteLater();
                return askSentinel(seed, false, context, callback);
            }
            return done(Error{Tr::tr("The sentinel at %1:%2 cannot be asked for the master: %3").arg(seed.host).arg(seed.port).arg(opened.error().message), {}, 0});
        }
        sentinel->command({"SENTINEL", "GET-MASTER-ADDR-BY-NAME", seed.masterName.toUtf8()}, [seed, done](const Result<RedisReply> &r) {
            if (!r)
                return done(r.error());
            if (r->isError())
                return done(Error{Tr::tr("The server at %1:%2 is not a sentinel (it answered: %3). Check the profile's topology.").arg(seed.host).arg(seed.port).arg(QString::fromUtf8(r->str)), {}, 0});
            if (r->elements.size() != 2)
                return done(Error{Tr::tr("The sentinel at %1:%2 knows no master named \"%3\"; check the profile's master name.").arg(seed.host).arg(seed.port).arg(seed.masterName), {}, 0});
            RedisNode node;
            node.options = seed;
            node.options.topology = RedisOptions::Topology::Standalone;
            node.options.host = QString::fromUtf8(r->elements.at(0).str);
            node.options.port = static_cast<quint16>(r->elements.at(1).str.toUInt());
            done(QList<RedisNode>{node});
        });
    });
}

} // namespace

int redisKeySlot(const QByteArray &key)
{
    const qsizetype open = key.indexOf('{');
    if (open >= 0) {
        const qsizetype close = key.indexOf('}', open + 1);
        if (close > open + 1)
            return crc16(key.constData() + open + 1, close - open - 1) & 16383;
    }
    return crc16(key.constData(), key.size()) & 16383;
}

Result<QList<RedisNode>> parseClusterNodes(const QByteArray &text, const RedisOptions &seed)
{
    QList<RedisNode> masters;
    for (const QByteArray &raw : text.split('\n')) {
        const QList<QByteArray> f = raw.trimmed().split(' ');
        if (f.size() < 8)
            continue;
        const QList<QByteArray> flags = f.at(2).split(',');
        if (!flags.contains("master") || flags.contains("fail") || flags.contains("noaddr"))
            continue;
        // "ip:port@cport[,hostname]"; an empty ip is the node we asked.
        const QByteArray address = f.at(1).split('@').first();
        const qsizetype colon = address.lastIndexOf(':');
        RedisNode node;
        node.id = QString::fromLatin1(f.at(0));
        node.options = seed;
        node.options.topology = RedisOptions::Topology::Standalone;
        node.options.database = 0;
        const QByteArray ip = address.left(colon);
        if (!ip.isEmpty())
            node.options.host = QString::fromUtf8(ip);
        node.options.port = static_cast<quint16>(address.mid(colon + 1).toUInt());
        for (qsizetype i = 8; i < f.size(); ++i) {
            if (f.at(i).startsWith('['))
                continue; // a slot being migrated or imported: its owner is listed as a range
            const QList<QByteArray> range = f.at(i).split('-');
            bool ok1 = false;
            bool ok2 = true;
            const int from = range.at(0).toInt(&ok1);
            const int to = range.size() > 1 ? range.at(1).toInt(&ok2) : from;
            if (ok1 && ok2 && from >= 0 && to < 16384 && from <= to)
                node.slotRanges.append({from, to});
        }
        if (!node.slotRanges.isEmpty())
            masters.append(node);
    }
    if (masters.isEmpty())
        return Error{Tr::tr("The cluster at %1:%2 lists no master serving slots.").arg(seed.host).arg(seed.port), {}, 0};
    std::sort(masters.begin(), masters.end(), [](const RedisNode &a, const RedisNode &b) { return a.slotRanges.first() < b.slotRanges.first(); });
    return masters;
}

Result<RedisSlotMap> redisSlotMap(const QList<RedisNode> &masters)
{
    RedisSlotMap map;
    map.fill(-1);
    for (qsizetype i = 0; i < masters.size(); ++i)
        for (const auto &[from, to] : masters.at(i).slotRanges)
            for (int s = from; s <= to; ++s)
                map[static_cast<size_t>(s)] = static_cast<qint8>(i);
    const auto uncovered = std::count(map.begin(), map.end(), qint8(-1));
    if (uncovered > 0)
        return Error{Tr::tr("%1 of the cluster's 16384 slots have no master: the cluster is not healthy (see CLUSTER INFO); fix it before a backup or restore.").arg(uncovered), {}, 0};
    return map;
}

void resolveRedisMasters(const RedisOptions &seed, QObject *context, std::function<void(const Result<QList<RedisNode>> &)> callback)
{
    switch (seed.topology) {
    case RedisOptions::Topology::Standalone: {
        RedisNode node;
        node.options = seed;
        callback(QList<RedisNode>{node});
        return;
    }
    case RedisOptions::Topology::Sentinel:
        return askSentinel(seed, true, context, std::move(callback));
    case RedisOptions::Topology::Cluster:
        break;
    }
    auto *conn = new RedisConnection(context);
    RedisOptions s = seed;
    s.database = 0;
    auto done = [conn, callback](const Result<QList<RedisNode>> &r) {
        conn->deleteLater();
        callback(r);
    };
    conn->open(s, [conn, seed, done](const Result<bool> &opened) {
        if (!opened)
            return done(opened.error());
        conn->command({"CLUSTER", "NODES"}, [seed, done](const Result<RedisReply> &r) {
            if (!r)
                return done(r.error());
            if (r->isError())
                return done(Error{Tr::tr("The data store at %1:%2 is not a cluster (it answered: %3). Check the profile's topology.").arg(seed.host).arg(seed.port).arg(QString::fromUtf8(r->str)), {}, 0});
            done(parseClusterNodes(r->str, seed));
        });
    });
}

} // namespace eic::stores
