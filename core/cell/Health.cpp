#include "Health.h"

#include "kube/RolloutStatus.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace eic::cell {

QString healthName(Health health)
{
    switch (health) {
    case Health::Healthy: return QCoreApplication::translate("Health", "Healthy");
    case Health::Progressing: return QCoreApplication::translate("Health", "Progressing");
    case Health::Degraded: return QCoreApplication::translate("Health", "Degraded");
    case Health::Stopped: return QCoreApplication::translate("Health", "Stopped");
    case Health::Failed: return QCoreApplication::translate("Health", "Failed");
    case Health::Missing: return QCoreApplication::translate("Health", "Missing");
    case Health::Unknown: return QCoreApplication::translate("Health", "Unknown");
    }
    return {};
}

HealthAssessment assessDeployment(const QJsonObject &deployment, int terminatingPods)
{
    using Reason = kube::RolloutVerdict::Reason;
    const QJsonObject status = deployment.value("status"_L1).toObject();
    // Counts are omitted when zero; spec.replicas defaults to 1 when unset.
    const int desired = deployment.value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
    const int replicas = status.value("replicas"_L1).toInt(0);
    const int updated = status.value("updatedReplicas"_L1).toInt(0);
    const int available = status.value("availableReplicas"_L1).toInt(0);
    QJsonObject progressing;
    for (const auto &c : status.value("conditions"_L1).toArray()) {
        if (c.toObject().value("type"_L1).toString() == "Progressing"_L1)
            progressing = c.toObject();
    }
    const QString tr = QCoreApplication::translate("Health", "%n pod(s) still terminating", nullptr, terminatingPods);

    if (desired == 0) {
        if (terminatingPods > 0 || replicas > 0)
            return {Health::Stopped, terminatingPods > 0 ? tr : u"stopping"_s};
        return {Health::Stopped, u"scaled to 0"_s};
    }
    // kubectl's rules decide; the words are the dashboard's.
    switch (kube::rolloutStatus(deployment).reason) {
    case Reason::NotObserved:
        return {Health::Progressing, u"waiting for the deployment controller to observe the change"_s};
    case Reason::DeadlineExceeded:
        return {Health::Failed, u"rollout exceeded its progress deadline: %1"_s.arg(progressing.value("message"_L1).toString())};
    case Reason::UpdatedBelowDesired:
        return {Health::Progressing, u"%1 of %2 updated replicas"_s.arg(updated).arg(desired)};
    case Reason::OldReplicasPending:
        return {Health::Progressing, u"%1 old replica(s) pending termination"_s.arg(replicas - updated)};
    case Reason::UnavailableReplicas: {
        // On top of kubectl: a rollout that had finished and since lost pods is Degraded.
        const bool rolling = progressing.value("status"_L1).toString() == "True"_L1
            && progressing.value("reason"_L1).toString() != "NewReplicaSetAvailable"_L1;
        return {rolling ? Health::Progressing : Health::Degraded, u"%1 of %2 replicas available"_s.arg(available).arg(updated)};
    }
    case Reason::WrongReplicas: // not asked for here
    case Reason::None:
        break;
    }
    if (terminatingPods > 0)
        return {Health::Healthy, tr};
    return {Health::Healthy, {}};
}

} // namespace eic::cell
