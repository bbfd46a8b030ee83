#pragma once

#include "Error.h"
#include "RestorePlan.h"
#include "RestoreRunner.h"

#include <QObject>

#include <functional>

namespace eic::kube {
class KubeClient;
}

namespace eic::restore {

// What the planner needs from the cell and the store, read without changing anything: the
// deployments of the namespace with their replica counts, the HPAs that target them, built-in
// store StatefulSets, the message service's replicas, and (given a connection) the store's facts.
// Fills in the matching fields of `input` and hands it back.
void surveyCell(kube::KubeClient *client, PlanInput input, const StoreAccess &store, QObject *receiver,
                std::function<void(const Result<PlanInput> &)> callback);

// The store part of that, with the archive's facts: the database's size, user tables and newest
// commit (or "now", labelled an estimate), the data store's persistence and keys, the archive's
// time, size and contents. A store that cannot be inspected is said (…InspectionError), never guessed.
void inspectStores(PlanInput input, const StoreAccess &store, QObject *receiver, std::function<void(const Result<PlanInput> &)> callback);

} // namespace eic::restore
