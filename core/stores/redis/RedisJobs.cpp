#include "RedisJobs.h"

#include "RedisTopology.h"
#include "util/Background.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QRandomGenerator>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

QHash<QString, QString> infoFields(const QByteArray &info)
{
    QHash<QString, QString> fields;
    for (const QByteArray &line : info.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            fields.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 1)).trimmed());
    }
    return fields;
}

// "db0" -> "keys=12,expires=3,avg_ttl=0"
QList<QPair<int, QPair<quint64, quint64>>> keyspace(const QHash<QString, QString> &fields)
{
    QList<QPair<int, QPair<quint64, quint64>>> out;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!it.key().startsWith("db"_L1))
            continue;
        bool ok = false;
        const int db = it.key().mid(2).toInt(&ok);
        if (!ok)
            continue;
        quint64 keys = 0;
        quint64 expires = 0;
        for (const QString &part : it.value().split(u',')) {
            if (part.startsWith("keys="_L1))
                keys = part.mid(5).toULongLong();
            else if (part.startsWith("expires="_L1))
                expires = part.mid(8).toULongLong();
        }
        out.append({db, {keys, expires}});
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString permissionHint(const QByteArray &error, const QString &user, const char *command)
{
    if (error.startsWith("NOPERM"))
        return QCoreApplication::translate("RedisJobs", "The data store's ACL does not let user \"%1\" run %2: %3. Grant it (e.g. +@all or +dump +restore) or use another user.")
            .arg(user.isEmpty() ? u"default"_s : user, QString::fromLatin1(command), QString::fromUtf8(error));
    return QCoreApplication::translate("RedisJobs", "The data store refused %1: %2").arg(QString::fromLatin1(command), QString::fromUtf8(error));
}

} // namespace

QJsonObject RedisRestoreResult::toJson() const
{
    QJsonObject dbs;
    for (auto it = expectedPerDb.begin(); it != expectedPerDb.end(); ++it)
        dbs[QString::number(it.key())] = QJsonObject{{"expected"_L1, static_cast<qint64>(it.value())},
                                                     {"found"_L1, static_cast<qint64>(keysPerDb.value(it.key()))}};
    return {{"restored"_L1, static_cast<qint64>(restored)}, {"expiredSkipped"_L1, static_cast<qint64>(expired)},
            {"retries"_L1, static_cast<qint64>(retries)}, {"flushed"_L1, flushed}, {"databases"_L1, dbs},
            {"sampleCompared"_L1, sampleCompared}, {"digest"_L1, digestCheck}, {"seconds"_L1, seconds}};
}

// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------

RedisRestore::RedisRestore(QObject *parent)
    : QObject(parent)
{
}

void RedisRestore::start(const Options &options)
{
    m_options = options;
    m_clock.start();
    Q_EMIT progress({u"verifying"_s, 0, 0, 0, 0, 0, -1});
    const QString path = options.path;
    auto cancelled = m_cancelled;
    // The whole file is checked before anything is written: a damaged one is refused here. The
    // connection (TLS handshake, AUTH) is made meanwhile; nothing is sent on it before both are done.
    runInBackground<Result<RedisBackupSummary>>(this, [path, cancelled] {
        return RedisBackupReader::scan(path, {}, [cancelled] { return cancelled->load(); });
    }, [this](Result<RedisBackupSummary> summary) {
        if (m_done)
            return;
        if (!summary)
            return finish(Error{summary.error().message, {}, PreflightFailed});
        m_summary = *summary;
        for (auto it = m_summary.recordsPerDb.begin(); it != m_summary.recordsPerDb.end(); ++it)
            m_result.expectedPerDb[it.key()] = it.value();
        m_verified = true;
        begin();
    });
    resolveRedisMasters(m_options.connection, this, [this](const Result<QList<RedisNode>> &masters) {
        if (m_done)
            return;
        if (!masters)
            return finish(Error{masters.error().message, {}, PreflightFailed});
        m_nodes = *masters;
        m_cluster = m_options.connection.topology == RedisOptions::Topology::Cluster;
        if (m_cluster) {
            auto slotMap = redisSlotMap(m_nodes);
            if (!slotMap)
                return finish(Error{slotMap.error().message, {}, PreflightFailed});
            m_slots = *slotMap;
        }
        for (const RedisNode &node : std::as_const(m_nodes)) {
            m_conns.push_back(std::make_unique<RedisConnection>());
            m_conns.back()->open(node.options, [this](const Result<bool> &opened) {
                if (m_done)
                    return;
                if (!opened)
                    return finish(Error{opened.error().message, {}, PreflightFailed});
                if (++m_opened < static_cast<int>(m_conns.size()))
                    return;
                m_connected = true;
                begin();
            });
        }
    });
}

