#pragma once

#include "ComponentCatalogue.h"
#include "ContactWatch.h"
#include "Health.h"
#include "kube/LabelSelector.h"
#include "kube/Reflector.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <optional>

namespace eic::kube {
class KubeClient;
}

namespace eic::cell {

// What the dashboard shows of one deployment.
struct ComponentState {
    QString name;
    QString role;
    bool known = false;    // in the catalogue
    bool present = false;  // exists in the cell
    bool stopsForDatabase = false;
    bool stopsForDatastore = false;
    QString since;
    int desired = 0;
    int ready = 0;
    int available = 0;
    int updated = 0;
    int terminating = 0;
    HealthAssessment health;
    QDateTime lastChange;
    std::optional<int> restoreOriginal; // annotation eic-restore/original-replicas: a restore stopped it
    std::optional<QPair<int, int>> autoscaler; // HPA min/max
    // While the cluster does not answer, `health` is Unknown and this keeps what was last known.
    std::optional<HealthAssessment> lastKnown;

    bool restoreRelevant() const { return stopsForDatabase || stopsForDatastore; }
    bool unhealthy() const { return health.health != Health::Healthy && health.health != Health::Stopped && health.health != Health::Unknown; }
    QJsonObject toJson() const;
};

struct MessageServiceState {
    bool present = false;
    QString name;
    QString ns;
    int desired = 0;
    int ready = 0;
    bool highAvailability() const { return desired >= 3; }
    QString summary() const;
    QJsonObject toJson() const;
};

struct BuiltinService {
    QString name;
    QString ns;
    QString kind;
};

enum class ConnectionState { Connecting, Live, Reconnecting, Failed };
QString connectionStateName(ConnectionState state);

// The live model of the cell: deployments, their pods (terminating ones counted), autoscalers,
// the message service and built-in stores, each kept current by a Reflector (list + watch).
// Nothing polls; every change arrives on a watch and is announced row by row. What the
// watches deliver is only as fresh as the last answer: ContactWatch times that, and while the
// cluster is silent or unreachable every row is Unknown (never Healthy), until it answers again.
class CellMonitor : public QObject {
    Q_OBJECT
public:
    CellMonitor(kube::KubeClient *client, const ComponentCatalogue &catalogue, QObject *parent = nullptr);
    ~CellMonitor() override;

    void start();
    void stop();

    const QList<ComponentState> &components() const { return m_components; }
    int indexOf(const QString &name) const;
    const MessageServiceState &messageService() const { return m_messageService; }
    const QList<BuiltinService> &builtinServices() const { return m_builtin; }
    ConnectionState connectionState() const { return m_connection; }
    QString connectionDetail() const { return m_connectionDetail; }
    QDateTime nextAttempt() const { return m_nextAttempt; }
    bool synced() const;
    // Whether the cluster answers (see ContactWatch): not Reachable means every row is Unknown.
    ContactWatch::State contact() const { return m_contact->state(); }
    bool contactLost() const { return m_contactLost; }
    qint64 secondsWithoutContact() const { return m_contact->secondsWithoutContact(); }
    QDateTime lastContact() const { return m_contact->lastContact(); }
    QString contactDetail() const { return m_contact->detail(); }
    const ContactWatch *contactWatch() const { return m_contact; }
    // Whether any component of a cell exists in the namespace; when not (a mistyped namespace or
    // context), notFoundHint() says what to check.
    bool cellFound() const;
    QString notFoundHint() const;
    QString ns() const { return m_ns; }
    QJsonObject toJson() const;

Q_SIGNALS:
    void componentInserted(int row);
    void componentChanged(int row);
    void componentRemoved(int row);
    void messageServiceChanged();
    void builtinServicesChanged();
    void connectionChanged();
    void syncedChanged();
    // The contact state changed, or (while lost) another second passed without contact.
    void contactChanged();

private:
    void onDeployment(kube::WatchEvent event, const QJsonObject &object);
    void onPod(kube::WatchEvent event, const QJsonObject &object);
    void onAutoscaler(kube::WatchEvent event, const QJsonObject &object);
    void onStatefulSet(kube::WatchEvent event, const QJsonObject &object);
    void refreshComponent(int row);
    void updateConnection();
    void onContactChanged();
    void holdUnknown(ComponentState &c) const;
    int terminatingPodsOf(const QString &deployment) const;

    kube::KubeClient *m_client;
    const ComponentCatalogue &m_catalogue;
    QString m_ns;
    QList<ComponentState> m_components;
    QHash<QString, QJsonObject> m_deployments; // by name
    QHash<QString, kube::LabelSelector> m_podSelectors; // deployment name -> its spec.selector
    QHash<QString, QPair<int, int>> m_autoscalers; // target -> min/max
    MessageServiceState m_messageService;
    QList<BuiltinService> m_builtin;
    ConnectionState m_connection = ConnectionState::Connecting;
    QString m_connectionDetail;
    QDateTime m_nextAttempt;
    QList<kube::Reflector *> m_reflectors;
    kube::Reflector *m_deploymentReflector = nullptr;
    kube::Reflector *m_podReflector = nullptr;
    ContactWatch *m_contact = nullptr;
    bool m_contactLost = false;
};

} // namespace eic::cell
