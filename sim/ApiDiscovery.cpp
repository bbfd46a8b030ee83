#include "ApiDiscovery.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

const QStringList kReadVerbs{u"get"_s, u"list"_s, u"watch"_s};
const QStringList kAllVerbs{u"create"_s, u"delete"_s, u"deletecollection"_s, u"get"_s, u"list"_s, u"patch"_s, u"update"_s, u"watch"_s};

struct GroupVersions {
    QString group;
    QStringList versions; // preferred first
};

const QList<GroupVersions> &groups()
{
    static const QList<GroupVersions> list{
        {u"apps"_s, {u"v1"_s}},
        {u"autoscaling"_s, {u"v2"_s}},
        {u"authorization.k8s.io"_s, {u"v1"_s}},
        {u"coordination.k8s.io"_s, {u"v1"_s}},
    };
    return list;
}

QJsonArray toArray(const QStringList &list)
{
    QJsonArray a;
    for (const QString &s : list)
        a.append(s);
    return a;
}

} // namespace

const QList<ResourceType> &ApiDiscovery::resources()
{
    static const QList<ResourceType> list{
        {{}, u"v1"_s, u"namespaces"_s, u"namespace"_s, u"Namespace"_s, false, kReadVerbs, {u"ns"_s}, false},
        {{}, u"v1"_s, u"pods"_s, u"pod"_s, u"Pod"_s, true, kReadVerbs, {u"po"_s}, false},
        {u"apps"_s, u"v1"_s, u"deployments"_s, u"deployment"_s, u"Deployment"_s, true, kAllVerbs, {u"deploy"_s}, false},
        {u"apps"_s, u"v1"_s, u"statefulsets"_s, u"statefulset"_s, u"StatefulSet"_s, true, kAllVerbs, {u"sts"_s}, false},
        {u"autoscaling"_s, u"v2"_s, u"horizontalpodautoscalers"_s, u"horizontalpodautoscaler"_s, u"HorizontalPodAutoscaler"_s, true,
         kAllVerbs, {u"hpa"_s}, false},
        {u"coordination.k8s.io"_s, u"v1"_s, u"leases"_s, u"lease"_s, u"Lease"_s, true, kAllVerbs, {}, true},
        {u"authorization.k8s.io"_s, u"v1"_s, u"selfsubjectaccessreviews"_s, {}, u"SelfSubjectAccessReview"_s, false,
         {u"create"_s}, {}, false},
    };
    return list;
}

std::optional<ResourceType> ApiDiscovery::find(const QString &group, const QString &version, const QString &resource)
{
    for (const auto &r : resources()) {
        if (r.group == group && r.version == version && r.resource == resource)
            return r;
    }
    return std::nullopt;
}

QJsonObject ApiDiscovery::version()
{
    return {{"major"_L1, "1"_L1},
            {"minor"_L1, "32"_L1},
            {"gitVersion"_L1, "v1.32.0-eic-sim"_L1},
            {"gitCommit"_L1, "0000000000000000000000000000000000000000"_L1},
            {"gitTreeState"_L1, "clean"_L1},
            {"buildDate"_L1, "2026-01-01T00:00:00Z"_L1},
            {"goVersion"_L1, "go1.23.0"_L1},
            {"compiler"_L1, "gc"_L1},
            {"platform"_L1, "linux/amd64"_L1}};
}

QJsonObject ApiDiscovery::coreVersions(const QString &serverAddress)
{
    return {{"kind"_L1, "APIVersions"_L1},
            {"versions"_L1, QJsonArray{u"v1"_s}},
            {"serverAddressByClientCIDRs"_L1,
             QJsonArray{QJsonObject{{"clientCIDR"_L1, "0.0.0.0/0"_L1}, {"serverAddress"_L1, serverAddress}}}}};
}

QJsonObject ApiDiscovery::groupList()
{
    QJsonArray out;
    for (const auto &g : groups()) {
        QJsonArray versions;
        for (const QString &v : g.versions)
            versions.append(QJsonObject{{"groupVersion"_L1, g.group + u'/' + v}, {"version"_L1, v}});
        out.append(QJsonObject{{"name"_L1, g.group},
                               {"versions"_L1, versions},
                               {"preferredVersion"_L1, versions.first()}});
    }
    return {{"kind"_L1, "APIGroupList"_L1}, {"apiVersion"_L1, "v1"_L1}, {"groups"_L1, out}};
}

std::optional<QJsonObject> ApiDiscovery::resourceList(const QString &group, const QString &version)
{
    QJsonArray out;
    for (const auto &r : resources()) {
        if (r.group != group || r.version != version)
            continue;
        QJsonObject entry{{"name"_L1, r.resource},
                          {"singularName"_L1, r.singular},
                          {"namespaced"_L1, r.namespaced},
                          {"kind"_L1, r.kind},
                          {"verbs"_L1, toArray(r.verbs)}};
        if (!r.shortNames.isEmpty())
            entry["shortNames"_L1] = toArray(r.shortNames);
        if (r.resource == "deployments"_L1 || r.resource == "statefulsets"_L1 || r.resource == "pods"_L1)
            entry["categories"_L1] = QJsonArray{u"all"_s};
        out.append(entry);
        if (r.resource == "deployments"_L1 || r.resource == "statefulsets"_L1) {
            // The scale subresource speaks autoscaling/v1 Scale, whatever the parent's group.
            out.append(QJsonObject{{"name"_L1, r.resource + u"/scale"_s}, {"singularName"_L1, r.singular},
                                   {"namespaced"_L1, true}, {"group"_L1, "autoscaling"_L1}, {"version"_L1, "v1"_L1},
                                   {"kind"_L1, "Scale"_L1}, {"verbs"_L1, QJsonArray{u"get"_s, u"patch"_s, u"update"_s}}});
            out.append(QJsonObject{{"name"_L1, r.resource + u"/status"_s}, {"singularName"_L1, r.singular},
                                   {"namespaced"_L1, true}, {"kind"_L1, r.kind},
                                   {"verbs"_L1, QJsonArray{u"get"_s, u"patch"_s, u"update"_s}}});
        }
        if (r.resource == "horizontalpodautoscalers"_L1 || r.resource == "pods"_L1) {
            out.append(QJsonObject{{"name"_L1, r.resource + u"/status"_s}, {"singularName"_L1, r.singular},
                                   {"namespaced"_L1, true}, {"kind"_L1, r.kind},
                                   {"verbs"_L1, QJsonArray{u"get"_s, u"patch"_s, u"update"_s}}});
        }
    }
    if (out.isEmpty())
        return std::nullopt;
    return QJsonObject{{"kind"_L1, "APIResourceList"_L1},
                       {"apiVersion"_L1, "v1"_L1},
                       {"groupVersion"_L1, group.isEmpty() ? version : group + u'/' + version},
                       {"resources"_L1, out}};
}

} // namespace eic::sim