int RedisRestore::nodeOf(const QByteArray &key) const
{
    return m_cluster ? m_slots[static_cast<size_t>(redisKeySlot(key))] : 0;
}

void RedisRestore::begin()
{
    if (!m_verified || !m_connected || m_done)
        return;
    if (m_cluster) {
        QStringList others;
        for (auto it = m_summary.recordsPerDb.cbegin(); it != m_summary.recordsPerDb.cend(); ++it)
            if (it.key() != 0)
                others.append(QString::number(it.key()));
        if (!others.isEmpty())
            return finish(Error{tr("The backup holds keys in database %1, but a cluster has only database 0. Restore it into a standalone server, or move those keys first. Nothing was written.").arg(others.join(u", "_s)), {}, PreflightFailed});
        m_selected = 0; // a cluster node is always on database 0
    }
    auto header = m_stream.open(m_options.path);
    if (!header)
        return finish(Error{header.error().message, {}, PreflightFailed});
    auto go = [this] {
        for (auto &conn : m_conns)
            conn->command({"CLIENT", "SETNAME", "eic-restore"}, [](const Result<RedisReply> &) {});
        Q_EMIT progress({u"restoring"_s, 0, m_summary.records, 0, 0, static_cast<double>(m_clock.elapsed()) / 1000.0, -1});
        pump();
    };
    if (!m_options.flush)
        return go();
    auto pending = std::make_shared<int>(static_cast<int>(m_conns.size()));
    for (auto &conn : m_conns)
        conn->command({"FLUSHALL"}, [this, go, pending](const Result<RedisReply> &r) {
            if (m_done)
                return;
            // FLUSHALL goes to every master at once: when one refuses, the others may have
            // emptied already (their answers not read yet). Only a single master's refusal
            // proves that nothing was written.
            const bool maybeWritten = m_written || m_conns.size() > 1;
            if (!r || r->isError())
                return finish(Error{(r ? permissionHint(r->str, m_options.connection.username, "FLUSHALL") : r.error().message)
                                        + (maybeWritten ? tr(" Other masters may already be emptied.") : tr(" Nothing was written.")),
                                    {}, maybeWritten ? 1 : PreflightFailed});
            m_written = true;
            m_result.flushed = true;
            if (--*pending == 0)
                go();
        });
}

void RedisRestore::pump()
{
    while (!m_done && m_inFlight < m_options.window) {
        if (*m_cancelled)
            return finish(Error{tr("The restore was cancelled after %1 of %2 keys: the data store is PARTLY restored.").arg(m_result.restored).arg(m_summary.records), {}, 1});
        // One batch of up to 500 records: one write, one callback.
        QList<RedisRecord> records;
        while (records.size() < 500 && !m_retry.empty()) {
            records.append(std::move(m_retry.front()));
            m_retry.pop_front();
        }
        while (records.size() < 500 && !m_streamDone) {
            RedisRecord record;
            auto next = m_stream.next(&record);
            if (!next)
                return finish(Error{next.error().message, {}, 1});
            if (!*next) {
                m_streamDone = true;
                break;
            }
            // A reservoir of 64 records for the byte-for-byte comparison afterwards (constant memory).
            ++m_seen;
            if (m_sample.size() < 64)
                m_sample.append(record);
            else if (const quint64 j = QRandomGenerator::global()->bounded(static_cast<quint64>(m_seen)); j < 64)
                m_sample[static_cast<qsizetype>(j)] = record;
            if (record.expiresAtMs >= 0 && record.expiresAtMs <= QDateTime::currentMSecsSinceEpoch()) {
                ++m_result.expired; // its deadline passed: restoring it would only make it vanish
                continue;
            }
            records.append(std::move(record));
        }
        if (records.isEmpty())
            break;
        sendBatch(std::move(records));
    }
    if (m_streamDone && m_retry.empty() && m_inFlight == 0 && !m_done)
        verifyAfter();
}

