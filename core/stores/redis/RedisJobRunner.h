#pragma once

#include "Error.h"
#include "RedisBackup.h"
#include "RedisRestore.h"

#include <QObject>
#include <QThread>

#include <atomic>

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
