#include "RedisBackup.h"

#include "RedisTopology.h"
#include "RedisReplies.h"
#include "util/Background.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

using namespace redisreplies;

RedisBackup::RedisBackup(QObject *parent)
    : QObject(parent)
{
}

void RedisBackup::start(const Options &options)
{
    m_options = options;
    m_clock.start();
    resolveRedisMasters(options.connection, this, [this](const Result<QList<RedisNode>> &masters) {
        if (!masters)
            return finish(masters.error());
        m_nodes = *masters;
        if (m_nodes.size() > 1)
            m_options.strings = false; // MGET may only name keys of one slot in a cluster
        collectInfo(0);
    });
}

// INFO of every master first: the header states the whole data store.
void RedisBackup::collectInfo(int node)
{
    m_conn.open(m_nodes.at(node).options, [this, node](const Result<bool> &opened) {
        if (!opened)
            return finish(opened.error());
        m_conn.command({"INFO"}, [this, node](const Result<RedisReply> &info) {
            if (!info || info->isError())
                return finish(info ? Error{permissionHint(info->str, m_options.connection.username, "INFO"), {}, 0} : info.error());
            const auto fields = infoFields(info->str);
            QList<QPair<int, bool>> databases;
            for (const auto &[db, counts] : keyspace(fields)) {
                databases.append({db, counts.second > 0});
                m_total += counts.first;
                m_keysPerDb[db] += counts.first;
                m_expiresPerDb[db] += counts.second;
            }
            m_nodeDatabases.append(databases);
            if (node == 0) {
                const bool valkey = fields.contains(u"valkey_version"_s);
                m_header = QJsonObject{{"format"_L1, "eic-restore/datastore-backup"_L1},
                                       {"version"_L1, 1},
                                       {"source"_L1, m_conn.target()},
                                       {"product"_L1, valkey ? "valkey"_L1 : "redis"_L1},
                                       {"serverVersion"_L1, valkey ? fields.value(u"valkey_version"_s) : fields.value(u"redis_version"_s)},
                                       {"rdbVersionHint"_L1, fields.value(u"redis_version"_s)},
                                       {"created"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}};
            }
            if (node + 1 < m_nodes.size())
                return collectInfo(node + 1);
            QJsonArray dbs;
            for (auto it = m_keysPerDb.cbegin(); it != m_keysPerDb.cend(); ++it)
                dbs.append(QJsonObject{{"db"_L1, it.key()}, {"keys"_L1, static_cast<qint64>(it.value())}, {"expires"_L1, static_cast<qint64>(m_expiresPerDb.value(it.key()))}});
            m_header["databases"_L1] = dbs;
            if (m_options.connection.topology == RedisOptions::Topology::Cluster) {
                QJsonArray nodes;
                for (const RedisNode &n : std::as_const(m_nodes))
                    nodes.append(u"%1:%2"_s.arg(n.options.host).arg(n.options.port));
                m_header["topology"_L1] = "cluster"_L1;
                m_header["source"_L1] = u"%1:%2"_s.arg(m_options.connection.host).arg(m_options.connection.port);
                m_header["masters"_L1] = nodes;
            } else if (m_options.connection.topology == RedisOptions::Topology::Sentinel) {
                m_header["topology"_L1] = "sentinel"_L1;
                m_header["masterName"_L1] = m_options.connection.masterName;
            }
            // DEBUG DIGEST of the source, where the server allows it (off by default in Redis 7) and
            // the data store is small: the digest blocks the single-threaded server (~2.5 s per
            // million keys here), which a live cell must not suffer. A cluster has one per master.
            const bool digest = m_nodes.size() == 1 && m_total <= m_options.digestUpToKeys;
            m_conn.command(digest ? QList<QByteArray>{"DEBUG", "DIGEST"} : QList<QByteArray>{"PING"}, [this](const Result<RedisReply> &d) {
                if (d && !d->isError() && d->str != "PONG")
                    m_header["digest"_L1] = QString::fromLatin1(d->str);
                const QString name = u"datastore-%1.eicrdb"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
                QDir().mkpath(m_options.folder);
                m_path = QDir(m_options.folder).filePath(name);
                auto writer = RedisBackupWriter::create(m_path, m_header);
                if (!writer)
                    return finish(writer.error());
                m_writer = std::move(writer.value());
                openNode(0);
            });
        });
    });
}

