#include "RedisJobRunner.h"

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
