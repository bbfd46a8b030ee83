#include "ApiStatus.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace eic::sim {

QString qualifiedResource(const QString &resource, const QString &group)
{
    return group.isEmpty() ? resource : resource + u'.' + group;
}

QJsonObject statusObject(int code, const QString &reason, const QString &message, const QJsonObject &details)
{
    QJsonObject status{{"kind"_L1, "Status"_L1},
                       {"apiVersion"_L1, "v1"_L1},
                       {"metadata"_L1, QJsonObject{}},
                       {"status"_L1, code < 400 ? "Success"_L1 : "Failure"_L1},
                       {"message"_L1, message},
                       {"reason"_L1, reason},
                       {"code"_L1, code}};
    if (!details.isEmpty())
        status["details"_L1] = details;
    if (reason.isEmpty())
        status.remove("reason"_L1);
    return status;
}

ApiResponse failure(int code, const QString &reason, const QString &message, const QJsonObject &details)
{
    return {code, statusObject(code, reason, message, details)};
}

namespace {
QJsonObject detailsOf(const QString &resource, const QString &group, const QString &name)
{
    QJsonObject d{{"name"_L1, name}, {"kind"_L1, resource}};
    if (!group.isEmpty())
        d["group"_L1] = group;
    return d;
}
} // namespace

ApiResponse notFound(const QString &resource, const QString &group, const QString &name)
{
    return failure(404, u"NotFound"_s, u"%1 \"%2\" not found"_s.arg(qualifiedResource(resource, group), name),
                   detailsOf(resource, group, name));
}

ApiResponse conflict(const QString &resource, const QString &group, const QString &name)
{
    return failure(409, u"Conflict"_s,
                   u"Operation cannot be fulfilled on %1 \"%2\": the object has been modified; please apply your changes to the latest version and try again"_s
                       .arg(qualifiedResource(resource, group), name),
                   detailsOf(resource, group, name));
}

ApiResponse alreadyExists(const QString &resource, const QString &group, const QString &name)
{
    return failure(409, u"AlreadyExists"_s, u"%1 \"%2\" already exists"_s.arg(qualifiedResource(resource, group), name),
                   detailsOf(resource, group, name));
}

ApiResponse forbidden(const QString &user, const QString &verb, const QString &resource, const QString &subresource,
                      const QString &group, const QString &ns, const QString &name)
{
    const QString full = subresource.isEmpty() ? resource : resource + u'/' + subresource;
    QString message = name.isEmpty() ? qualifiedResource(resource, group) + u" is forbidden: "_s
                                     : u"%1 \"%2\" is forbidden: "_s.arg(qualifiedResource(resource, group), name);
    message += u"User \"%1\" cannot %2 resource \"%3\" in API group \"%4\""_s.arg(user, verb, full, group);
    message += ns.isEmpty() ? u" at the cluster scope"_s : u" in the namespace \"%1\""_s.arg(ns);
    return failure(403, u"Forbidden"_s, message, detailsOf(resource, group, name));
}

ApiResponse invalid(const QString &kind, const QString &group, const QString &name, const QString &field,
                    const QString &value, const QString &detail)
{
    const QString qualifiedKind = group.isEmpty() ? kind : kind + u'.' + group;
    QJsonObject details{{"name"_L1, name}, {"group"_L1, group}, {"kind"_L1, kind},
                        {"causes"_L1, QJsonArray{QJsonObject{{"reason"_L1, "FieldValueInvalid"_L1},
                                                             {"message"_L1, u"Invalid value: %1: %2"_s.arg(value, detail)},
                                                             {"field"_L1, field}}}}};
    return failure(422, u"Invalid"_s,
                   u"%1 \"%2\" is invalid: %3: Invalid value: %4: %5"_s.arg(qualifiedKind, name, field, value, detail), details);
}

ApiResponse badRequest(const QString &message)
{
    return failure(400, u"BadRequest"_s, message);
}

ApiResponse methodNotAllowed()
{
    return failure(405, u"MethodNotAllowed"_s, u"the server does not allow this method on the requested resource"_s);
}

ApiResponse unsupportedMediaType()
{
    return failure(415, u"UnsupportedMediaType"_s,
                   u"the body of the request was in an unknown format - accepted media types include: "
                   "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"_s);
}

ApiResponse unauthorized()
{
    return failure(401, u"Unauthorized"_s, u"Unauthorized"_s);
}

} // namespace eic::sim
