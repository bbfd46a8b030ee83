#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace eic::sim {

// The server-side printing kubectl asks for (Accept: application/json;as=Table;g=meta.k8s.io;v=v1):
// the same columns kube-apiserver prints for these resources.
class TableConverter {
public:
    enum class IncludeObject { None, Metadata, Object };

    static IncludeObject parseInclude(const QString &value);
    static QJsonArray columnDefinitions(const QString &resource);
    static QJsonObject row(const QString &resource, const QJsonObject &object, IncludeObject include);
    // A Table of the objects; columnDefinitions omitted when withColumns is false (later watch events).
    static QJsonObject table(const QString &resource, const QList<QJsonObject> &objects, IncludeObject include,
                             const QString &resourceVersion, const QString &continueToken, bool withColumns);
    // PartialObjectMetadata of an object (kind, apiVersion, metadata only).
    static QJsonObject partialMetadata(const QJsonObject &object);
};

} // namespace eic::sim
