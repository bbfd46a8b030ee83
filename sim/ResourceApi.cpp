#include "ResourceApi.h"

#include "Authorizer.h"
#include "JsonPatch.h"
#include "Selectors.h"
#include "SimCell.h"
#include "SimTime.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

bool isDryRun(const ApiRequest &request)
{
    return request.param("dryRun") == "All"_L1;
}

QString objectKey(const QJsonObject &o)
{
    const QJsonObject meta = o.value("metadata"_L1).toObject();
    return meta.value("namespace"_L1).toString() + u'/' + meta.value("name"_L1).toString();
}

bool validDnsSubdomain(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"_s);
    return name.size() <= 253 && re.match(name).hasMatch();
}

} // namespace

ResourceApi::ResourceApi(SimCell &cell, FaultInjector &faults)
    : m_cell(cell)
    , m_faults(faults)
{
}

QString ResourceApi::verbOf(const ApiRequest &request, const ResourcePath &path)
{
    if (request.method == "GET"_L1) {
        if (!path.name.isEmpty())
            return u"get"_s;
        return request.flag("watch") ? u"watch"_s : u"list"_s;
    }
    if (request.method == "POST"_L1)
        return u"create"_s;
    if (request.method == "PUT"_L1)
        return u"update"_s;
    if (request.method == "PATCH"_L1)
        return u"patch"_s;
    if (request.method == "DELETE"_L1)
        return path.name.isEmpty() ? u"deletecollection"_s : u"delete"_s;
    return request.method.toLower();
}

Representation ResourceApi::representationOf(const ApiRequest &request)
{
    // kubectl lists its preferences; the first one the server can give wins.
    const QString accept = QString::fromLatin1(request.header("accept"));
    for (const QString &option : accept.split(u',')) {
        if (option.contains("as=Table"_L1))
            return Representation::Table;
        if (option.contains("as=PartialObjectMetadata"_L1))
            return Representation::PartialMetadata;
        if (option.trimmed().startsWith("application/json"_L1) || option.trimmed() == "*/*"_L1)
            return Representation::Object;
    }
    return Representation::Object;
}

QJsonObject ResourceApi::withKind(QJsonObject object, const ResourceType &type) const
{
    object["kind"_L1] = type.kind;
    object["apiVersion"_L1] = type.apiVersion();
    return object;
}

ApiResponse ResourceApi::handle(const ApiRequest &request, const ResourcePath &path, const ResourceType &type, const SimUser &user)
{
    if (type.resource == "selfsubjectaccessreviews"_L1)
        return request.method == "POST"_L1 ? accessReview(request, user) : methodNotAllowed();
    if (!path.subresource.isEmpty()) {
        if (path.subresource == "scale"_L1 && type.resource == "deployments"_L1)
            return scale(request, path, type);
        if (path.subresource == "status"_L1 && request.method == "GET"_L1)
            return get(request, path, type);
        return methodNotAllowed();
    }
    if (type.resource == "leases"_L1)
        return lease(request, path, type);
    if (request.method == "GET"_L1)
        return path.name.isEmpty() ? list(request, path, type) : get(request, path, type);
    if (type.resource == "deployments"_L1 && !path.name.isEmpty() && (request.method == "PATCH"_L1 || request.method == "PUT"_L1))
        return patchDeployment(request, path, type);
    return methodNotAllowed();
}

