#pragma once

#include "Error.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace eic::kube {
class DeploymentScaler;
struct ResolvedContext;
} // namespace eic::kube

namespace eic::restore {

// What a run is bound to on the Kubernetes side: the API server, its CA, the namespace and the
// deployments by UID. The context's name is not an identity (two kubeconfigs can both call
// their cell "prod"); a namespace of the same name on another cluster has another UID.
struct CellIdentity {
    QString server;
    QString caFingerprint;       // SHA-256 of the CA the kubeconfig pins; empty: the system's CAs
    QString ns;
    QString namespaceUid;        // empty: not readable (a Role cannot read Namespaces); why below
    QString namespaceUnreadable;
    QHash<QString, QString> deploymentUids;

    QJsonObject toJson() const;
    static CellIdentity fromJson(const QJsonObject &json);
    // A sentence naming what differs when `now` is not the cell of this identity; nullopt when it is.
    std::optional<QString> differs(const CellIdentity &now) const;
    QString describe() const; // "https://host:6443, namespace edge-icell"

    // Reads it: the namespace, and the UIDs of `deployments`. A namespace that does not exist is an error.
    static void read(const kube::DeploymentScaler &api, const kube::ResolvedContext &context, const QStringList &deployments, QObject *receiver,
                     std::function<void(const Result<CellIdentity> &)> done);
};

} // namespace eic::restore
