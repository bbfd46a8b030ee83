#include "DeploymentScaler.h"

#include "KubeClient.h"
#include "Retry.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace eic::kube {

DeploymentScaler::DeploymentScaler(KubeClient *client, QString ns) : m_client(client), m_ns(std::move(ns)) {}

void DeploymentScaler::read(const QString &name, QObject *receiver, std::function<void(const Result<int> &)> done) const
{
    // By value: a scaler may be a temporary copy, and a retry runs after it is gone.
    withRetries<int>(receiver, [client = m_client, ns = m_ns, name, receiver](auto reply) { client->getScale(ns, name, receiver, reply); }, std::move(done));
}

void DeploymentScaler::scale(const QString &name, int replicas, bool dryRun, QObject *receiver, std::function<void(const Result<int> &)> done) const
{
    withRetries<int>(receiver, [client = m_client, ns = m_ns, name, replicas, dryRun, receiver](auto reply) { client->patchScale(ns, name, replicas, dryRun, receiver, reply); },
                     std::move(done));
}

void DeploymentScaler::annotate(const QString &name, const QString &key, const std::optional<QString> &value, QObject *receiver,
                                std::function<void(const Result<bool> &)> done) const
{
    const QJsonValue v = value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
    const QJsonObject patch{{"metadata"_L1, QJsonObject{{"annotations"_L1, QJsonObject{{key, v}}}}}};
    call("PATCH", u"/apis/apps/v1/namespaces/%1/deployments/%2"_s.arg(m_ns, name), QJsonDocument(patch).toJson(QJsonDocument::Compact),
         "application/merge-patch+json", receiver, [done](const Result<QJsonObject> &r) { done(r ? Result<bool>(true) : Result<bool>(r.error())); });
}

void DeploymentScaler::call(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &type, QObject *receiver,
                            std::function<void(const Result<QJsonObject> &)> done) const
{
    withRetries<QJsonObject>(receiver, [client = m_client, verb, path, body, type, receiver](auto reply) { client->send(verb, path, body, type, receiver, reply); },
                             std::move(done));
}

} // namespace eic::kube
