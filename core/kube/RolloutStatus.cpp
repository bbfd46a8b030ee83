#include "RolloutStatus.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace eic::kube {

namespace {

QJsonObject progressingCondition(const QJsonObject &status)
{
    for (const auto &c : status.value("conditions"_L1).toArray()) {
        if (c.toObject().value("type"_L1).toString() == "Progressing"_L1)
            return c.toObject();
    }
    return {};
}

} // namespace

RolloutVerdict rolloutStatus(const QJsonObject &deployment, std::optional<int> wantReplicas)
{
    using State = RolloutVerdict::State;
    using Reason = RolloutVerdict::Reason;
    const QJsonObject meta = deployment.value("metadata"_L1).toObject();
    const QJsonObject status = deployment.value("status"_L1).toObject();
    const QString name = meta.value("name"_L1).toString();
    const int desired = deployment.value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
    const int replicas = status.value("replicas"_L1).toInt(0);
    const int updated = status.value("updatedReplicas"_L1).toInt(0);
    const int available = status.value("availableReplicas"_L1).toInt(0);
    const auto waiting = [&name](Reason reason, const QString &what) {
        return RolloutVerdict{State::Progressing, reason, u"Waiting for deployment \"%1\" rollout to finish: %2..."_s.arg(name, what)};
    };

    if (meta.value("generation"_L1).toInteger(0) > status.value("observedGeneration"_L1).toInteger(0))
        return {State::Progressing, Reason::NotObserved, u"Waiting for deployment spec update to be observed..."_s};
    const QJsonObject progressing = progressingCondition(status);
    if (progressing.value("reason"_L1).toString() == "ProgressDeadlineExceeded"_L1)
        return {State::Failed, Reason::DeadlineExceeded, u"deployment \"%1\" exceeded its progress deadline"_s.arg(name)};
    if (wantReplicas && desired != *wantReplicas)
        return waiting(Reason::WrongReplicas, u"spec.replicas is %1, not the %2 wanted"_s.arg(desired).arg(*wantReplicas));
    if (updated < desired)
        return waiting(Reason::UpdatedBelowDesired, u"%1 out of %2 new replicas have been updated"_s.arg(updated).arg(desired));
    if (replicas > updated)
        return waiting(Reason::OldReplicasPending, u"%1 old replicas are pending termination"_s.arg(replicas - updated));
    if (available < updated)
        return waiting(Reason::UnavailableReplicas, u"%1 of %2 updated replicas are available"_s.arg(available).arg(updated));
    return {State::Complete, Reason::None, u"deployment \"%1\" successfully rolled out"_s.arg(name)};
}

} // namespace eic::kube
