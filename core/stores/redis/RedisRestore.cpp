#include "RedisRestore.h"

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
                if (!followMoved(r.str))
                    return;
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

bool RedisRestore::followMoved(const QByteArray &moved)
{
    // The slot has another master now: follow it if that master is one we know.
    const QList<QByteArray> parts = moved.split(' ');
    const int slot = parts.value(1).toInt();
    const QByteArray address = parts.value(2);
    int target = -1;
    for (qsizetype n = 0; n < m_nodes.size(); ++n)
        if (u"%1:%2"_s.arg(m_nodes.at(n).options.host).arg(m_nodes.at(n).options.port).toUtf8() == address)
            target = static_cast<int>(n);
    if (target < 0) {
        finish(Error{tr("The cluster moved slot %1 to %2, a master it did not have when the restore began: it is being resharded. %3 of %4 keys were restored; run the restore again when the resharding is done.")
                         .arg(slot).arg(QString::fromUtf8(address)).arg(m_result.restored).arg(m_summary.records),
                     {}, 1});
        return false;
    }
    m_slots[static_cast<size_t>(slot & 16383)] = static_cast<qint8>(target);
    return true;
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