// Each master in turn: SCAN runs on a second connection, a few batches ahead of the reads: its
// cursor replies never queue behind a batch of values, so the server always has work.
void RedisBackup::openNode(int node)
{
    m_nodeIndex = node;
    m_databases = m_nodeDatabases.at(node);
    m_dbIndex = -1;
    m_currentDb = m_nodes.at(node).options.database;
    auto scanOpen = [this] {
        m_scanConn.open(m_nodes.at(m_nodeIndex).options, [this](const Result<bool> &scanOpened) {
            if (!scanOpened)
                return finish(scanOpened.error());
            nextDatabase();
        });
    };
    if (m_nodes.size() == 1)
        return scanOpen(); // m_conn is still open to it from INFO
    m_conn.open(m_nodes.at(node).options, [this, scanOpen](const Result<bool> &opened) {
        if (!opened)
            return finish(opened.error());
        scanOpen();
    });
}

void RedisBackup::nextDatabase()
{
    ++m_dbIndex;
    if (m_dbIndex >= m_databases.size()) {
        if (m_nodeIndex + 1 < m_nodes.size())
            return openNode(m_nodeIndex + 1);
        if (auto done = m_writer->finish(m_skipped); !done)
            return finish(done.error());
        return finish(RedisBackupResult{m_path, m_writer->records(), m_skipped, m_writer->bytes(),
                                        static_cast<double>(m_clock.elapsed()) / 1000.0, m_header});
    }
    const int db = m_databases.at(m_dbIndex).first;
    if (db != m_currentDb) {
        m_currentDb = db;
        for (RedisConnection *conn : {&m_conn, &m_scanConn})
            conn->command({"SELECT", QByteArray::number(db)}, [this](const Result<RedisReply> &r) {
                if (!r || r->isError())
                    return finish(r ? Error{permissionHint(r->str, m_options.connection.username, "SELECT"), {}, 0} : r.error());
            });
    }
    m_scanDone = false;
    m_cursor = "0";
    scan();
}

void RedisBackup::batchDone()
{
    --m_outstanding;
    const qint64 elapsed = m_clock.elapsed();
    if (elapsed - m_lastReport >= 250) {
        m_lastReport = elapsed;
        const double seconds = static_cast<double>(elapsed) / 1000.0;
        Q_EMIT progress({u"scanning"_s, m_writer->records(), m_total, m_writer->bytes(), m_writer->records() / std::max(seconds, 0.001), seconds, -1});
    }
    pumpReads();
}

Result<bool> RedisBackup::connectionLost(const Error &error)
{
    finish(Error{tr("The data store connection was lost after %1 keys: %2").arg(m_writer ? m_writer->records() : 0).arg(error.message), {}, 0});
    return false;
}

void RedisBackup::scan()
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish(Error{tr("The backup was cancelled; the partial file was removed."), {}, 0});
    m_scanning = true;
    m_scanConn.command({"SCAN", m_cursor, "COUNT", QByteArray::number(m_options.batch)}, [this](const Result<RedisReply> &r) {
        m_scanning = false;
        if (m_done)
            return;
        if (!r)
            return (void)connectionLost(r.error());
        if (r->isError() || r->elements.size() != 2)
            return finish(Error{permissionHint(r->str, m_options.connection.username, "SCAN"), {}, 0});
        m_cursor = r->elements.at(0).str;
        m_scanDone = m_cursor == "0";
        QList<QByteArray> keys;
        keys.reserve(r->elements.at(1).elements.size());
        for (const RedisReply &k : r->elements.at(1).elements)
            keys.append(k.str);
        if (!keys.isEmpty())
            m_queue.push_back({std::move(keys), !m_options.strings});
        pumpReads();
    });
}

// Keeps `readsInFlight` batches of reads in flight and the scan up to twice as many batches ahead
// of them (memory stays bounded by the batch size), and moves to the next database when all is written.
void RedisBackup::pumpReads()
{
    if (m_done)
        return;
    while (m_outstanding < m_options.readsInFlight && !m_queue.empty()) {
        Batch batch = std::move(m_queue.front());
        m_queue.pop_front();
        if (batch.dump)
            dumpKeys(std::move(batch.keys));
        else
            readStrings(std::move(batch.keys));
    }
    if (!m_scanDone && !m_scanning && m_queue.size() < static_cast<size_t>(2 * m_options.readsInFlight))
        return scan();
    if (m_scanDone && !m_scanning && m_queue.empty() && m_outstanding == 0)
        nextDatabase();
}

