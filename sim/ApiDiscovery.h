#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace eic::sim {

// One resource the sim serves, with what discovery says of it.
struct ResourceType {
    QString group; // "" for the core group
    QString version;
    QString resource; // plural
    QString singular;
    QString kind;
    bool namespaced = true;
    QStringList verbs;
    QStringList shortNames;
    bool writable = false; // create/update/delete beyond the scale subresource

    QString apiVersion() const { return group.isEmpty() ? version : group + u'/' + version; }
};

// The subset of the Kubernetes API the sim serves, and its discovery documents
// (/version, /api, /api/v1, /apis, /apis/G/V) in the legacy (non-aggregated) form that every
// kubectl understands.
class ApiDiscovery {
public:
    static const QList<ResourceType> &resources();
    static std::optional<ResourceType> find(const QString &group, const QString &version, const QString &resource);

    static QJsonObject version();
    static QJsonObject coreVersions(const QString &serverAddress);
    static QJsonObject groupList();
    // nullopt when the group version is not served.
    static std::optional<QJsonObject> resourceList(const QString &group, const QString &version);
};

} // namespace eic::sim
