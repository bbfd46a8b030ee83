#pragma once

#include <QJsonObject>
#include <QString>

namespace eic::cell {

// Unknown: the cluster has not told yet (connecting, or it refuses us): never "Missing" before
// the first list arrived.
enum class Health { Healthy, Progressing, Degraded, Stopped, Failed, Missing, Unknown };

QString healthName(Health health);

struct HealthAssessment {
    Health health = Health::Missing;
    QString reason;
};

// A deployment's health by kubectl's rollout rules (kube::rolloutStatus, their one home), plus
// what an admin needs on top: Stopped at 0 desired, and Degraded when a finished rollout has
// lost available pods.
HealthAssessment assessDeployment(const QJsonObject &deployment, int terminatingPods);

} // namespace eic::cell
