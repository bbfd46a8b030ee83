#pragma once

#include <QJsonObject>
#include <QString>

namespace eic::sim {

// A response of the API: an HTTP status and a JSON body (an object, a list, or a Status).
struct ApiResponse {
    int code = 200;
    QJsonObject body;
};

// metav1.Status, written the way kube-apiserver writes it.
QJsonObject statusObject(int code, const QString &reason, const QString &message, const QJsonObject &details = {});
ApiResponse failure(int code, const QString &reason, const QString &message, const QJsonObject &details = {});

ApiResponse notFound(const QString &resource, const QString &group, const QString &name);
ApiResponse conflict(const QString &resource, const QString &group, const QString &name);
ApiResponse alreadyExists(const QString &resource, const QString &group, const QString &name);
ApiResponse forbidden(const QString &user, const QString &verb, const QString &resource, const QString &subresource,
                      const QString &group, const QString &ns, const QString &name);
ApiResponse invalid(const QString &kind, const QString &group, const QString &name, const QString &field,
                    const QString &value, const QString &detail);
ApiResponse badRequest(const QString &message);
ApiResponse methodNotAllowed();
ApiResponse unsupportedMediaType();
ApiResponse unauthorized();

// "deployments.apps" / "pods" — how the server names a resource in its messages.
QString qualifiedResource(const QString &resource, const QString &group);

} // namespace eic::sim
