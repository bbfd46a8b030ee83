#pragma once

#include "ApiDiscovery.h"
#include "ApiRequest.h"
#include "ApiStatus.h"
#include "FaultInjector.h"
#include "Scenario.h"
#include "WatchStream.h"

namespace eic::sim {

class SimCell;

// The resource endpoints: list (limit/continue, selectors, Table), get, the scale subresource
// (GET, PUT, PATCH with three patch types, dry run, 409 on a stale resourceVersion), PATCH of
// a deployment (annotations, labels, spec.replicas), Leases (create, get, update, delete) and
// SelfSubjectAccessReview. Watches are streamed by WatchStream; everything else is one answer.
class ResourceApi {
public:
    ResourceApi(SimCell &cell, FaultInjector &faults);

    ApiResponse handle(const ApiRequest &request, const ResourcePath &path, const ResourceType &type, const SimUser &user);

    // What the request is, in RBAC's words ("get", "list", "watch", "patch", ...).
    static QString verbOf(const ApiRequest &request, const ResourcePath &path);
    static Representation representationOf(const ApiRequest &request);

private:
    ApiResponse list(const ApiRequest &request, const ResourcePath &path, const ResourceType &type);
    ApiResponse get(const ApiRequest &request, const ResourcePath &path, const ResourceType &type);
    ApiResponse scale(const ApiRequest &request, const ResourcePath &path, const ResourceType &type);
    ApiResponse patchDeployment(const ApiRequest &request, const ResourcePath &path, const ResourceType &type);
    ApiResponse lease(const ApiRequest &request, const ResourcePath &path, const ResourceType &type);
    ApiResponse accessReview(const ApiRequest &request, const SimUser &user);

    // Applies a PATCH body of the request's content type to `target`.
    std::optional<QJsonObject> applyPatch(const ApiRequest &request, const QJsonObject &target, ApiResponse *error) const;
    QJsonObject withKind(QJsonObject object, const ResourceType &type) const;

    SimCell &m_cell;
    FaultInjector &m_faults;
};

} // namespace eic::sim
