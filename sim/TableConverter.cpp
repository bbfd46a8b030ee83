#include "TableConverter.h"

#include "SimTime.h"
#include "kube/LabelSelector.h"

#include <QDateTime>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

QJsonObject column(const QString &name, const QString &type, const QString &format, const QString &description, int priority = 0)
{
    return {{"name"_L1, name}, {"type"_L1, type}, {"format"_L1, format}, {"description"_L1, description}, {"priority"_L1, priority}};
}

QString ageOf(const QJsonObject &object)
{
    const QDateTime created = SimTime::parse(object.value("metadata"_L1).toObject().value("creationTimestamp"_L1).toString());
    if (!created.isValid())
        return u"<unknown>"_s;
    return SimTime::humanAge(created.secsTo(QDateTime::currentDateTimeUtc()));
}

QStringList containerField(const QJsonObject &podSpec, const char *field)
{
    QStringList out;
    for (const auto &c : podSpec.value("containers"_L1).toArray())
        out.append(c.toObject().value(QLatin1StringView(field)).toString());
    return out;
}

// kubectl's SELECTOR column (metav1.FormatLabelSelector): the text form, "<none>" when empty.
QString selectorText(const QJsonObject &spec)
{
    const auto selector = kube::LabelSelector::fromJson(spec.value("selector"_L1).toObject(), kube::LabelSelector::Empty::MatchesEverything);
    if (!selector || selector->matchesEverything())
        return u"<none>"_s;
    return selector->toString();
}

QString podStatus(const QJsonObject &pod)
{
    if (pod.value("metadata"_L1).toObject().contains("deletionTimestamp"_L1))
        return u"Terminating"_s;
    const QJsonObject status = pod.value("status"_L1).toObject();
    for (const auto &cs : status.value("containerStatuses"_L1).toArray()) {
        const QJsonObject waiting = cs.toObject().value("state"_L1).toObject().value("waiting"_L1).toObject();
        if (!waiting.isEmpty())
            return waiting.value("reason"_L1).toString();
    }
    return status.value("phase"_L1).toString();
}

QJsonArray cellsOf(const QString &resource, const QJsonObject &object)
{
    const QJsonObject meta = object.value("metadata"_L1).toObject();
    const QJsonObject spec = object.value("spec"_L1).toObject();
    const QJsonObject status = object.value("status"_L1).toObject();
    const QString name = meta.value("name"_L1).toString();
    if (resource == "deployments"_L1) {
        const QJsonObject podSpec = spec.value("template"_L1).toObject().value("spec"_L1).toObject();
        return {name,
                u"%1/%2"_s.arg(status.value("readyReplicas"_L1).toInt(0)).arg(spec.value("replicas"_L1).toInt(1)),
                status.value("updatedReplicas"_L1).toInt(0),
                status.value("availableReplicas"_L1).toInt(0),
                ageOf(object),
                containerField(podSpec, "name").join(u','),
                containerField(podSpec, "image").join(u','),
                selectorText(spec)};
    }
    if (resource == "statefulsets"_L1) {
        const QJsonObject podSpec = spec.value("template"_L1).toObject().value("spec"_L1).toObject();
        return {name,
                u"%1/%2"_s.arg(status.value("readyReplicas"_L1).toInt(0)).arg(spec.value("replicas"_L1).toInt(1)),
                ageOf(object),
                containerField(podSpec, "name").join(u','),
                containerField(podSpec, "image").join(u',')};
    }
    if (resource == "pods"_L1) {
        int ready = 0;
        const QJsonArray statuses = status.value("containerStatuses"_L1).toArray();
        for (const auto &cs : statuses)
            ready += cs.toObject().value("ready"_L1).toBool() ? 1 : 0;
        return {name,
                u"%1/%2"_s.arg(ready).arg(spec.value("containers"_L1).toArray().size()),
                podStatus(object),
                u"0"_s,
                ageOf(object),
                status.value("podIP"_L1).toString(u"<none>"_s),
                spec.value("nodeName"_L1).toString(u"<none>"_s),
                u"<none>"_s,
                u"<none>"_s};
    }
    if (resource == "horizontalpodautoscalers"_L1) {
        const QJsonObject ref = spec.value("scaleTargetRef"_L1).toObject();
        return {name,
                u"%1/%2"_s.arg(ref.value("kind"_L1).toString(), ref.value("name"_L1).toString()),
                u"cpu: <unknown>/80%"_s,
                spec.value("minReplicas"_L1).toInt(1),
                spec.value("maxReplicas"_L1).toInt(1),
                status.value("currentReplicas"_L1).toInt(0),
                ageOf(object)};
    }
    if (resource == "namespaces"_L1)
        return {name, status.value("phase"_L1).toString(), ageOf(object)};
    if (resource == "leases"_L1)
        return {name, spec.value("holderIdentity"_L1).toString(), ageOf(object)};
    return {name, ageOf(object)};
}

} // namespace

TableConverter::IncludeObject TableConverter::parseInclude(const QString &value)
{
    if (value == "None"_L1)
        return IncludeObject::None;
    if (value == "Object"_L1)
        return IncludeObject::Object;
    return IncludeObject::Metadata;
}

