#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace eic::sim {

struct HpaSpec {
    int minReplicas = 1;
    int maxReplicas = 1;
};

struct DeploymentSpec {
    QString name;
    QString namespaceName;
    int replicas = 1;
    QString image;
    std::optional<HpaSpec> hpa;
    bool neverReady = false; // pods never become ready: the rollout ends in ProgressDeadlineExceeded
    int podStartMs = -1;     // -1: the scenario's default
    // spec.selector has matchExpressions only (app In [name], no eic-sim/excluded), never
    // matchLabels: a client that reads matchLabels alone finds no pods of it.
    bool selectByExpressions = false;
};

struct StatefulSetSpec {
    QString name;
    QString namespaceName;
    int replicas = 1;
    QString image;
};

// One RBAC rule, as in a Role: empty lists never match, "*" matches everything.
struct RbacRule {
    QStringList apiGroups;
    QStringList resources; // "deployments", "deployments/scale", "*"
    QStringList verbs;
    QStringList namespaces; // the RoleBinding's namespaces; "*" = cluster-wide
};

struct SimUser {
    QString name;
    QString token; // empty: generated at start
    QList<RbacRule> rules;
};

struct FaultSpec {
    double errorRate = 0;            // share of answered requests that get a 5xx
    QList<int> errorCodes{500, 503};
    double resetRate = 0;            // share of requests whose connection is reset
    int watchCutSeconds = 0;         // cut every watch stream after this many seconds
    int conflicts = 0;               // the next N writes to a scale subresource get 409
    double conflictRate = 0;         // and this share of all later ones
    int latencyMs = 0;               // added to every faulted request
    QString pathPrefix;              // faults apply to paths with this prefix (default: resource paths)
    quint32 seed = 1;

    bool any() const { return errorRate > 0 || resetRate > 0 || watchCutSeconds > 0 || conflicts > 0 || conflictRate > 0 || latencyMs > 0; }
    static std::optional<FaultSpec> fromJson(const QJsonObject &json, QString *error);
    QJsonObject toJson() const;
};

struct Timing {
    int podStartMs = 400;
    int podTerminateMs = 600;
    int controllerDelayMs = 15;     // how soon the controller "observes" a spec change
    int hpaSyncMs = 1500;
    int progressDeadlineSeconds = 600;
    int bookmarkIntervalMs = 10000;
};

// What the simulated cell looks like: the default is a current Edge Integration Cell; a
// scenario file (JSON, see sim/README.md) changes counts, removes deployments, adds built-in
// services, sets RBAC and faults.
struct Scenario {
    QString cellNamespace = QStringLiteral("edge-icell");
    QString servicesNamespace = QStringLiteral("edge-icell-services");
    QStringList namespaces; // beyond the two above, default and kube-system
    QList<DeploymentSpec> deployments;
    QList<StatefulSetSpec> statefulSets;
    QList<SimUser> users;
    FaultSpec faults;
    Timing timing;
    int watchHistory = 2000;

    static Scenario defaultCell();
    // Every namespace the sim serves: the fixed ones, the scenario's, and those its objects are in.
    QStringList allNamespaces() const;
    // Applies a scenario document on top of the default cell.
    static std::optional<Scenario> fromJson(const QJsonObject &json, QString *error);
    static std::optional<Scenario> fromFile(const QString &path, QString *error);
};

} // namespace eic::sim