void RedisRestore::sendBatch(QList<RedisRecord> records)
{
    if (!m_cluster)
        return sendBatchTo(0, std::move(records));
    std::vector<QList<RedisRecord>> perNode(m_conns.size());
    for (RedisRecord &r : records)
        perNode[static_cast<size_t>(nodeOf(r.key))].append(std::move(r));
    for (size_t i = 0; i < perNode.size(); ++i)
        if (!perNode[i].isEmpty())
            sendBatchTo(static_cast<int>(i), std::move(perNode[i]));
}

void RedisRestore::sendBatchTo(int node, QList<RedisRecord> records)
{
    QList<QList<QByteArray>> commands;
    commands.reserve(records.size() + 4);
    QList<qsizetype> restoreIndex; // position of each record's RESTORE in the replies
    QList<qsizetype> selectIndex;
    restoreIndex.reserve(records.size());
    for (const RedisRecord &r : records) {
        if (r.db != m_selected) {
            m_selected = r.db;
            selectIndex.append(commands.size());
            commands.append({"SELECT", QByteArray::number(r.db)});
        }
        restoreIndex.append(commands.size());
        commands.append(restoreCommand(r));
    }
    m_inFlight += static_cast<int>(records.size());
    m_conns[static_cast<size_t>(node)]->batch(commands, [this, records = std::move(records), restoreIndex, selectIndex](const Result<QList<RedisReply>> &replies) {
        m_inFlight -= static_cast<int>(records.size());
        if (m_done)
            return;
        if (!replies)
            return finish(Error{tr("The connection to the data store was lost after %1 of %2 keys were restored: %3 The data store is PARTLY restored.")
                                    .arg(m_result.restored).arg(m_summary.records).arg(replies.error().message),
                                {}, 1});
        m_written = true;
        for (qsizetype i : selectIndex) {
            const RedisReply &r = replies->at(i);
            if (r.isError())
                return finish(Error{permissionHint(r.str, m_options.connection.username, "SELECT"), {}, 1});
        }
        bool retried = false;
        for (qsizetype i = 0; i < records.size(); ++i) {
            const RedisReply &r = replies->at(restoreIndex.at(i));
            if (!r.isError()) {
                ++m_result.restored;
                continue;
            }
            if (r.str.startsWith("MOVED ") && m_cluster) {
                // The slot has another master now: follow it if that master is one we know.
                const QList<QByteArray> parts = r.str.split(' ');
                const int slot = parts.value(1).toInt();
                const QByteArray address = parts.value(2);
                int target = -1;
                for (qsizetype n = 0; n < m_nodes.size(); ++n)
                    if (u"%1:%2"_s.arg(m_nodes.at(n).options.host).arg(m_nodes.at(n).options.port).toUtf8() == address)
                        target = static_cast<int>(n);
                if (target < 0)
                    return finish(Error{tr("The cluster moved slot %1 to %2, a master it did not have when the restore began: it is being resharded. %3 of %4 keys were restored; run the restore again when the resharding is done.")
                                            .arg(slot).arg(QString::fromUtf8(address)).arg(m_result.restored).arg(m_summary.records),
                                        {}, 1});
                m_slots[static_cast<size_t>(slot & 16383)] = static_cast<qint8>(target);
                ++m_result.retries;
                m_retry.push_back(records.at(i));
                retried = true;
                continue;
            }
            if (r.str.startsWith("ASK ")) {
                return finish(Error{tr("The cluster is migrating slot %1 (%2): a restore during a resharding could be lost. %3 of %4 keys were restored; run the restore again when the resharding is done.")
                                        .arg(QString::fromUtf8(r.str.split(' ').value(1)), QString::fromUtf8(r.str)).arg(m_result.restored).arg(m_summary.records),
                                    {}, 1});
            }
            if (r.str.startsWith("LOADING") || r.str.startsWith("BUSY") || r.str.startsWith("TRYAGAIN") || r.str.startsWith("CLUSTERDOWN")) {
                // The server is loading, busy with a script, or its cluster is settling: wait and send it again.
                ++m_result.retries;
                m_retry.push_back(records.at(i));
                retried = true;
                continue;
            }
            return finish(Error{permissionHint(r.str, m_options.connection.username, records.at(i).kind == RedisRecord::Kind::String ? "SET" : "RESTORE")
                                    + tr(" (%1 of %2 keys were restored.)").arg(m_result.restored).arg(m_summary.records),
                                {}, 1});
        }
        report(false);
        if (retried) {
            if (!m_cluster)
                m_selected = -1;
            QTimer::singleShot(100, this, [this] { pump(); });
            return;
        }
        pump();
    });
}