ApiResponse ResourceApi::list(const ApiRequest &request, const ResourcePath &path, const ResourceType &type)
{
    QString error;
    const auto labels = LabelSelector::parse(request.param("labelSelector"), &error);
    if (!labels)
        return badRequest(error);
    const auto fields = FieldSelector::parse(request.param("fieldSelector"), &error);
    if (!fields)
        return badRequest(error);

    QList<QJsonObject> objects;
    for (const QJsonObject &o : m_cell.store().list(type.resource, path.ns)) {
        if (labels->matches(o.value("metadata"_L1).toObject().value("labels"_L1).toObject()) && fields->matches(o))
            objects.append(o);
    }
    std::sort(objects.begin(), objects.end(), [](const QJsonObject &a, const QJsonObject &b) { return objectKey(a) < objectKey(b); });

    // Pagination: the continue token says where the previous page ended.
    QString startAfter;
    const QString token = request.param("continue");
    if (!token.isEmpty()) {
        const QJsonObject decoded = QJsonDocument::fromJson(QByteArray::fromBase64(token.toLatin1())).object();
        if (!decoded.contains("start"_L1))
            return badRequest(u"continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"_s);
        startAfter = decoded.value("start"_L1).toString();
        objects.removeIf([&](const QJsonObject &o) { return objectKey(o) <= startAfter; });
    }
    const qsizetype limit = request.param("limit").toLongLong();
    QString continueToken;
    qint64 remaining = 0;
    if (limit > 0 && objects.size() > limit) {
        remaining = objects.size() - limit;
        objects = objects.mid(0, limit);
        continueToken = QString::fromLatin1(QJsonDocument(QJsonObject{{"v"_L1, "meta.k8s.io/v1"_L1},
                                                                     {"rv"_L1, m_cell.store().currentVersion()},
                                                                     {"start"_L1, objectKey(objects.last())}})
                                                 .toJson(QJsonDocument::Compact)
                                                 .toBase64());
    }
    const QString rv = QString::number(m_cell.store().currentVersion());

    switch (representationOf(request)) {
    case Representation::Table:
        return {200, TableConverter::table(type.resource, objects, TableConverter::parseInclude(request.param("includeObject")), rv,
                                           continueToken, true)};
    case Representation::PartialMetadata: {
        QJsonArray items;
        for (const auto &o : objects)
            items.append(TableConverter::partialMetadata(o));
        QJsonObject meta{{"resourceVersion"_L1, rv}};
        if (!continueToken.isEmpty())
            meta["continue"_L1] = continueToken;
        return {200, {{"kind"_L1, "PartialObjectMetadataList"_L1}, {"apiVersion"_L1, "meta.k8s.io/v1"_L1}, {"metadata"_L1, meta}, {"items"_L1, items}}};
    }
    case Representation::Object:
        break;
    }
    QJsonArray items;
    for (QJsonObject o : objects) {
        // Items of a list carry no kind/apiVersion; the list does.
        o.remove("kind"_L1);
        o.remove("apiVersion"_L1);
        items.append(o);
    }
    QJsonObject meta{{"resourceVersion"_L1, rv}};
    if (!continueToken.isEmpty()) {
        meta["continue"_L1] = continueToken;
        meta["remainingItemCount"_L1] = remaining;
    }
    return {200, {{"kind"_L1, type.kind + u"List"_s}, {"apiVersion"_L1, type.apiVersion()}, {"metadata"_L1, meta}, {"items"_L1, items}}};
}

ApiResponse ResourceApi::get(const ApiRequest &request, const ResourcePath &path, const ResourceType &type)
{
    const auto object = m_cell.store().get(type.resource, path.ns, path.name);
    if (!object)
        return notFound(type.resource, type.group, path.name);
    switch (representationOf(request)) {
    case Representation::Table:
        return {200, TableConverter::table(type.resource, {*object}, TableConverter::parseInclude(request.param("includeObject")),
                                           object->value("metadata"_L1).toObject().value("resourceVersion"_L1).toString(), {}, true)};
    case Representation::PartialMetadata:
        return {200, TableConverter::partialMetadata(withKind(*object, type))};
    case Representation::Object:
        break;
    }
    return {200, withKind(*object, type)};
}

std::optional<QJsonObject> ResourceApi::applyPatch(const ApiRequest &request, const QJsonObject &target, ApiResponse *error) const
{
    const QByteArray contentType = request.header("content-type").split(';').first().trimmed();
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (contentType == "application/merge-patch+json" || contentType == "application/strategic-merge-patch+json") {
        if (!doc.isObject()) {
            *error = badRequest(u"error decoding patch: the body is not a JSON object"_s);
            return std::nullopt;
        }
        return applyMergePatch(target, doc.object());
    }
    if (contentType == "application/json-patch+json") {
        if (!doc.isArray()) {
            *error = badRequest(u"error decoding patch: a JSON patch must be an array of operations"_s);
            return std::nullopt;
        }
        QString message;
        auto patched = applyJsonPatch(target, doc.array(), &message);
        if (!patched)
            *error = failure(422, u"Invalid"_s, message);
        return patched;
    }
    *error = unsupportedMediaType();
    return std::nullopt;
}

