#pragma once

#include "Events.h"
#include "RestorePlan.h"
#include "RunRequest.h"
#include "RunWriter.h"
#include "stores/postgres/BackupManifest.h"
#include "util/ChildProcess.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QSet>

#include <atomic>
#include <memory>

namespace eic::kube {
class ClusterWatch;
class DeploymentScaler;
class KubeClient;
class LeaseLock;
} // namespace eic::kube

namespace eic::stores {
class StoreProbe;
}

namespace eic::restore {

// The second copy of the recorded counts, on each deployment, and the run's lock.
inline constexpr QLatin1StringView kAnnotation{"eic-restore/original-replicas"};
inline constexpr QLatin1StringView kLeaseName{"eic-restore"};

// What every step of one run shares: the request and its plan, the cluster's pieces, the
// writer of the journal, and what the run has learnt so far. Owned by the runner; steps get a
// reference and never outlive it.
struct RunContext {
    RunRequest req;
    RestorePlan plan;
    QString ns;
    QString holder; // the Lease's holder identity: "RUNID user@host"
    bool dryRun = false;

    kube::KubeClient *client = nullptr;
    kube::DeploymentScaler *scaler = nullptr;
    kube::LeaseLock *lock = nullptr;
    kube::ClusterWatch *watch = nullptr;
    RunWriter *writer = nullptr;

    QHash<QString, int> recorded; // component -> replicas before the stop
    QJsonObject cellIdentity;     // as journaled (CellIdentity::toJson)
    QJsonObject storeIdentity;    // as journaled (StoreIdentity::toJson), empty: not known
    DataState data = DataState::NotStarted;
    DataState dataBefore = DataState::NotStarted; // a resumed run: as the journal left it
    stores::BackupFingerprint archiveFingerprint;  // the database backup as the pre-flight verified it
    QSet<QString> podIps;                          // of the stopped components' pods, as the watch saw them
    QStringList notChecked;                        // "what (why)": named in the final sentence
    QStringList leftovers;                         // what the run could not remove
    bool storeAcceptsWrites = false;               // checked after the data step: only then "restored"
    QList<util::ChildRecord> children;             // processes of the run still running (journaled)
    std::shared_ptr<std::atomic_bool> cancelled = std::make_shared<std::atomic_bool>(false); // for work on other threads

    QElapsedTimer downClock; // from the first scale-down to the last rollout
    qint64 downBeforeMs = 0; // a resumed run: how long the components were down before it
    double downtime = -1;

    bool database() const { return plan.target == cell::RestoreTarget::Database; }
    QString storeWord() const;
    // The store the data step reaches: the new instance in new-instance mode, else the store.
    const StoreAccess &access() const { return plan.mode == DataMode::NewInstance ? req.newInstance : req.store; }
    bool hasStore() const { return database() ? access().database.has_value() : access().datastore.has_value(); }
    // A probe of that store, or nullptr without a connection.
    std::unique_ptr<stores::StoreProbe> probe() const;
    QStringList names() const; // the recorded components, sorted
    void startDownClock();
    void stopDownClock();
    void notCheckedBecause(const QString &check, const QString &why);
    // How the run ended, with what it could not check and what it left.
    RunOutcome outcome(int exitCode, const QString &message, const QString &outcome) const;
};

} // namespace eic::restore
