#pragma once

#include "Error.h"
#include "Journal.h"
#include "RestorePlan.h"
#include "stores/postgres/BackupManifest.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <atomic>
#include <memory>
#include <optional>

namespace eic::kube {
class KubeClient;
class Reflector;
} // namespace eic::kube

namespace eic::restore {

// How the runner reaches a store (for sessions, the archive and the writes check). Optional in
// external mode: without it those checks are journaled as skipped, with the reason.
struct StoreAccess {
    std::optional<stores::PgConnectOptions> database;
    std::optional<stores::RedisOptions> datastore;
};

struct RunRequest {
    RestorePlan plan;
    QStringList accepted; // caution ids the admin acknowledged
    QString operatorName; // OS user
    QString host;
    QString appVersion;
    QString profile;         // the profile used, if any (resume uses it again; never a secret)
    // The store's address as given (--database conninfo, --datastore URL; they never hold a
    // password) and the data store's CA: journaled, so that resume and continue reach the store.
    QString storeAddress;
    QString storeCaFile;
    StoreAccess store;       // the store being restored
    StoreAccess newInstance; // new-instance mode: the store's new address
    std::function<Result<bool>()> updateProfile; // new-instance mode: point the profile at it
    int quiesceTimeoutMs = 300000;
    int rolloutTimeoutMs = 600000;
    int leaseDurationSeconds = 60;
};

struct RunOutcome {
    int exitCode = 0; // as eicctl exits: 0 done, 1 failed and rolled back, 3 caution, 4 pre-flight, 5 needs resume/abort
    QString message;
    QString runId;
    QString journal;
    double downtimeSeconds = -1;
    QString outcome; // complete, rolled-back, preflight-failed; empty: nothing ran, or the run waits
};

// Executes a plan step by step (pre-flight, record, stop, quiesce, data, start, verify,
// cleanup), appending every event to the run's Journal before it goes on; on a failure or a
// cancel it rolls back: every component returns to its recorded count. resume() finishes an
// interrupted run from its journal after re-reading the cluster's real state; abort rolls it
// back. The Lease `eic-restore` in the namespace is held and renewed for the whole run.
class RestoreRunner : public QObject {
    Q_OBJECT
public:
    enum Exit { Done = 0, Failed = 1, CautionMissing = 3, PreflightFailed = 4, NeedsResume = 5 };

    RestoreRunner(kube::KubeClient *client, QObject *parent = nullptr);
    ~RestoreRunner() override;

    void start(const RunRequest &request);
    // Pre-flight only (permissions, dry-run scales, stores, lock free, archive): changes nothing.
    void dryRun(const RunRequest &request);
    // An interrupted run: finish it (dataConfirmed: the admin restored the store in external
    // mode) or roll it back.
    void resume(const QString &journalPath, const RunRequest &request, bool abort, bool dataConfirmed);
    // No journal, but deployments carry eic-restore/original-replicas: put them back.
    void abortFromAnnotations(const QString &ns);
    void cancel();

    static constexpr const char *kAnnotation = "eic-restore/original-replicas";
    static constexpr const char *kLeaseName = "eic-restore";

Q_SIGNALS:
    void event(const QJsonObject &event);
    // External mode without a command: components are stopped, the admin restores now.
    void awaitingData(const QStringList &instructions);
    void finished(const eic::restore::RunOutcome &outcome);

private:
    using Then = std::function<void(const Result<bool> &)>;
    void log(const QString &name, QJsonObject fields = {});
    bool journalFailed() const { return m_journalError.has_value(); }
    void step(const QString &id, const std::function<void(Then)> &body, const std::function<void()> &next);

    // kube helpers, retried on 5xx, 429 and resets (kube/Retry.h)
    void call(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &type,
              std::function<void(const Result<QJsonObject> &)> cb);
    void scaleTo(const QString &name, int replicas, bool dryRun, std::function<void(const Result<int> &)> cb);
    void readScale(const QString &name, std::function<void(const Result<int> &)> cb);
    void annotate(const QString &name, std::optional<int> replicas, Then cb);

    void preflight(Then done);
    void acquireLease(Then done);
    void leaseWritten(const Result<QJsonObject> &written, Then done);
    void renewLease();
    void releaseLease(std::function<void()> then);

    void startWatches();
    void recheckWaiters();
    void reportPods();
    void waitFor(const QString &what, int timeoutMs, std::function<std::optional<QString>()> failure,
                 std::function<bool()> condition, Then done);
    bool podsGone() const;
    std::optional<QString> rolloutFailure() const;
    bool rolledOut() const;

    void record(Then done);
    void stopAll(Then done);
    void quiesce(Then done);
    void sessionsGone(int attemptsLeft, Then done);
    bool isComponentSession(const QString &name, const QString &host) const;
    void dataStep(Then done);
    void checkWrites(const StoreAccess &access, Then done);
    void startAll(Then done);
    void verify(Then done);
    void cleanup(Then done);
    void runFrom(const QString &stepId);
    void rollback(const QString &reason);
    void finish(int exitCode, const QString &message, const QString &outcome);

    kube::KubeClient *m_client;
    RunRequest m_req;
    RestorePlan m_plan;
    std::unique_ptr<Journal> m_journal;
    std::optional<Error> m_journalError;
    QHash<QString, int> m_recorded;
    QJsonObject m_lastPodCounts;
    mutable QSet<QString> m_podIps; // of the stopped components' pods, as the watch saw them
    QString m_dataState = QStringLiteral("not started");
    QString m_dataStateBefore; // a resumed run: its data step as the journal left it
    stores::BackupFingerprint m_archiveFingerprint; // the database backup as the pre-flight verified it
    QString m_ns;
    QString m_holder;
    QTimer m_leaseTimer;
    bool m_leaseHeld = false;
    kube::Reflector *m_deployments = nullptr;
    kube::Reflector *m_pods = nullptr;
    struct Waiter {
        std::function<bool()> condition;
        std::function<std::optional<QString>()> failure;
        Then done;
        QTimer *timer;
    };
    QList<std::shared_ptr<Waiter>> m_waiters;
    QElapsedTimer m_downClock; // from the first scale-down to the last rollout
    qint64 m_downBeforeMs = 0; // a resumed run: how long the components had been down when it resumed
    double m_downtime = -1;
    bool m_cancelled = false;
    std::shared_ptr<std::atomic_bool> m_checksCancelled = std::make_shared<std::atomic_bool>(false); // a backup's checksums stop early
    bool m_rollingBack = false;
    bool m_finished = false;
    bool m_dryRun = false;
    bool m_aborting = false; // the admin asked for the rollback: it is the command's success
    QString m_crashAt; // test seam (EIC_TEST_CRASH_AT): SIGKILL right after that journal event
    std::function<void()> m_cancelHook; // stops a running data step
};

} // namespace eic::restore

Q_DECLARE_METATYPE(eic::restore::RunOutcome)
