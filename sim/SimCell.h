#pragma once

#include "Scenario.h"
#include "SimStore.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace eic::sim {

// The simulated Edge Integration Cell: the objects of a scenario in a SimStore, and the
// controllers that make them behave as a real cluster's do: the deployment controller
// (pods start and terminate with delays, status and conditions follow kubectl's rollout
// rules), the HPA controller, and the StatefulSet of the message service.
class SimCell : public QObject {
    Q_OBJECT
public:
    explicit SimCell(Scenario scenario, QObject *parent = nullptr);

    SimStore &store() { return m_store; }
    const Scenario &scenario() const { return m_scenario; }

    // Changes spec.replicas of a deployment as the scale subresource does (generation + 1).
    // Returns the stored deployment, or nullopt when it does not exist.
    std::optional<QJsonObject> setReplicas(const QString &ns, const QString &name, int replicas);
    // Stores a changed deployment (after a PATCH of metadata or spec.replicas).
    QJsonObject updateDeployment(const QJsonObject &before, QJsonObject after);

    // The Scale object (autoscaling/v1) for a deployment, as the scale subresource returns it.
    static QJsonObject scaleOf(const QJsonObject &deployment);

    // A compact view of every deployment (spec, status counts, annotations): compare it before
    // and after an operation to prove that a dry run changed nothing.
    QJsonObject stateSnapshot() const;

    int podStartMs(const QString &deployment) const;

Q_SIGNALS:
    // A deployment's status reached what its spec asks (or its deadline passed).
    void deploymentSettled(const QString &ns, const QString &name);

private:
    struct PodState {
        QString name;
        QString ns;
        QString deployment;
        bool ready = false;
        bool terminating = false;
        qint64 createdMs = 0;
    };
    struct DeploymentState {
        QString rsHash;
        qint64 progressSinceMs = 0;
        bool deadlineExceeded = false;
        QPointer<QTimer> reconcileTimer;
        QPointer<QTimer> deadlineTimer;
    };

    void populate();
    void createDeployment(const DeploymentSpec &spec);
    void createStatefulSet(const StatefulSetSpec &spec);
    void createHpa(const DeploymentSpec &spec);
    void scheduleReconcile(const QString &ns, const QString &name);
    void reconcile(const QString &ns, const QString &name);
    void updateStatus(const QString &ns, const QString &name);
    void podBecameReady(const QString &podName);
    void podTerminated(const QString &podName);
    QJsonObject makePod(const PodState &pod, const QJsonObject &deployment) const;
    QList<PodState *> podsOf(const QString &ns, const QString &deployment);
    void syncAutoscalers();
    static QString key(const QString &ns, const QString &name) { return ns + u'/' + name; }

    Scenario m_scenario;
    SimStore m_store;
    QHash<QString, DeploymentState> m_deployments; // "ns/name"
    QHash<QString, PodState> m_pods;               // pod name
    QTimer m_hpaTimer;
};

} // namespace eic::sim
