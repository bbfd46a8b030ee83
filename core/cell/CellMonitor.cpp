#include "CellMonitor.h"

#include "kube/KubeClient.h"

#include <QJsonArray>

#include <algorithm>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::cell {

namespace {

constexpr auto kOriginalReplicasAnnotation = "eic-restore/original-replicas";

QString nameOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject().value("name"_L1).toString();
}

QString nsOf(const QJsonObject &o)
{
    return o.value("metadata"_L1).toObject().value("namespace"_L1).toString();
}

// The pods a deployment owns, by its spec.selector; an empty selector owns none (the deployment
// controller refuses it), and so does one the server should have refused.
kube::LabelSelector podSelectorOf(const QJsonObject &deployment)
{
    const QJsonObject selector = deployment.value("spec"_L1).toObject().value("selector"_L1).toObject();
    auto parsed = kube::LabelSelector::fromJson(selector);
    if (parsed)
        return *parsed;
    spdlog::warn("deployment {}: {}", nameOf(deployment).toStdString(), parsed.error().toString().toStdString());
    return *kube::LabelSelector::fromJson({});
}

} // namespace

QString connectionStateName(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Connecting: return u"connecting"_s;
    case ConnectionState::Live: return u"live"_s;
    case ConnectionState::Reconnecting: return u"reconnecting"_s;
    case ConnectionState::Failed: return u"error"_s;
    }
    return {};
}

QJsonObject ComponentState::toJson() const
{
    QJsonObject o{{"name"_L1, name},
                  {"role"_L1, role},
                  {"present"_L1, present},
                  {"desired"_L1, desired},
                  {"ready"_L1, ready},
                  {"available"_L1, available},
                  {"terminatingPods"_L1, terminating},
                  {"health"_L1, healthName(health.health).toLower()},
                  {"reason"_L1, health.reason},
                  {"stoppedByDatabaseRestore"_L1, stopsForDatabase},
                  {"stoppedByDatastoreRestore"_L1, stopsForDatastore},
                  {"lastChange"_L1, lastChange.toString(Qt::ISODateWithMs)}};
    if (!known)
        o["category"_L1] = "other"_L1;
    if (restoreOriginal)
        o["restoreOriginalReplicas"_L1] = *restoreOriginal;
    if (autoscaler)
        o["autoscaler"_L1] = QJsonObject{{"minReplicas"_L1, autoscaler->first}, {"maxReplicas"_L1, autoscaler->second}};
    return o;
}

QString MessageServiceState::summary() const
{
    if (!present)
        return u"message service %1 not found in %2"_s.arg(name, ns);
    return u"%1/%2 ready, %3"_s.arg(ready).arg(desired).arg(highAvailability() ? u"high availability (replication protects its data)"_s
                                                                                 : u"single instance, no high availability"_s);
}

QJsonObject MessageServiceState::toJson() const
{
    return {{"name"_L1, name}, {"namespace"_L1, ns}, {"present"_L1, present}, {"desired"_L1, desired}, {"ready"_L1, ready},
            {"highAvailability"_L1, highAvailability()}, {"protection"_L1, "replication, not backup"_L1}};
}