void RedisRestore::report(bool force)
{
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastReport < 250)
        return;
    m_lastReport = now;
    const double seconds = static_cast<double>(now) / 1000.0;
    const double rate = m_result.restored / std::max(seconds, 0.001);
    const double eta = rate > 0 ? static_cast<double>(m_summary.records - m_result.restored - m_result.expired) / rate : -1;
    Q_EMIT progress({u"restoring"_s, m_result.restored, m_summary.records, 0, rate, seconds, eta});
}

void RedisRestore::verifyAfter()
{
    report(true);
    Q_EMIT progress({u"checking"_s, m_result.restored, m_summary.records, 0, 0, static_cast<double>(m_clock.elapsed()) / 1000.0, -1});
    auto pending = std::make_shared<int>(0);
    auto failures = std::make_shared<QStringList>();
    auto done = [this, pending, failures] {
        if (--*pending > 0 || m_done)
            return;
        if (!failures->isEmpty())
            return finish(Error{tr("The restore finished but the data store does not match the backup: %1.").arg(failures->join(u"; "_s)), {}, 1});
        m_result.seconds = static_cast<double>(m_clock.elapsed()) / 1000.0;
        finish(m_result);
    };
    // Key counts per database (summed over the masters of a cluster).
    for (auto it = m_result.expectedPerDb.begin(); it != m_result.expectedPerDb.end(); ++it) {
        const int db = it.key();
        ++*pending;
        auto counted = std::make_shared<int>(static_cast<int>(m_conns.size()));
        m_result.keysPerDb[db] = 0;
        for (auto &conn : m_conns) {
            if (!m_cluster)
                conn->command({"SELECT", QByteArray::number(db)}, [](const Result<RedisReply> &) {});
            conn->command({"DBSIZE"}, [this, db, failures, done, counted](const Result<RedisReply> &r) {
                if (r && r->type == RedisReply::Type::Integer)
                    m_result.keysPerDb[db] += static_cast<quint64>(r->integer);
                if (--*counted > 0)
                    return;
                const quint64 found = m_result.keysPerDb.value(db);
                const quint64 expected = m_result.expectedPerDb.value(db);
                // Keys that expired during the restore may be missing; a flushed store holds exactly the file.
                const bool ok = m_result.flushed ? (found <= expected && found + m_result.expired >= expected) : found >= expected - std::min(expected, m_result.expired);
                if (!ok)
                    failures->append(tr("database %1 holds %2 keys, the backup %3").arg(db).arg(found).arg(expected));
                done();
            });
        }
    }
    // A sample of keys by value: strings directly, other types by their DUMP (the same server
    // version yields the same bytes, except for the order of hash-table sets and hashes).
    for (const RedisRecord &record : std::as_const(m_sample)) {
        if (record.expiresAtMs >= 0 && record.expiresAtMs <= QDateTime::currentMSecsSinceEpoch() + 1000)
            continue;
        ++*pending;
        RedisConnection &conn = connectionFor(record.key);
        if (!m_cluster)
            conn.command({"SELECT", QByteArray::number(record.db)}, [](const Result<RedisReply> &) {});
        const bool string = record.kind == RedisRecord::Kind::String;
        conn.command({string ? QByteArray("GET") : QByteArray("DUMP"), record.key}, [this, record, string, failures, done](const Result<RedisReply> &r) {
            if (!r || r->type != RedisReply::Type::String)
                failures->append(tr("key %1 of database %2 is missing").arg(QString::fromUtf8(record.key.left(60).toPercentEncoding())).arg(record.db));
            else if (string ? r->str != record.payload : !sameDumpValue(r->str, record.payload))
                failures->append(tr("key %1 of database %2 differs").arg(QString::fromUtf8(record.key.left(60).toPercentEncoding())).arg(record.db));
            else
                ++m_result.sampleCompared;
            done();
        });
    }
    // DEBUG DIGEST, where the server allows it and the comparison means something (the backup
    // took one only for a small data store).
    const QString digest = m_summary.header.value("digest"_L1).toString();
    ++*pending;
    if (digest.isEmpty()) {
        m_result.digestCheck = u"not taken (large data store, or not allowed by the source)"_s;
        return done();
    }
    m_conns.front()->command({"DEBUG", "DIGEST"}, [this, digest, failures, done](const Result<RedisReply> &r) {
        if (!r || r->isError())
            m_result.digestCheck = u"not allowed by the server"_s;
        else if (digest.isEmpty() || !m_result.flushed || m_result.expired > 0 || m_summary.skipped > 0)
            m_result.digestCheck = u"not applicable"_s;
        else if (QString::fromLatin1(r->str) == digest)
            m_result.digestCheck = u"equal"_s;
        else {
            // The source may have changed while it was scanned; say so rather than fail.
            m_result.digestCheck = u"different (the source changed during the backup?)"_s;
        }
        done();
    });
}

