#include "Health.h"

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
    const QJsonObject meta = deployment.value("metadata"_L1).toObject();
    const QJsonObject spec = deployment.value("spec"_L1).toObject();
    const QJsonObject status = deployment.value("status"_L1).toObject();
    // Counts are omitted when zero; spec.replicas defaults to 1 when unset.
    const int desired = spec.value("replicas"_L1).toInt(1);
    const int replicas = status.value("replicas"_L1).toInt(0);
    const int updated = status.value("updatedReplicas"_L1).toInt(0);
    const int available = status.value("availableReplicas"_L1).toInt(0);
    const qint64 generation = meta.value("generation"_L1).toInteger(0);
    const qint64 observed = status.value("observedGeneration"_L1).toInteger(0);

    QJsonObject progressing;
    for (const auto &c : status.value("conditions"_L1).toArray()) {
        if (c.toObject().value("type"_L1).toString() == "Progressing"_L1)
            progressing = c.toObject();
    }
    const QString tr = u"%1 pod(s) still terminating"_s.arg(terminatingPods);

    if (desired == 0) {
        if (terminatingPods > 0 || replicas > 0)
            return {Health::Stopped, terminatingPods > 0 ? tr : u"stopping"_s};
        return {Health::Stopped, u"scaled to 0"_s};
    }
    if (generation > observed)
        return {Health::Progressing, u"waiting for the deployment controller to observe the change"_s};
    if (progressing.value("reason"_L1).toString() == "ProgressDeadlineExceeded"_L1)
        return {Health::Failed, u"rollout exceeded its progress deadline: %1"_s.arg(progressing.value("message"_L1).toString())};
    if (updated < desired)
        return {Health::Progressing, u"%1 of %2 updated replicas"_s.arg(updated).arg(desired)};
    if (replicas > updated)
        return {Health::Progressing, u"%1 old replica(s) pending termination"_s.arg(replicas - updated)};
    if (available < updated) {
        const bool rolling = progressing.value("status"_L1).toString() == "True"_L1
            && progressing.value("reason"_L1).toString() != "NewReplicaSetAvailable"_L1;
        const QString text = u"%1 of %2 replicas available"_s.arg(available).arg(updated);
        return {rolling ? Health::Progressing : Health::Degraded, text};
    }
    if (terminatingPods > 0)
        return {Health::Healthy, tr};
    return {Health::Healthy, {}};
}

} // namespace eic::cell