ApiResponse ResourceApi::scale(const ApiRequest &request, const ResourcePath &path, const ResourceType &type)
{
    const auto deployment = m_cell.store().get(type.resource, path.ns, path.name);
    if (!deployment)
        return notFound(type.resource, type.group, path.name);
    const QJsonObject current = SimCell::scaleOf(*deployment);
    if (request.method == "GET"_L1)
        return {200, current};
    if (request.method != "PUT"_L1 && request.method != "PATCH"_L1)
        return methodNotAllowed();

    QJsonObject wanted;
    if (request.method == "PUT"_L1) {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        if (!doc.isObject())
            return badRequest(u"the body of the request is not a Scale object"_s);
        wanted = doc.object();
    } else {
        ApiResponse error;
        auto patched = applyPatch(request, current, &error);
        if (!patched)
            return error;
        wanted = *patched;
    }
    const QString wantedVersion = wanted.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
    const QString currentVersion = current.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
    if ((!wantedVersion.isEmpty() && wantedVersion != currentVersion) || m_faults.takeConflict())
        return conflict(type.resource, type.group, path.name);
    const QJsonValue replicasValue = wanted.value("spec"_L1).toObject().value("replicas"_L1);
    const int replicas = replicasValue.isUndefined() ? 0 : replicasValue.toInt(-1);
    if (replicas < 0 || (!replicasValue.isUndefined() && !replicasValue.isDouble()))
        return invalid(u"Scale"_s, u"autoscaling"_s, path.name, u"spec.replicas"_s,
                       QString::fromUtf8(QJsonDocument(QJsonArray{replicasValue}).toJson(QJsonDocument::Compact)).mid(1).chopped(1),
                       u"must be greater than or equal to 0"_s);
    if (isDryRun(request)) {
        QJsonObject result = current;
        QJsonObject spec;
        if (replicas != 0)
            spec["replicas"_L1] = replicas;
        result["spec"_L1] = spec;
        return {200, result};
    }
    const auto updated = m_cell.setReplicas(path.ns, path.name, replicas);
    return {200, SimCell::scaleOf(*updated)};
}

ApiResponse ResourceApi::patchDeployment(const ApiRequest &request, const ResourcePath &path, const ResourceType &type)
{
    const auto current = m_cell.store().get(type.resource, path.ns, path.name);
    if (!current)
        return notFound(type.resource, type.group, path.name);
    QJsonObject wanted;
    if (request.method == "PUT"_L1) {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        if (!doc.isObject())
            return badRequest(u"the body of the request is not a Deployment object"_s);
        wanted = doc.object();
        const QString version = wanted.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
        if (version != current->value("metadata"_L1).toObject().value("resourceVersion"_L1).toString())
            return conflict(type.resource, type.group, path.name);
    } else {
        ApiResponse error;
        auto patched = applyPatch(request, withKind(*current, type), &error);
        if (!patched)
            return error;
        wanted = *patched;
        const QString version = wanted.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
        if (version != current->value("metadata"_L1).toObject().value("resourceVersion"_L1).toString())
            return conflict(type.resource, type.group, path.name);
    }
    // The sim's deployments accept changes to labels, annotations and the replica count; the
    // pod template is the cell's own business.
    const QJsonValue replicasValue = wanted.value("spec"_L1).toObject().value("replicas"_L1);
    const int replicas = replicasValue.toInt(-1);
    if (!replicasValue.isUndefined() && (replicas < 0 || !replicasValue.isDouble()))
        return invalid(u"Deployment"_s, u"apps"_s, path.name, u"spec.replicas"_s, replicasValue.toVariant().toString(),
                       u"must be greater than or equal to 0"_s);
    QJsonObject after = *current;
    QJsonObject meta = after.value("metadata"_L1).toObject();
    const QJsonObject wantedMeta = wanted.value("metadata"_L1).toObject();
    for (const char *field : {"labels", "annotations"}) {
        const QLatin1StringView key(field);
        if (wantedMeta.value(key).toObject().isEmpty())
            meta.remove(key);
        else
            meta[key] = wantedMeta.value(key);
    }
    after["metadata"_L1] = meta;
    QJsonObject spec = after.value("spec"_L1).toObject();
    spec["replicas"_L1] = replicasValue.isUndefined() ? 1 : replicas;
    after["spec"_L1] = spec;
    if (isDryRun(request))
        return {200, withKind(after, type)};
    return {200, withKind(m_cell.updateDeployment(*current, after), type)};
}