void RedisRestore::cancel()
{
    *m_cancelled = true;
}

void RedisRestore::finish(const Result<RedisRestoreResult> &result)
{
    if (std::exchange(m_done, true))
        return;
    for (auto &conn : m_conns)
        conn->close();
    if (result)
        spdlog::info("data store restore of {}: {} keys, {} expired skipped, {:.2f} s", m_options.path.toStdString(), result->restored, result->expired,
                     result->seconds);
    else // reported by every caller (eicctl's message, the GUI): not twice on the terminal
        spdlog::info("data store restore of {} failed: {}", m_options.path.toStdString(), result.error().toString().toStdString());
    Q_EMIT finished(result);
}

} // namespace eic::stores

namespace eic::stores {

RedisJobRunner::RedisJobRunner(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<RedisProgress>();
    qRegisterMetaType<Result<RedisBackupResult>>();
    qRegisterMetaType<Result<RedisRestoreResult>>();
}

RedisJobRunner::~RedisJobRunner()
{
    if (!m_thread)
        return;
    cancel();
    // The anchor (and the job under it) is deleted in its own thread as the thread ends.
    QMetaObject::invokeMethod(m_anchor, [anchor = m_anchor] { anchor->deleteLater(); });
    m_thread->quit();
    m_thread->wait();
}

template<typename Job, typename JobOptions, typename Result>
void RedisJobRunner::launch(const JobOptions &options, void (RedisJobRunner::*done)(const Result &))
{
    if (m_thread) {
        Q_EMIT(this->*done)(Error{tr("A data store transfer is already running."), {}, 0});
        return;
    }
    m_thread = new QThread(this);
    m_thread->setObjectName(u"redis-job"_s);
    m_anchor = new QObject;
    m_anchor->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_anchor, [this, options, done] {
        auto *job = new Job(m_anchor);
        m_jobThread = QThread::currentThread();
        connect(job, &Job::progress, this, &RedisJobRunner::progress); // queued: different threads
        connect(job, &Job::finished, this, [this, done](const Result &result) {
            Q_EMIT(this->*done)(result);
        });
        job->start(options);
    });
}

void RedisJobRunner::startBackup(const RedisBackup::Options &options)
{
    launch<RedisBackup>(options, &RedisJobRunner::backupFinished);
}

void RedisJobRunner::startRestore(const RedisRestore::Options &options)
{
    launch<RedisRestore>(options, &RedisJobRunner::restoreFinished);
}

void RedisJobRunner::cancel()
{
    if (!m_anchor)
        return;
    QMetaObject::invokeMethod(m_anchor, [anchor = m_anchor] {
        for (QObject *child : anchor->children()) {
            if (auto *b = qobject_cast<RedisBackup *>(child))
                b->cancel();
            else if (auto *r = qobject_cast<RedisRestore *>(child))
                r->cancel();
        }
    });
}

} // namespace eic::stores
