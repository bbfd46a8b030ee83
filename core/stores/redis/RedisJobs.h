#pragma once

#include "Error.h"
#include "RedisBackupFile.h"
#include "RedisConnection.h"
#include "RedisTopology.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <deque>
#include <memory>

namespace eic::stores {

struct RedisProgress {
    QString phase; // "scanning", "verifying", "restoring", "checking"
    quint64 keys = 0;
    quint64 keysTotal = 0;
    qint64 bytes = 0;
    double keysPerSecond = 0;
    double elapsedSeconds = 0;
    double etaSeconds = -1;
};

struct RedisBackupResult {
    QString path;
    quint64 records = 0;
    quint64 skipped = 0; // keys gone between SCAN and DUMP
    qint64 bytes = 0;
    double seconds = 0;
    QJsonObject header;
};

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

// Backup of a Redis/Valkey data store: SCAN over every database; per batch one MGET for the
// strings and pipelined DUMP for the other types (PTTL only where INFO keyspace shows expiring
// keys), streamed into our file format; constant memory; keys gone by then are skipped and counted.
class RedisBackup : public QObject {
    Q_OBJECT
public:
    struct Options {
        RedisOptions connection;
        QString folder;
        // Measured with 1M keys (bench/redis_engine.sh): 1500 keys per SCAN and 4 batches of reads
        // in flight kept the server busiest; 1000 was 40% slower, 10000 thrashed its caches.
        int batch = 1500;       // keys per SCAN (a hint to the server)
        int readsInFlight = 4;  // MGET/DUMP batches sent before the first is answered
        bool strings = true;    // strings by MGET (off in a cluster: MGET spans one slot only)
        quint64 digestUpToKeys = 200000; // DEBUG DIGEST blocks the server: only for small stores
    };
    explicit RedisBackup(QObject *parent = nullptr);
    void start(const Options &options);
    void cancel();

Q_SIGNALS:
    void progress(const eic::stores::RedisProgress &progress);
    void finished(const eic::Result<eic::stores::RedisBackupResult> &result);

private:
    void collectInfo(int node);
    void openNode(int node);
    void nextDatabase();
    void scan();
    void pumpReads();
    void readStrings(QList<QByteArray> keys);
    void dumpKeys(QList<QByteArray> keys);
    void batchDone();
    Result<bool> connectionLost(const Error &error);
    void finish(const Result<RedisBackupResult> &result);

    Options m_options;
    RedisConnection m_conn;
    std::unique_ptr<RedisBackupWriter> m_writer;
    QList<RedisNode> m_nodes; // the masters, worked one after the other
    QList<QList<QPair<int, bool>>> m_nodeDatabases;
    QMap<int, quint64> m_keysPerDb;
    QMap<int, quint64> m_expiresPerDb;
    int m_nodeIndex = 0;
    QList<QPair<int, bool>> m_databases; // of the current master: db, has expiring keys
    int m_dbIndex = -1;
    int m_currentDb = 0;
    RedisConnection m_scanConn;
    struct Batch {
        QList<QByteArray> keys;
        bool dump = false; // DUMP (other types) rather than MGET
    };
    std::deque<Batch> m_queue; // scanned, not yet read
    QByteArray m_cursor;
    int m_outstanding = 0; // read batches sent and not yet answered
    bool m_scanning = false;
    bool m_scanDone = false;
    quint64 m_skipped = 0;
    quint64 m_total = 0;
    QJsonObject m_header;
    QString m_path;
    QElapsedTimer m_clock;
    qint64 m_lastReport = 0;
    bool m_cancelled = false;
    bool m_done = false;
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

Q_DECLARE_METATYPE(eic::stores::RedisProgress)
Q_DECLARE_METATYPE(eic::Result<eic::stores::RedisBackupResult>)
Q_DECLARE_METATYPE(eic::Result<eic::stores::RedisRestoreResult>)

namespace eic::stores {

// Runs one backup or restore on a thread of its own, so the GUI stays responsive during a
// transfer of gigabytes; its signals arrive queued on the thread that owns the runner. The job
// and its sockets are created inside the worker thread and die there.
class RedisJobRunner : public QObject {
    Q_OBJECT
public:
    explicit RedisJobRunner(QObject *parent = nullptr);
    ~RedisJobRunner() override; // cancels a running job and waits for its thread
    void startBackup(const RedisBackup::Options &options);
    void startRestore(const RedisRestore::Options &options);
    void cancel();
    // The thread the job ran on (for tests and diagnostics); null before a start.
    QThread *jobThread() const { return m_jobThread.load(); }

Q_SIGNALS:
    void progress(const eic::stores::RedisProgress &progress);
    void backupFinished(const eic::Result<eic::stores::RedisBackupResult> &result);
    void restoreFinished(const eic::Result<eic::stores::RedisRestoreResult> &result);

private:
    template<typename Job, typename JobOptions, typename Result>
    void launch(const JobOptions &options, void (RedisJobRunner::*done)(const Result &));

    QThread *m_thread = nullptr;
    QObject *m_anchor = nullptr; // lives in the worker thread; the job is its child
    std::atomic<QThread *> m_jobThread{nullptr};
};

} // namespace eic::stores
