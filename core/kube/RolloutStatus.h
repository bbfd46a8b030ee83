#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace eic::kube {

// What `kubectl rollout status` would say of a Deployment right now.
struct RolloutVerdict {
    enum class State { Complete, Progressing, Failed };
    // Why a rollout is not complete: the rule of kubectl's that holds it (or WrongReplicas).
    enum class Reason { None, NotObserved, DeadlineExceeded, WrongReplicas, UpdatedBelowDesired, OldReplicasPending, UnavailableReplicas };
    State state = State::Progressing;
    Reason reason = Reason::None;
    QString message; // kubectl's wording, e.g. Waiting for deployment "x" rollout to finish: 1 of 2 updated replicas are available...
};

// The one home of kubectl's rollout rules for a Deployment (pkg/polymorphichelpers/rollout_status.go),
// in kubectl's order: generation > observedGeneration -> Progressing; condition Progressing
// with reason ProgressDeadlineExceeded -> Failed; updatedReplicas < spec.replicas; replicas >
// updatedReplicas (old replicas pending termination); availableReplicas < updatedReplicas;
// else Complete. Counts the server omits are 0; an unset spec.replicas is 1 (the API default).
// wantReplicas: when set, also requires spec.replicas == wantReplicas (a restore waits for its
// recorded count; a spec that still says otherwise is Progressing, checked after the deadline).
RolloutVerdict rolloutStatus(const QJsonObject &deployment, std::optional<int> wantReplicas = std::nullopt);

} // namespace eic::kube