QJsonArray TableConverter::columnDefinitions(const QString &resource)
{
    const QString nameDesc = u"Name must be unique within a namespace."_s;
    const QString ageDesc = u"CreationTimestamp is a timestamp representing the server time when this object was created."_s;
    if (resource == "deployments"_L1) {
        return {column(u"Name"_s, u"string"_s, u"name"_s, nameDesc),
                column(u"Ready"_s, u"string"_s, {}, u"Number of the pod with ready state"_s),
                column(u"Up-to-date"_s, u"string"_s, {}, u"Total number of non-terminated pods targeted by this deployment that have the desired template spec."_s),
                column(u"Available"_s, u"string"_s, {}, u"Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."_s),
                column(u"Age"_s, u"string"_s, {}, ageDesc),
                column(u"Containers"_s, u"string"_s, {}, u"Names of each container in the template."_s, 1),
                column(u"Images"_s, u"string"_s, {}, u"Images referenced by each container in the template."_s, 1),
                column(u"Selector"_s, u"string"_s, {}, u"Label selector for pods."_s, 1)};
    }
    if (resource == "statefulsets"_L1) {
        return {column(u"Name"_s, u"string"_s, u"name"_s, nameDesc),
                column(u"Ready"_s, u"string"_s, {}, u"Number of the pod with ready state"_s),
                column(u"Age"_s, u"string"_s, {}, ageDesc),
                column(u"Containers"_s, u"string"_s, {}, u"Names of each container in the template."_s, 1),
                column(u"Images"_s, u"string"_s, {}, u"Images referenced by each container in the template."_s, 1)};
    }
    if (resource == "pods"_L1) {
        return {column(u"Name"_s, u"string"_s, u"name"_s, nameDesc),
                column(u"Ready"_s, u"string"_s, {}, u"The aggregate readiness state of this pod for accepting traffic."_s),
                column(u"Status"_s, u"string"_s, {}, u"The aggregate status of the containers in this pod."_s),
                column(u"Restarts"_s, u"string"_s, {}, u"The number of times the containers in this pod have been restarted."_s),
                column(u"Age"_s, u"string"_s, {}, ageDesc),
                column(u"IP"_s, u"string"_s, {}, u"IP address allocated to the pod."_s, 1),
                column(u"Node"_s, u"string"_s, {}, u"Name of the Node this pod is assigned to."_s, 1),
                column(u"Nominated Node"_s, u"string"_s, {}, u"Name of the node the pod is nominated to."_s, 1),
                column(u"Readiness Gates"_s, u"string"_s, {}, u"Pod readiness gates."_s, 1)};
    }
    if (resource == "horizontalpodautoscalers"_L1) {
        return {column(u"Name"_s, u"string"_s, u"name"_s, nameDesc),
                column(u"Reference"_s, u"string"_s, {}, u"Reference to the target."_s),
                column(u"Targets"_s, u"string"_s, {}, u"Metrics and targets."_s),
                column(u"MinPods"_s, u"string"_s, {}, u"Lower limit of replicas."_s),
                column(u"MaxPods"_s, u"integer"_s, {}, u"Upper limit of replicas."_s),
                column(u"Replicas"_s, u"integer"_s, {}, u"Current number of replicas."_s),
                column(u"Age"_s, u"string"_s, {}, ageDesc)};
    }
    if (resource == "namespaces"_L1) {
        return {column(u"Name"_s, u"string"_s, u"name"_s, nameDesc),
                column(u"Status"_s, u"string"_s, {}, u"The status of the namespace"_s),
                column(u"Age"_s, u"string"_s, {}, ageDesc)};
    }
    if (resource == "leases"_L1) {
        return {column(u"Name"_s, u"string"_s, u"name"_s, nameDesc),
                column(u"Holder"_s, u"string"_s, {}, u"The holder of the lease."_s),
                column(u"Age"_s, u"date"_s, {}, ageDesc)};
    }
    return {column(u"Name"_s, u"string"_s, u"name"_s, nameDesc), column(u"Age"_s, u"date"_s, {}, ageDesc)};
}

QJsonObject TableConverter::partialMetadata(const QJsonObject &object)
{
    return {{"kind"_L1, "PartialObjectMetadata"_L1}, {"apiVersion"_L1, "meta.k8s.io/v1"_L1}, {"metadata"_L1, object.value("metadata"_L1)}};
}

QJsonObject TableConverter::row(const QString &resource, const QJsonObject &object, IncludeObject include)
{
    QJsonObject r{{"cells"_L1, cellsOf(resource, object)}};
    if (include == IncludeObject::Metadata)
        r["object"_L1] = partialMetadata(object);
    else if (include == IncludeObject::Object)
        r["object"_L1] = object;
    return r;
}

QJsonObject TableConverter::table(const QString &resource, const QList<QJsonObject> &objects, IncludeObject include,
                                  const QString &resourceVersion, const QString &continueToken, bool withColumns)
{
    QJsonArray rows;
    for (const auto &o : objects)
        rows.append(row(resource, o, include));
    QJsonObject meta{{"resourceVersion"_L1, resourceVersion}};
    if (!continueToken.isEmpty())
        meta["continue"_L1] = continueToken;
    QJsonObject t{{"kind"_L1, "Table"_L1}, {"apiVersion"_L1, "meta.k8s.io/v1"_L1}, {"metadata"_L1, meta}, {"rows"_L1, rows}};
    if (withColumns)
        t["columnDefinitions"_L1] = columnDefinitions(resource);
    else
        t["columnDefinitions"_L1] = QJsonValue::Null;
    return t;
}

} // namespace eic::sim