// One MGET for the batch (and PTTL per key where the database has expiring keys): strings come
// back as values; the rest (other types, or gone) are DUMPed in a second round.
void RedisBackup::readStrings(QList<QByteArray> keys)
{
    const int db = m_databases.at(m_dbIndex).first;
    const bool expiring = m_databases.at(m_dbIndex).second;
    QList<QList<QByteArray>> commands;
    commands.reserve(expiring ? keys.size() + 1 : 1);
    if (expiring)
        for (const QByteArray &k : std::as_const(keys))
            commands.append({"PTTL", k});
    QList<QByteArray> mget;
    mget.reserve(keys.size() + 1);
    mget.append("MGET");
    mget.append(keys);
    commands.append(std::move(mget));
    ++m_outstanding;
    m_conn.batch(commands, [this, db, expiring, keys = std::move(keys)](const Result<QList<RedisReply>> &replies) {
        if (m_done)
            return;
        if (!replies)
            return (void)connectionLost(replies.error());
        const RedisReply &values = replies->constLast();
        if (values.isError())
            return finish(Error{permissionHint(values.str, m_options.connection.username, "MGET"), {}, 0});
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<QByteArray> others;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const RedisReply &v = values.elements.at(i);
            if (v.type != RedisReply::Type::String) {
                others.append(keys.at(i));
                continue;
            }
            qint64 expiry = -1;
            if (expiring) {
                const RedisReply &t = replies->at(i);
                if (t.type == RedisReply::Type::Integer && t.integer == -2) {
                    ++m_skipped; // expired or deleted between MGET and PTTL
                    continue;
                }
                if (t.type == RedisReply::Type::Integer && t.integer >= 0)
                    expiry = now + t.integer;
            }
            if (auto w = m_writer->write({RedisRecord::Kind::String, db, expiry, keys.at(i), v.str}); !w)
                return finish(w.error());
        }
        if (!others.isEmpty())
            m_queue.push_front({std::move(others), true}); // DUMPed next
        batchDone();
    });
}

void RedisBackup::dumpKeys(QList<QByteArray> keys)
{
    const int db = m_databases.at(m_dbIndex).first;
    const bool expiring = m_databases.at(m_dbIndex).second;
    QList<QList<QByteArray>> commands;
    commands.reserve(keys.size() * (expiring ? 2 : 1));
    for (const QByteArray &k : std::as_const(keys)) {
        if (expiring)
            commands.append({"PTTL", k});
        commands.append({"DUMP", k});
    }
    ++m_outstanding;
    m_conn.batch(commands, [this, db, expiring, keys = std::move(keys)](const Result<QList<RedisReply>> &replies) {
        if (m_done)
            return;
        if (!replies)
            return (void)connectionLost(replies.error());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const int stride = expiring ? 2 : 1;
        for (qsizetype i = 0; i < keys.size(); ++i) {
            const RedisReply &d = replies->at(i * stride + stride - 1);
            qint64 expiry = -1;
            if (expiring) {
                const RedisReply &t = replies->at(i * stride);
                if (t.type == RedisReply::Type::Integer && t.integer >= 0)
                    expiry = now + t.integer;
                else if (t.type == RedisReply::Type::Integer && t.integer == -2)
                    expiry = -2;
            }
            if (d.isError())
                return finish(Error{permissionHint(d.str, m_options.connection.username, "DUMP"), {}, 0});
            if (d.type == RedisReply::Type::Nil || expiry == -2) {
                ++m_skipped; // gone between SCAN and DUMP
                continue;
            }
            if (auto w = m_writer->write({RedisRecord::Kind::Dump, db, expiry, keys.at(i), d.str}); !w)
                return finish(w.error());
        }
        batchDone();
    });
}

void RedisBackup::cancel()
{
    m_cancelled = true;
}

void RedisBackup::finish(const Result<RedisBackupResult> &result)
{
    if (std::exchange(m_done, true))
        return;
    if (!result && m_writer)
        m_writer->abandon(); // a partial backup must never look like one
    m_conn.close();
    m_scanConn.close();
    if (result)
        spdlog::info("data store backup {}: {} keys ({} skipped), {} bytes, {:.2f} s", result->path.toStdString(), result->records, result->skipped,
                     result->bytes, result->seconds);
    Q_EMIT finished(result);
}

} // namespace eic::stores
