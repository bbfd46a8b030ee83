#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace eic::kube {

class KubeClient;

// The scale subresource and the annotations of a namespace's deployments, every call retried
// on 5xx, 429 and resets (Retry.h). Each answer goes to `receiver` and never arrives once the
// receiver is gone: a step that was cancelled is deleted, and with it every pending answer.
class DeploymentScaler {
public:
    DeploymentScaler(KubeClient *client, QString ns);

    const QString &ns() const { return m_ns; }
    KubeClient *client() const { return m_client; }

    void read(const QString &name, QObject *receiver, std::function<void(const Result<int> &)> done) const;
    void scale(const QString &name, int replicas, bool dryRun, QObject *receiver, std::function<void(const Result<int> &)> done) const;
    // Sets (or, with nullopt, removes) one annotation by merge patch.
    void annotate(const QString &name, const QString &key, const std::optional<QString> &value, QObject *receiver,
                  std::function<void(const Result<bool> &)> done) const;
    // Any JSON request, retried the same way.
    void call(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &type, QObject *receiver,
              std::function<void(const Result<QJsonObject> &)> done) const;

private:
    KubeClient *m_client;
    QString m_ns;
};

// Calls `each` for every item at once; `done` once all answered, with the first error.
template <typename T>
void forEachAtOnce(const QList<T> &items, std::function<void(const T &, std::function<void(const Result<bool> &)>)> each,
                   std::function<void(const Result<bool> &)> done)
{
    if (items.isEmpty())
        return done(true);
    auto left = std::make_shared<qsizetype>(items.size());
    auto firstError = std::make_shared<std::optional<Error>>();
    for (const T &item : items)
        each(item, [left, firstError, done](const Result<bool> &r) {
            if (!r && !firstError->has_value())
                *firstError = r.error();
            if (--*left == 0)
                done(firstError->has_value() ? Result<bool>(**firstError) : Result<bool>(true));
        });
}

} // namespace eic::kube