ApiResponse ResourceApi::lease(const ApiRequest &request, const ResourcePath &path, const ResourceType &type)
{
    SimStore &store = m_cell.store();
    if (request.method == "GET"_L1)
        return path.name.isEmpty() ? list(request, path, type) : get(request, path, type);
    if (request.method == "POST"_L1) {
        QJsonObject object = QJsonDocument::fromJson(request.body).object();
        QJsonObject meta = object.value("metadata"_L1).toObject();
        const QString name = meta.value("name"_L1).toString();
        if (!validDnsSubdomain(name))
            return invalid(u"Lease"_s, type.group, name, u"metadata.name"_s, u"\"%1\""_s.arg(name),
                           u"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'"_s);
        if (store.get(type.resource, path.ns, name))
            return alreadyExists(type.resource, type.group, name);
        meta["namespace"_L1] = path.ns;
        meta.remove("resourceVersion"_L1);
        object["metadata"_L1] = meta;
        object = withKind(object, type);
        if (isDryRun(request))
            return {201, object};
        return {201, withKind(store.create(type.resource, object), type)};
    }
    const auto current = store.get(type.resource, path.ns, path.name);
    if (!current)
        return notFound(type.resource, type.group, path.name);
    const QString currentVersion = current->value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
    if (request.method == "PUT"_L1 || request.method == "PATCH"_L1) {
        QJsonObject wanted;
        if (request.method == "PUT"_L1) {
            wanted = QJsonDocument::fromJson(request.body).object();
        } else {
            ApiResponse error;
            auto patched = applyPatch(request, withKind(*current, type), &error);
            if (!patched)
                return error;
            wanted = *patched;
        }
        QJsonObject meta = wanted.value("metadata"_L1).toObject();
        const QString version = meta.value("resourceVersion"_L1).toString();
        if (!version.isEmpty() && version != currentVersion)
            return conflict(type.resource, type.group, path.name);
        // Identity fields are the server's, whatever the client sent.
        const QJsonObject currentMeta = current->value("metadata"_L1).toObject();
        for (const char *field : {"name", "namespace", "uid", "creationTimestamp"})
            meta[QLatin1StringView(field)] = currentMeta.value(QLatin1StringView(field));
        wanted["metadata"_L1] = meta;
        if (isDryRun(request))
            return {200, withKind(wanted, type)};
        return {200, withKind(store.update(type.resource, wanted), type)};
    }
    if (request.method == "DELETE"_L1) {
        const QJsonObject options = QJsonDocument::fromJson(request.body).object();
        const QString precondition = options.value("preconditions"_L1).toObject().value("resourceVersion"_L1).toString();
        if (!precondition.isEmpty() && precondition != currentVersion)
            return conflict(type.resource, type.group, path.name);
        if (!isDryRun(request))
            store.remove(type.resource, path.ns, path.name);
        return {200, statusObject(200, {}, {}, QJsonObject{{"name"_L1, path.name}, {"group"_L1, type.group}, {"kind"_L1, type.resource},
                                                            {"uid"_L1, current->value("metadata"_L1).toObject().value("uid"_L1)}})};
    }
    return methodNotAllowed();
}

ApiResponse ResourceApi::accessReview(const ApiRequest &request, const SimUser &user)
{
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return badRequest(u"the body of the request is not a SelfSubjectAccessReview"_s);
    QJsonObject review = doc.object();
    const QJsonObject spec = review.value("spec"_L1).toObject();
    const QJsonObject attrs = spec.value("resourceAttributes"_L1).toObject();
    bool allowed = false;
    QString reason;
    if (!attrs.isEmpty()) {
        const AccessRequest access{attrs.value("verb"_L1).toString(), attrs.value("group"_L1).toString(),
                                   attrs.value("resource"_L1).toString(), attrs.value("subresource"_L1).toString(),
                                   attrs.value("namespace"_L1).toString()};
        allowed = Authorizer::allowed(user, access);
        if (allowed)
            reason = u"RBAC: allowed by RoleBinding \"eic-sim\" of Role \"%1\" to User \"%1\""_s.arg(user.name);
    } else {
        // Non-resource URLs (/healthz, /version, ...) are public in the sim as in a default cluster.
        allowed = true;
    }
    QJsonObject status{{"allowed"_L1, allowed}};
    if (!reason.isEmpty())
        status["reason"_L1] = reason;
    review["status"_L1] = status;
    review["kind"_L1] = "SelfSubjectAccessReview"_L1;
    review["apiVersion"_L1] = "authorization.k8s.io/v1"_L1;
    review["metadata"_L1] = QJsonObject{{"creationTimestamp"_L1, QJsonValue::Null}};
    return {201, review};
}

} // namespace eic::sim
