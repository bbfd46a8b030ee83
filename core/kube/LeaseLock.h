#pragma once

#include "DeploymentScaler.h"
#include "Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace eic::kube {

// What a Lease says, and whether a run may take it (pure: tested in a table).
struct LeaseState {
    bool exists = false;
    QString holder; // "RUNID user@host"
    QDateTime renewed;
    QDateTime acquired;
    int durationSeconds = 60;
    static LeaseState fromJson(const QJsonObject &lease);
};
enum class LockVerdict { Free, Ours, Expired, HeldByOther };
// runId: the run asking (the first word of the holder identity).
LockVerdict lockVerdict(const LeaseState &lease, const QString &runId, const QDateTime &now);

// The restore's lock: a coordination.k8s.io Lease in the namespace, renewed every 10 s while held.
class LeaseLock : public QObject {
    Q_OBJECT
public:
    LeaseLock(const DeploymentScaler &api, QString name, QString holder, int durationSeconds, QObject *parent = nullptr);

    QString name() const { return m_name; }
    QString holder() const { return m_holder; }
    bool held() const { return m_held; }

    // Takes the lock (creates the Lease, or takes over our own or an expired one); refuses one
    // another run holds, naming it.
    void acquire(QObject *receiver, std::function<void(const Result<bool> &)> done);
    // Only looks: nullopt when free, else the holder's sentence (a dry run).
    void peek(QObject *receiver, std::function<void(const Result<std::optional<QString>> &)> done);
    // Deletes the Lease; a 404 counts as released.
    void release(QObject *receiver, std::function<void(const Result<bool> &)> done);
    void stopRenewing() { m_renew.stop(); }

private:
    void written(const Result<QJsonObject> &r, QObject *receiver, std::function<void(const Result<bool> &)> done);
    QString path() const;

    DeploymentScaler m_api;
    QString m_name;
    QString m_holder;
    int m_duration;
    bool m_held = false;
    QTimer m_renew;
};

} // namespace eic::kube
