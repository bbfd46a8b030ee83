#include "RedisJobs.h"

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
    m_currentDb = options.connection.database;
    m_clock.start();
    m_conn.open(options.connection, [this](const Result<bool> &opened) {
        if (!opened)
            return finish(opened.error());
        m_conn.command({"INFO"}, [this](const Result<RedisReply> &info) {
            if (!info || info->isError())
                return finish(info ? Error{permissionHint(info->str, m_options.connection.username, "INFO"), {}, 0} : info.error());
            const auto fields = infoFields(info->str);
            const bool valkey = fields.contains(u"valkey_version"_s);
            QJsonArray dbs;
            for (const auto &[db, counts] : keyspace(fields)) {
                m_databases.append({db, counts.second > 0});
                m_total += counts.first;
                dbs.append(QJsonObject{{"db"_L1, db}, {"keys"_L1, static_cast<qint64>(counts.first)}, {"expires"_L1, static_cast<qint64>(counts.second)}});
            }
            m_header = QJsonObject{{"format"_L1, "eic-restore/datastore-backup"_L1},
                                   {"version"_L1, 1},
                                   {"source"_L1, m_conn.target()},
                                   {"product"_L1, valkey ? "valkey"_L1 : "redis"_L1},
                                   {"serverVersion"_L1, valkey ? fields.value(u"valkey_version"_s) : fields.value(u"redis_version"_s)},
                                   {"rdbVersionHint"_L1, fields.value(u"redis_version"_s)},
                                   {"created"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                   {"databases"_L1, dbs}};
            // DEBUG DIGEST of the source, where the server allows it (it is off by default in Redis 7).
            m_conn.command({"DEBUG", "DIGEST"}, [this](const Result<RedisReply> &digest) {
                if (digest && !digest->isError())
                    m_header["digest"_L1] = QString::fromLatin1(digest->str);
                const QString name = u"datastore-%1.eicrdb"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
                QDir().mkpath(m_options.folder);
                m_path = QDir(m_options.folder).filePath(name);
                auto writer = RedisBackupWriter::create(m_path, m_header);
                if (!writer)
                    return finish(writer.error());
                m_writer = std::move(writer.value());
                nextDatabase();
            });
        });
    });
}

void RedisBackup::nextDatabase()
{
    ++m_dbIndex;
    if (m_dbIndex >= m_databases.size()) {
        if (auto done = m_writer->finish(m_skipped); !done)
            return finish(done.error());
        return finish(RedisBackupResult{m_path, m_writer->records(), m_skipped, m_writer->bytes(),
                                        static_cast<double>(m_clock.elapsed()) / 1000.0, m_header});
    }
    const int db = m_databases.at(m_dbIndex).first;
    if (db != m_currentDb) {
        m_currentDb = db;
        m_conn.command({"SELECT", QByteArray::number(db)}, [this](const Result<RedisReply> &r) {
            if (!r || r->isError())
                return finish(r ? Error{permissionHint(r->str, m_options.connection.username, "SELECT"), {}, 0} : r.error());
        });
    }
    scan("0");
}

