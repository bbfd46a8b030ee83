#pragma once

#include "Error.h"
#include "RedisBackupFile.h"
#include "RedisConnection.h"
#include "RedisProgress.h"
#include "RedisTopology.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <atomic>
#include <deque>
#include <memory>
#include <vector>

namespace eic::stores {

struct RedisRestoreResult {
    quint64 restored = 0;
    quint64 expired = 0; // already expired: not written
    quint64 retries = 0; // LOADING / BUSY answers waited out
    bool flushed = false;
    QHash<int, quint64> keysPerDb;   // found after the restore
    QHash<int, quint64> expectedPerDb;
    int sampleCompared = 0;
    QString digestCheck; // "equal", "different", "not allowed by the server", "not applicable"
    double seconds = 0;
    QJsonObject toJson() const;
};

// Restore into a Redis/Valkey data store: the file is verified completely first; with
// `flush` (the flush-datastore caution) the target is emptied for a complete restore,
// otherwise keys are replaced one by one and others stay. Pipelined RESTORE … REPLACE ABSTTL
// (expired keys skipped), LOADING/BUSY waited out, then counts, a sample of keys byte for byte
// and DEBUG DIGEST where allowed.
class RedisRestore : public QObject {
    Q_OBJECT
public:
    struct Options {
        RedisOptions connection;
        QString path;
        bool flush = false;
        int window = 2000; // commands in flight
    };
    enum ErrorCode { PreflightFailed = 4 };
    explicit RedisRestore(QObject *parent = nullptr);
    void start(const Options &options);
    void cancel();
    bool dataChanged() const { return m_written; }

Q_SIGNALS:
    void progress(const eic::stores::RedisProgress &progress);
    void finished(const eic::Result<eic::stores::RedisRestoreResult> &result);

private:
    void begin();
    void pump();
    void sendBatch(QList<RedisRecord> records);
    void sendBatchTo(int node, QList<RedisRecord> records);
    bool followMoved(const QByteArray &moved); // false: the restore failed (a master we do not know)
    int nodeOf(const QByteArray &key) const;
    RedisConnection &connectionFor(const QByteArray &key) { return *m_conns[static_cast<size_t>(nodeOf(key))]; }
    void verifyAfter();
    void finish(const Result<RedisRestoreResult> &result);
    void report(bool force);

    Options m_options;
    std::vector<std::unique_ptr<RedisConnection>> m_conns; // one per master
    QList<RedisNode> m_nodes;
    RedisSlotMap m_slots{};
    bool m_cluster = false;
    int m_opened = 0;
    RedisBackupStream m_stream;
    RedisBackupSummary m_summary;
    RedisRestoreResult m_result;
    std::deque<RedisRecord> m_retry;
    QList<RedisRecord> m_sample;
    quint64 m_seen = 0;
    int m_inFlight = 0;
    int m_selected = -1;
    bool m_streamDone = false;
    bool m_verified = false;
    bool m_connected = false;
    bool m_written = false;
    bool m_done = false;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    QElapsedTimer m_clock;
    qint64 m_lastReport = 0;
};

} // namespace eic::stores

Q_DECLARE_METATYPE(eic::Result<eic::stores::RedisRestoreResult>)
