#pragma once

#include "Error.h"
#include "RolloutStatus.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <optional>

namespace eic::kube {

class KubeClient;
class Reflector;

// The deployments and pods of one namespace, from a list + watch each, and waits on them.
// A wait lives on its receiver: when the receiver (a step of a run) is deleted, the wait and
// its timer go with it and its callback never runs; this is how a cancel ends any wait at once.
class ClusterWatch : public QObject {
    Q_OBJECT
public:
    ClusterWatch(KubeClient *client, const QString &ns, QObject *parent = nullptr);

    void start();
    void stop();
    bool synced() const;

    QJsonObject deployment(const QString &name) const;
    struct Pods {
        int count = 0;
        int terminating = 0;
        QSet<QString> ips;
    };
    // The pods the deployment's selector (matchLabels and matchExpressions) selects, terminating ones included.
    Pods podsOf(const QString &deployment) const;
    RolloutVerdict rollout(const QString &deployment, std::optional<int> want) const;

    // Calls done(true) once `condition` holds, done(Error) when `failure` names one or after
    // timeoutMs ("WHAT did not happen within N s"). Checked now and on every change.
    void waitUntil(QObject *receiver, const QString &what, int timeoutMs, std::function<std::optional<QString>()> failure,
                   std::function<bool()> condition, std::function<void(const Result<bool> &)> done);
    // Until every deployment of `want` has rolled out at its count by kubectl's rules; a rollout
    // that failed (its progress deadline) fails the wait by name.
    void waitForRollouts(QObject *receiver, const QString &what, const QHash<QString, int> &want, int timeoutMs,
                         std::function<void(const Result<bool> &)> done);

Q_SIGNALS:
    void changed();

private:
    QString m_ns;
    Reflector *m_deployments;
    Reflector *m_pods;
};

} // namespace eic::kube