void RedisBackup::scan(const QByteArray &cursor)
{
    if (m_done)
        return;
    if (m_cancelled)
        return finish(Error{tr("The backup was cancelled; the partial file was removed."), {}, 0});
    const int db = m_databases.at(m_dbIndex).first;
    const bool expiring = m_databases.at(m_dbIndex).second;
    m_conn.command({"SCAN", cursor, "COUNT", QByteArray::number(m_options.batch)}, [this, db, expiring](const Result<RedisReply> &r) {
        if (m_done)
            return;
        if (!r || r->isError() || r->elements.size() != 2)
            return finish(r ? Error{permissionHint(r->str, m_options.connection.username, "SCAN"), {}, 0} : r.error());
        const QByteArray next = r->elements.at(0).str;
        const QList<RedisReply> keys = r->elements.at(1).elements;
        // DUMP (and PTTL) of this batch go out at once, the next SCAN right behind them: the
        // server never waits for us, and at most one batch is held here.
        for (const RedisReply &k : keys) {
            auto expiry = std::make_shared<qint64>(-1);
            if (expiring) {
                m_conn.command({"PTTL", k.str}, [expiry](const Result<RedisReply> &t) {
                    if (t && t->type == RedisReply::Type::Integer)
                        *expiry = t->integer >= 0 ? QDateTime::currentMSecsSinceEpoch() + t->integer : (t->integer == -2 ? -2 : -1);
                });
            }
            m_conn.command({"DUMP", k.str}, [this, db, key = k.str, expiry](const Result<RedisReply> &d) {
                if (m_done)
                    return;
                if (!d)
                    return finish(Error{tr("The data store connection was lost after %1 keys: %2").arg(m_writer ? m_writer->records() : 0).arg(d.error().message), {}, 0});
                if (d->isError())
                    return finish(Error{permissionHint(d->str, m_options.connection.username, "DUMP"), {}, 0});
                if (d->type == RedisReply::Type::Nil || *expiry == -2) {
                    ++m_skipped; // gone between SCAN and DUMP
                    return;
                }
                if (auto w = m_writer->write({db, *expiry, key, d->str}); !w)
                    return finish(w.error());
                const qint64 now = m_clock.elapsed();
                if (now - m_lastReport >= 250) {
                    m_lastReport = now;
                    const double seconds = static_cast<double>(now) / 1000.0;
                    Q_EMIT progress({u"scanning"_s, m_writer->records(), m_total, m_writer->bytes(), m_writer->records() / std::max(seconds, 0.001), seconds, -1});
                }
            });
        }
        if (next == "0") {
            // Finish the database once the last DUMP of this batch is answered.
            m_conn.command({"PING"}, [this](const Result<RedisReply> &) {
                if (!m_done)
                    nextDatabase();
            });
        } else {
            scan(next);
        }
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
    // The whole file is checked before anything is written: a damaged one is refused here.
    runInBackground<Result<RedisBackupSummary>>(this, [path, cancelled] {
        return RedisBackupReader::scan(path, {}, [cancelled] { return cancelled->load(); });
    }, [this](Result<RedisBackupSummary> summary) {
        if (!summary)
            return finish(Error{summary.error().message, {}, PreflightFailed});
        m_summary = *summary;
        for (auto it = m_summary.recordsPerDb.begin(); it != m_summary.recordsPerDb.end(); ++it)
            m_result.expectedPerDb[it.key()] = it.value();
        begin();
    });
}

void RedisRestore::begin()
{
    auto header = m_stream.open(m_options.path);
    if (!header)
        return finish(Error{header.error().message, {}, PreflightFailed});
    m_conn.open(m_options.connection, [this](const Result<bool> &opened) {
        if (!opened)
            return finish(Error{opened.error().message, {}, PreflightFailed});
        auto go = [this] {
            m_conn.command({"CLIENT", "SETNAME", "eic-restore"}, [](const Result<RedisReply> &) {});
            Q_EMIT progress({u"restoring"_s, 0, m_summary.records, 0, 0, 0, -1});
            pump();
        };
        if (!m_options.flush)
            return go();
        m_conn.command({"FLUSHALL"}, [this, go](const Result<RedisReply> &r) {
            if (!r || r->isError())
                return finish(Error{r ? permissionHint(r->str, m_options.connection.username, "FLUSHALL") + tr(" Nothing was written.")
                                      : r.error().message,
                                    {}, PreflightFailed});
            m_written = true;
            m_result.flushed = true;
            go();
        });
    });
}

void RedisRestore::pump()
{
    while (!m_done && m_inFlight < m_options.window) {
        if (*m_cancelled)
            return finish(Error{tr("The restore was cancelled after %1 of %2 keys: the data store is PARTLY restored.").arg(m_result.restored).arg(m_summary.records), {}, 1});
        if (!m_retry.empty()) {
            send(m_retry.front());
            m_retry.pop_front();
            continue;
        }
        if (m_streamDone)
            break;
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
        send(record);
    }
    if (m_streamDone && m_retry.empty() && m_inFlight == 0 && !m_done)
        verifyAfter();
}

void RedisRestore::send(const RedisRecord &record)
{
    if (record.db != m_selected) {
        m_selected = record.db;
        ++m_inFlight;
        m_conn.command({"SELECT", QByteArray::number(record.db)}, [this](const Result<RedisReply> &r) {
            --m_inFlight;
            if (!r || r->isError())
                finish(Error{r ? permissionHint(r->str, m_options.connection.username, "SELECT") : r.error().message, {}, 1});
        });
    }
    ++m_inFlight;
    const QByteArray ttl = QByteArray::number(record.expiresAtMs < 0 ? 0 : record.expiresAtMs);
    m_conn.command({"RESTORE", record.key, ttl, record.payload, "REPLACE", "ABSTTL"}, [this, record](const Result<RedisReply> &r) {
        --m_inFlight;
        if (m_done)
            return;
        if (!r)
            return finish(Error{tr("The connection to the data store was lost after %1 of %2 keys were restored: %3 The data store is PARTLY restored.")
                                    .arg(m_result.restored).arg(m_summary.records).arg(r.error().message),
                                {}, 1});
        m_written = true;
        if (r->isError()) {
            if (r->str.startsWith("LOADING") || r->str.startsWith("BUSY")) {
                // The server is loading or busy with a script: wait and send it again.
                ++m_result.retries;
                m_selected = -1;
                QTimer::singleShot(100, this, [this, record] {
                    m_retry.push_back(record);
                    pump();
                });
                return;
            }
            return finish(Error{permissionHint(r->str, m_options.connection.username, "RESTORE") + tr(" (%1 of %2 keys were restored.)").arg(m_result.restored).arg(m_summary.records), {}, 1});
        }
        ++m_result.restored;
        report(false);
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
    // Key counts per database.
    for (auto it = m_result.expectedPerDb.begin(); it != m_result.expectedPerDb.end(); ++it) {
        const int db = it.key();
        ++*pending;
        m_conn.command({"SELECT", QByteArray::number(db)}, [](const Result<RedisReply> &) {});
        m_conn.command({"DBSIZE"}, [this, db, failures, done](const Result<RedisReply> &r) {
            const quint64 found = r && r->type == RedisReply::Type::Integer ? static_cast<quint64>(r->integer) : 0;
            m_result.keysPerDb[db] = found;
            const quint64 expected = m_result.expectedPerDb.value(db);
            // Keys that expired during the restore may be missing; a flushed store holds exactly the file.
            const bool ok = m_result.flushed ? (found <= expected && found + m_result.expired >= expected) : found >= expected - std::min(expected, m_result.expired);
            if (!ok)
                failures->append(tr("database %1 holds %2 keys, the backup %3").arg(db).arg(found).arg(expected));
            done();
        });
    }
    // A sample of keys byte for byte (DUMP of the same server version yields the same bytes).
    for (const RedisRecord &record : std::as_const(m_sample)) {
        if (record.expiresAtMs >= 0 && record.expiresAtMs <= QDateTime::currentMSecsSinceEpoch() + 1000)
            continue;
        ++*pending;
        m_conn.command({"SELECT", QByteArray::number(record.db)}, [](const Result<RedisReply> &) {});
        m_conn.command({"DUMP", record.key}, [this, record, failures, done](const Result<RedisReply> &r) {
            if (!r || r->type != RedisReply::Type::String)
                failures->append(tr("key %1 of database %2 is missing").arg(QString::fromUtf8(record.key.left(60).toPercentEncoding())).arg(record.db));
            else if (r->str != record.payload)
                failures->append(tr("key %1 of database %2 differs").arg(QString::fromUtf8(record.key.left(60).toPercentEncoding())).arg(record.db));
            else
                ++m_result.sampleCompared;
            done();
        });
    }
    // DEBUG DIGEST, where the server allows it and the comparison means something.
    const QString digest = m_summary.header.value("digest"_L1).toString();
    ++*pending;
    m_conn.command({"DEBUG", "DIGEST"}, [this, digest, failures, done](const Result<RedisReply> &r) {
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
    m_conn.close();
    if (result)
        spdlog::info("data store restore of {}: {} keys, {} expired skipped, {:.2f} s", m_options.path.toStdString(), result->restored, result->expired,
                     result->seconds);
    else
        spdlog::warn("data store restore of {}: {}", m_options.path.toStdString(), result.error().toString().toStdString());
    Q_EMIT finished(result);
}

} // namespace eic::stores