CellMonitor::CellMonitor(kube::KubeClient *client, const ComponentCatalogue &catalogue, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_catalogue(catalogue)
    , m_ns(client->context().ns)
{
    for (const CatalogueEntry &e : catalogue.entries()) {
        ComponentState c;
        c.name = e.name;
        c.role = e.role;
        c.known = true;
        c.since = e.since;
        c.stopsForDatabase = e.stoppedBy(RestoreTarget::Database);
        c.stopsForDatastore = e.stoppedBy(RestoreTarget::Datastore);
        c.health = {Health::Unknown, tr("the cluster has not answered yet")};
        m_components.append(c);
    }
    m_messageService.name = catalogue.messageServiceName();
    m_messageService.ns = catalogue.messageServiceNamespace();
    m_contact = new ContactWatch(client->context(), this);
    connect(m_contact, &ContactWatch::stateChanged, this, &CellMonitor::onContactChanged);

    auto add = [this](const QString &path, auto handler) {
        auto *r = new kube::Reflector(m_client, {path, {}, 500, 250, 30000, 0}, this);
        connect(r, &kube::Reflector::heardFrom, m_contact, &ContactWatch::heard);
        connect(r, &kube::Reflector::changed, this, handler);
        connect(r, &kube::Reflector::stateChanged, this, &CellMonitor::updateConnection);
        connect(r, &kube::Reflector::synced, this, [this] {
            updateConnection();
            if (synced())
                Q_EMIT syncedChanged();
        });
        m_reflectors.append(r);
        return r;
    };
    m_deploymentReflector = add(u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(m_ns), &CellMonitor::onDeployment);
    // Once the first list is in, catalogue components it did not contain are Missing for sure.
    connect(m_deploymentReflector, &kube::Reflector::synced, this, [this] {
        for (int row = 0; row < m_components.size(); ++row)
            refreshComponent(row);
    });
    m_podReflector = add(u"/api/v1/namespaces/%1/pods"_s.arg(m_ns), &CellMonitor::onPod);
    add(u"/apis/autoscaling/v2/namespaces/%1/horizontalpodautoscalers"_s.arg(m_ns), &CellMonitor::onAutoscaler);
    QStringList stsNamespaces = catalogue.builtinNamespaces();
    if (!stsNamespaces.contains(m_messageService.ns))
        stsNamespaces.append(m_messageService.ns);
    if (!stsNamespaces.contains(m_ns))
        stsNamespaces.append(m_ns);
    for (const QString &ns : std::as_const(stsNamespaces))
        add(u"/apis/apps/v1/namespaces/%1/statefulsets"_s.arg(ns), &CellMonitor::onStatefulSet);
}

CellMonitor::~CellMonitor()
{
    stop();
}

void CellMonitor::start()
{
    m_contact->start();
    for (auto *r : std::as_const(m_reflectors))
        r->start();
}

void CellMonitor::stop()
{
    m_contact->stop();
    for (auto *r : std::as_const(m_reflectors))
        r->stop();
}

void CellMonitor::holdUnknown(ComponentState &c) const
{
    const QDateTime last = m_contact->lastContact();
    const QString known = c.lastKnown ? healthName(c.lastKnown->health) : healthName(Health::Unknown);
    c.health = {Health::Unknown, last.isValid() ? tr("no contact with the cluster since %1 (last known: %2)")
                                                      .arg(last.toLocalTime().toString(u"HH:mm:ss"_s), known)
                                                : tr("no answer from the cluster yet")};
}

void CellMonitor::onContactChanged()
{
    const bool lost = m_contact->state() != ContactWatch::State::Reachable;
    if (lost != m_contactLost) {
        m_contactLost = lost;
        if (!lost) {
            // The cluster answers again; whether each watch's old connection still works is
            // not known: each watches again from where it was.
            for (kube::Reflector *r : std::as_const(m_reflectors))
                r->rewatch();
        }
        for (int row = 0; row < m_components.size(); ++row) {
            ComponentState &c = m_components[row];
            if (lost) {
                c.lastKnown = c.health;
                holdUnknown(c);
            } else if (c.lastKnown) {
                // Back: what the watches hold now, with the last change kept if nothing changed.
                c.health = *std::exchange(c.lastKnown, std::nullopt);
                refreshComponent(row);
            }
            Q_EMIT componentChanged(row);
        }
    }
    Q_EMIT contactChanged();
}

bool CellMonitor::synced() const
{
    return std::all_of(m_reflectors.begin(), m_reflectors.end(), [](const kube::Reflector *r) { return r->hasSynced(); });
}

bool CellMonitor::cellFound() const
{
    return std::any_of(m_components.begin(), m_components.end(), [](const ComponentState &c) { return c.present; });
}

QString CellMonitor::notFoundHint() const
{
    return tr("No component of an Edge Integration Cell is in namespace %1 of context %2. Check the namespace (-n, or the profile's) "
              "and the context; the cell is usually in edge-icell.")
        .arg(m_ns, m_client->context().context);
}

int CellMonitor::indexOf(const QString &name) const
{
    for (int i = 0; i < m_components.size(); ++i) {
        if (m_components.at(i).name == name)
            return i;
    }
    return -1;
}

void CellMonitor::onDeployment(kube::WatchEvent event, const QJsonObject &object)
{
    const QString name = nameOf(object);
    int row = indexOf(name);
    if (event == kube::WatchEvent::Deleted) {
        m_deployments.remove(name);
        m_podSelectors.remove(name);
        if (row < 0)
            return;
        if (m_components.at(row).known) {
            refreshComponent(row);
        } else {
            m_components.removeAt(row);
            Q_EMIT componentRemoved(row);
        }
        return;
    }
    m_deployments.insert(name, object);
    m_podSelectors.insert(name, podSelectorOf(object));
    if (row < 0) {
        // A deployment the catalogue does not know: shown as "other".
        ComponentState c;
        c.name = name;
        c.role = tr("other workload of the cell");
        m_components.append(c);
        row = static_cast<int>(m_components.size() - 1);
        refreshComponent(row);
        Q_EMIT componentInserted(row);
        return;
    }
    refreshComponent(row);
}

int CellMonitor::terminatingPodsOf(const QString &deployment) const
{
    const auto selector = m_podSelectors.find(deployment);
    if (selector == m_podSelectors.end())
        return 0;
    int count = 0;
    for (const QJsonObject &pod : m_podReflector->items()) {
        const QJsonObject meta = pod.value("metadata"_L1).toObject();
        if (meta.contains("deletionTimestamp"_L1) && selector->matches(meta.value("labels"_L1).toObject()))
            ++count;
    }
    return count;
}

void CellMonitor::onPod(kube::WatchEvent event, const QJsonObject &object)
{
    // Only terminating pods (and their disappearance) change a count the dashboard shows.
    const QJsonObject meta = object.value("metadata"_L1).toObject();
    if (event != kube::WatchEvent::Deleted && !meta.contains("deletionTimestamp"_L1))
        return;
    const QJsonObject labels = meta.value("labels"_L1).toObject();
    for (int row = 0; row < m_components.size(); ++row) {
        const auto selector = m_podSelectors.find(m_components.at(row).name);
        if (selector != m_podSelectors.end() && selector->matches(labels))
            refreshComponent(row);
    }
}

void CellMonitor::onAutoscaler(kube::WatchEvent event, const QJsonObject &object)
{
    const QJsonObject spec = object.value("spec"_L1).toObject();
    const QString target = spec.value("scaleTargetRef"_L1).toObject().value("name"_L1).toString();
    if (event == kube::WatchEvent::Deleted)
        m_autoscalers.remove(target);
    else
        m_autoscalers.insert(target, {spec.value("minReplicas"_L1).toInt(1), spec.value("maxReplicas"_L1).toInt(1)});
    const int row = indexOf(target);
    if (row >= 0)
        refreshComponent(row);
}

void CellMonitor::onStatefulSet(kube::WatchEvent event, const QJsonObject &object)
{
    const QString name = nameOf(object);
    const QString ns = nsOf(object);
    if (name == m_messageService.name && ns == m_messageService.ns) {
        const bool gone = event == kube::WatchEvent::Deleted;
        m_messageService.present = !gone;
        m_messageService.desired = gone ? 0 : object.value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
        m_messageService.ready = gone ? 0 : object.value("status"_L1).toObject().value("readyReplicas"_L1).toInt(0);
        Q_EMIT messageServiceChanged();
        return;
    }
    if (m_catalogue.builtinNames().contains(name)) {
        m_builtin.removeIf([&](const BuiltinService &b) { return b.name == name && b.ns == ns; });
        if (event != kube::WatchEvent::Deleted)
            m_builtin.append({name, ns, u"StatefulSet"_s});
        Q_EMIT builtinServicesChanged();
    }
}

void CellMonitor::refreshComponent(int row)
{
    ComponentState &c = m_components[row];
    const auto it = m_deployments.find(c.name);
    if (m_contactLost && c.lastKnown)
        c.health = *c.lastKnown; // compared with what was last known, held again below
    const ComponentState before = c;
    c.autoscaler = m_autoscalers.contains(c.name) ? std::optional(m_autoscalers.value(c.name)) : std::nullopt;
    if (it == m_deployments.end()) {
        c.present = false;
        c.desired = c.ready = c.available = c.updated = c.terminating = 0;
        c.restoreOriginal.reset();
        c.health = {Health::Missing, c.since.isEmpty() ? tr("not in this cell") : tr("not in this cell (added in cell version %1)").arg(c.since)};
    } else {
        const QJsonObject &d = *it;
        const QJsonObject status = d.value("status"_L1).toObject();
        c.present = true;
        c.desired = d.value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
        c.ready = status.value("readyReplicas"_L1).toInt(0);
        c.available = status.value("availableReplicas"_L1).toInt(0);
        c.updated = status.value("updatedReplicas"_L1).toInt(0);
        c.terminating = terminatingPodsOf(c.name);
        c.health = assessDeployment(d, c.terminating);
        const QJsonValue original = d.value("metadata"_L1).toObject().value("annotations"_L1).toObject()
                                        .value(QLatin1StringView(kOriginalReplicasAnnotation));
        bool ok = false;
        const int count = original.toString().toInt(&ok);
        c.restoreOriginal = ok ? std::optional(count) : std::nullopt;
    }
    const bool changed = before.present != c.present || before.desired != c.desired || before.ready != c.ready
        || before.available != c.available || before.terminating != c.terminating || before.health.health != c.health.health
        || before.health.reason != c.health.reason || before.restoreOriginal != c.restoreOriginal || before.autoscaler != c.autoscaler;
    if (!changed) {
        if (m_contactLost)
            holdUnknown(c);
        return;
    }
    if (!before.present && c.present && it != m_deployments.end()) {
        // First sight: the server knows when the deployment last changed (its conditions).
        QDateTime latest;
        for (const auto &cond : it->value("status"_L1).toObject().value("conditions"_L1).toArray()) {
            const QDateTime t = QDateTime::fromString(cond.toObject().value("lastUpdateTime"_L1).toString(), Qt::ISODate);
            if (t.isValid() && (!latest.isValid() || t > latest))
                latest = t;
        }
        c.lastChange = latest.isValid() ? latest : QDateTime::currentDateTimeUtc();
    } else if (before.present != c.present || before.desired != c.desired || before.ready != c.ready
               || before.health.health != c.health.health) {
        c.lastChange = QDateTime::currentDateTimeUtc();
    }
    if (m_contactLost) {
        c.lastKnown = c.health;
        holdUnknown(c);
    }
    Q_EMIT componentChanged(row);
}

void CellMonitor::updateConnection()
{
    ConnectionState state = ConnectionState::Live;
    QString detail;
    QDateTime next;
    for (const kube::Reflector *r : std::as_const(m_reflectors)) {
        switch (r->state()) {
        case kube::Reflector::State::Failed:
            state = ConnectionState::Failed;
            detail = r->lastError().message;
            next = r->nextAttempt();
            break;
        case kube::Reflector::State::Reconnecting:
            if (state != ConnectionState::Failed) {
                state = ConnectionState::Reconnecting;
                detail = r->lastError().message;
                if (!next.isValid() || r->nextAttempt() < next)
                    next = r->nextAttempt();
            }
            break;
        case kube::Reflector::State::Connecting:
            if (state == ConnectionState::Live)
                state = ConnectionState::Connecting;
            break;
        case kube::Reflector::State::Live:
            break;
        }
    }
    if (state == m_connection && detail == m_connectionDetail && next == m_nextAttempt)
        return;
    if (state != m_connection)
        spdlog::info("cell {}: {}{}", m_ns.toStdString(), connectionStateName(state).toStdString(),
                     detail.isEmpty() ? std::string() : " — " + detail.toStdString());
    m_connection = state;
    m_connectionDetail = detail;
    m_nextAttempt = next;
    // What is not known yet says why: a refusal is no reason to call the components missing.
    for (qsizetype row = 0; row < m_components.size(); ++row) {
        ComponentState &c = m_components[row];
        if (c.health.health != Health::Unknown || m_contactLost) // held rows say why themselves
            continue;
        c.health.reason = state == ConnectionState::Failed         ? tr("the cluster refused us (see the connection line)")
                          : state == ConnectionState::Reconnecting ? tr("no answer from the cluster yet; retrying")
                                                                   : tr("the cluster has not answered yet");
        Q_EMIT componentChanged(int(row));
    }
    Q_EMIT connectionChanged();
}

QJsonObject CellMonitor::toJson() const
{
    QJsonArray components;
    for (const auto &c : m_components)
        components.append(c.toJson());
    QJsonArray builtin;
    for (const auto &b : m_builtin)
        builtin.append(QJsonObject{{"name"_L1, b.name}, {"namespace"_L1, b.ns}, {"kind"_L1, b.kind},
                                   {"note"_L1, m_catalogue.builtinNote()}});
    return {{"context"_L1, m_client->context().context},
            {"server"_L1, m_client->context().cluster.server.toString()},
            {"namespace"_L1, m_ns},
            {"tlsVerification"_L1, !m_client->tlsVerificationOff()},
            {"connection"_L1, connectionStateName(m_connection)},
            {"cellFound"_L1, cellFound()},
            {"components"_L1, components},
            {"messageService"_L1, m_messageService.toJson()},
            {"builtinServices"_L1, builtin}};
}

} // namespace eic::cell
