#include "SimCell.h"

#include "SimTime.h"
#include "kube/LabelSelector.h"

#include <QJsonArray>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

// The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes).
constexpr char kSuffixAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";

QString suffix(quint64 seed, int length)
{
    QString out;
    for (int i = 0; i < length; ++i) {
        out.append(QLatin1Char(kSuffixAlphabet[seed % 27]));
        seed /= 27;
        if (seed == 0)
            seed = 0x9e3779b97f4a7c15ULL + static_cast<quint64>(i);
    }
    return out;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QJsonObject condition(const QString &type, bool status, const QString &reason, const QString &message,
                      const QJsonObject &previous)
{
    const QString now = SimTime::nowRfc3339();
    const QString statusText = status ? u"True"_s : u"False"_s;
    // lastTransitionTime moves only when the status flips, as in the real controllers.
    const bool same = previous.value("status"_L1).toString() == statusText;
    return {{"type"_L1, type},
            {"status"_L1, statusText},
            {"lastUpdateTime"_L1, now},
            {"lastTransitionTime"_L1, same ? previous.value("lastTransitionTime"_L1).toString(now) : now},
            {"reason"_L1, reason},
            {"message"_L1, message}};
}

QJsonObject findCondition(const QJsonArray &conditions, const QString &type)
{
    for (const auto &c : conditions) {
        if (c.toObject().value("type"_L1).toString() == type)
            return c.toObject();
    }
    return {};
}

// Status counts are int32 with omitempty in the real API: a zero is left out.
void putCount(QJsonObject &status, const char *key, int value)
{
    if (value != 0)
        status[QLatin1StringView(key)] = value;
}

// The pods' labels are app=<name> and pod-template-hash either way; only the selector differs.
QJsonObject selectorOf(const DeploymentSpec &spec)
{
    if (!spec.selectByExpressions)
        return {{"matchLabels"_L1, QJsonObject{{"app"_L1, spec.name}}}};
    return {{"matchExpressions"_L1, QJsonArray{
        QJsonObject{{"key"_L1, "app"_L1}, {"operator"_L1, "In"_L1}, {"values"_L1, QJsonArray{spec.name}}},
        QJsonObject{{"key"_L1, "eic-sim/excluded"_L1}, {"operator"_L1, "DoesNotExist"_L1}}}}};
}

} // namespace

SimCell::SimCell(Scenario scenario, QObject *parent)
    : QObject(parent)
    , m_scenario(std::move(scenario))
    , m_store(m_scenario.watchHistory)
{
    populate();
    m_hpaTimer.setInterval(qMax(50, m_scenario.timing.hpaSyncMs));
    connect(&m_hpaTimer, &QTimer::timeout, this, &SimCell::syncAutoscalers);
    m_hpaTimer.start();
}

int SimCell::podStartMs(const QString &deployment) const
{
    for (const auto &d : m_scenario.deployments) {
        if (d.name == deployment && d.podStartMs >= 0)
            return d.podStartMs;
    }
    return m_scenario.timing.podStartMs;
}

void SimCell::populate()
{
    // The store gives each a random uid, stable for the sim's life: what a run binds itself to.
    for (const QString &ns : m_scenario.allNamespaces()) {
        const QJsonObject labels{{"kubernetes.io/metadata.name"_L1, ns}};
        m_store.create(u"namespaces"_s, QJsonObject{{"kind"_L1, "Namespace"_L1}, {"apiVersion"_L1, "v1"_L1},
                                                    {"metadata"_L1, QJsonObject{{"name"_L1, ns}, {"labels"_L1, labels}}},
                                                    {"spec"_L1, QJsonObject{{"finalizers"_L1, QJsonArray{u"kubernetes"_s}}}},
                                                    {"status"_L1, QJsonObject{{"phase"_L1, "Active"_L1}}}});
    }
    for (const auto &d : std::as_const(m_scenario.deployments)) {
        createDeployment(d);
        if (d.hpa)
            createHpa(d);
    }
    for (const auto &s : std::as_const(m_scenario.statefulSets))
        createStatefulSet(s);
}

void SimCell::createDeployment(const DeploymentSpec &spec)
{
    const QString rsHash = suffix(qHash(spec.name, 7), 10);
    const QJsonObject labels{{"app"_L1, spec.name}, {"app.kubernetes.io/part-of"_L1, "edge-icell"_L1}};
    QJsonObject deployment{
        {"kind"_L1, "Deployment"_L1},
        {"apiVersion"_L1, "apps/v1"_L1},
        {"metadata"_L1, QJsonObject{{"name"_L1, spec.name}, {"namespace"_L1, spec.namespaceName}, {"labels"_L1, labels},
                                    {"annotations"_L1, QJsonObject{{"deployment.kubernetes.io/revision"_L1, "1"_L1}}}}},
        {"spec"_L1, QJsonObject{
            {"replicas"_L1, spec.replicas},
            {"selector"_L1, selectorOf(spec)},
            {"template"_L1, QJsonObject{
                {"metadata"_L1, QJsonObject{{"labels"_L1, QJsonObject{{"app"_L1, spec.name}}}}},
                {"spec"_L1, QJsonObject{{"containers"_L1, QJsonArray{QJsonObject{{"name"_L1, spec.name}, {"image"_L1, spec.image}}}}}}}},
            {"strategy"_L1, QJsonObject{{"type"_L1, "RollingUpdate"_L1},
                                        {"rollingUpdate"_L1, QJsonObject{{"maxUnavailable"_L1, "25%"_L1}, {"maxSurge"_L1, "25%"_L1}}}}},
            {"revisionHistoryLimit"_L1, 10},
            {"progressDeadlineSeconds"_L1, m_scenario.timing.progressDeadlineSeconds}}},
        {"status"_L1, QJsonObject{}}};
    m_store.create(u"deployments"_s, deployment);
    DeploymentState &state = m_deployments[key(spec.namespaceName, spec.name)];
    state.rsHash = rsHash;

    // A cell that is already running: its pods exist and are ready from the start.
    const auto stored = *m_store.get(u"deployments"_s, spec.namespaceName, spec.name);
    for (int i = 0; i < spec.replicas; ++i) {
        PodState pod;
        pod.name = u"%1-%2-%3"_s.arg(spec.name, rsHash, suffix(QRandomGenerator::global()->generate64(), 5));
        pod.ns = spec.namespaceName;
        pod.deployment = spec.name;
        pod.ready = !spec.neverReady;
        pod.createdMs = nowMs();
        m_pods.insert(pod.name, pod);
        m_store.create(u"pods"_s, makePod(pod, stored));
    }
    updateStatus(spec.namespaceName, spec.name);
}

void SimCell::createHpa(const DeploymentSpec &spec)
{
    QJsonObject hpa{
        {"kind"_L1, "HorizontalPodAutoscaler"_L1},
        {"apiVersion"_L1, "autoscaling/v2"_L1},
        {"metadata"_L1, QJsonObject{{"name"_L1, spec.name}, {"namespace"_L1, spec.namespaceName}}},
        {"spec"_L1, QJsonObject{
            {"scaleTargetRef"_L1, QJsonObject{{"apiVersion"_L1, "apps/v1"_L1}, {"kind"_L1, "Deployment"_L1}, {"name"_L1, spec.name}}},
            {"minReplicas"_L1, spec.hpa->minReplicas},
            {"maxReplicas"_L1, spec.hpa->maxReplicas},
            {"metrics"_L1, QJsonArray{QJsonObject{{"type"_L1, "Resource"_L1},
                {"resource"_L1, QJsonObject{{"name"_L1, "cpu"_L1},
                    {"target"_L1, QJsonObject{{"type"_L1, "Utilization"_L1}, {"averageUtilization"_L1, 80}}}}}}}}}},
        {"status"_L1, QJsonObject{{"currentReplicas"_L1, spec.replicas}, {"desiredReplicas"_L1, spec.replicas}}}};
    m_store.create(u"horizontalpodautoscalers"_s, hpa);
}

void SimCell::createStatefulSet(const StatefulSetSpec &spec)
{
    QJsonObject sts{
        {"kind"_L1, "StatefulSet"_L1},
        {"apiVersion"_L1, "apps/v1"_L1},
        {"metadata"_L1, QJsonObject{{"name"_L1, spec.name}, {"namespace"_L1, spec.namespaceName},
                                    {"labels"_L1, QJsonObject{{"app"_L1, spec.name}}}}},
        {"spec"_L1, QJsonObject{
            {"replicas"_L1, spec.replicas},
            {"serviceName"_L1, spec.name + u"-discovery"_s},
            {"selector"_L1, QJsonObject{{"matchLabels"_L1, QJsonObject{{"app"_L1, spec.name}}}}},
            {"template"_L1, QJsonObject{
                {"metadata"_L1, QJsonObject{{"labels"_L1, QJsonObject{{"app"_L1, spec.name}}}}},
                {"spec"_L1, QJsonObject{{"containers"_L1, QJsonArray{QJsonObject{{"name"_L1, spec.name}, {"image"_L1, spec.image}}}}}}}}}},
        {"status"_L1, QJsonObject{}}};
    QJsonObject status;
    putCount(status, "replicas", spec.replicas);
    putCount(status, "readyReplicas", spec.replicas);
    putCount(status, "currentReplicas", spec.replicas);
    putCount(status, "updatedReplicas", spec.replicas);
    putCount(status, "availableReplicas", spec.replicas);
    status["observedGeneration"_L1] = 1;
    status["currentRevision"_L1] = spec.name + u"-6d5f8b7c9"_s;
    status["updateRevision"_L1] = spec.name + u"-6d5f8b7c9"_s;
    sts["status"_L1] = status;
    const QJsonObject stored = m_store.create(u"statefulsets"_s, sts);
    for (int i = 0; i < spec.replicas; ++i) {
        PodState pod{u"%1-%2"_s.arg(spec.name).arg(i), spec.namespaceName, {}, true, false, nowMs()};
        QJsonObject podObject = makePod(pod, stored);
        QJsonObject meta = podObject.value("metadata"_L1).toObject();
        meta["ownerReferences"_L1] = QJsonArray{QJsonObject{{"apiVersion"_L1, "apps/v1"_L1}, {"kind"_L1, "StatefulSet"_L1},
                                                            {"name"_L1, spec.name}, {"controller"_L1, true}}};
        QJsonObject labels{{"app"_L1, spec.name}, {"statefulset.kubernetes.io/pod-name"_L1, pod.name}};
        meta["labels"_L1] = labels;
        podObject["metadata"_L1] = meta;
        m_store.create(u"pods"_s, podObject);
    }
}

QJsonObject SimCell::makePod(const PodState &pod, const QJsonObject &owner) const
{
    const QJsonObject ownerSpec = owner.value("spec"_L1).toObject();
    const QJsonArray containers = ownerSpec.value("template"_L1).toObject().value("spec"_L1).toObject().value("containers"_L1).toArray();
    const QJsonObject container = containers.first().toObject();
    const DeploymentState state = m_deployments.value(key(pod.ns, pod.deployment));
    const QString now = SimTime::nowRfc3339();

    QJsonObject containerStatus{{"name"_L1, container.value("name"_L1)}, {"image"_L1, container.value("image"_L1)},
                                {"ready"_L1, pod.ready}, {"restartCount"_L1, 0}, {"started"_L1, pod.ready}};
    if (pod.terminating)
        containerStatus["state"_L1] = QJsonObject{{"running"_L1, QJsonObject{{"startedAt"_L1, now}}}};
    else if (pod.ready)
        containerStatus["state"_L1] = QJsonObject{{"running"_L1, QJsonObject{{"startedAt"_L1, now}}}};
    else
        containerStatus["state"_L1] = QJsonObject{{"waiting"_L1, QJsonObject{{"reason"_L1, "ContainerCreating"_L1}}}};

    QJsonObject meta{{"name"_L1, pod.name}, {"namespace"_L1, pod.ns}};
    if (!pod.deployment.isEmpty()) {
        meta["generateName"_L1] = u"%1-%2-"_s.arg(pod.deployment, state.rsHash);
        meta["labels"_L1] = QJsonObject{{"app"_L1, pod.deployment}, {"pod-template-hash"_L1, state.rsHash}};
        meta["ownerReferences"_L1] = QJsonArray{QJsonObject{{"apiVersion"_L1, "apps/v1"_L1}, {"kind"_L1, "ReplicaSet"_L1},
                                                            {"name"_L1, u"%1-%2"_s.arg(pod.deployment, state.rsHash)},
                                                            {"controller"_L1, true}, {"blockOwnerDeletion"_L1, true}}};
    }
    const bool ready = pod.ready && !pod.terminating;
    QJsonObject status{{"phase"_L1, (pod.ready || pod.terminating) ? "Running"_L1 : "Pending"_L1},
                       {"hostIP"_L1, "10.0.0.4"_L1},
                       {"startTime"_L1, SimTime::rfc3339(QDateTime::fromMSecsSinceEpoch(pod.createdMs))},
                       {"conditions"_L1, QJsonArray{
                           QJsonObject{{"type"_L1, "PodScheduled"_L1}, {"status"_L1, "True"_L1}},
                           QJsonObject{{"type"_L1, "Initialized"_L1}, {"status"_L1, "True"_L1}},
                           QJsonObject{{"type"_L1, "ContainersReady"_L1}, {"status"_L1, ready ? "True"_L1 : "False"_L1}},
                           QJsonObject{{"type"_L1, "Ready"_L1}, {"status"_L1, ready ? "True"_L1 : "False"_L1}}}},
                       {"containerStatuses"_L1, QJsonArray{containerStatus}}};
    return {{"kind"_L1, "Pod"_L1},
            {"apiVersion"_L1, "v1"_L1},
            {"metadata"_L1, meta},
            {"spec"_L1, QJsonObject{{"containers"_L1, containers}, {"nodeName"_L1, "cell-node-1"_L1},
                                    {"terminationGracePeriodSeconds"_L1, 30}}},
            {"status"_L1, status}};
}

std::optional<QJsonObject> SimCell::setReplicas(const QString &ns, const QString &name, int replicas)
{
    auto current = m_store.get(u"deployments"_s, ns, name);
    if (!current)
        return std::nullopt;
    QJsonObject after = *current;
    QJsonObject spec = after.value("spec"_L1).toObject();
    spec["replicas"_L1] = replicas;
    after["spec"_L1] = spec;
    return updateDeployment(*current, after);
}

QJsonObject SimCell::updateDeployment(const QJsonObject &before, QJsonObject after)
{
    const QJsonObject beforeSpec = before.value("spec"_L1).toObject();
    const QJsonObject afterSpec = after.value("spec"_L1).toObject();
    const bool specChanged = beforeSpec != afterSpec;
    QJsonObject meta = after.value("metadata"_L1).toObject();
    if (specChanged)
        meta["generation"_L1] = meta.value("generation"_L1).toInt(1) + 1;
    after["metadata"_L1] = meta;
    const QJsonObject stored = m_store.update(u"deployments"_s, after);
    if (specChanged) {
        const QString ns = meta.value("namespace"_L1).toString();
        const QString name = meta.value("name"_L1).toString();
        DeploymentState &state = m_deployments[key(ns, name)];
        state.progressSinceMs = nowMs();
        state.deadlineExceeded = false;
        scheduleReconcile(ns, name);
    }
    return stored;
}

void SimCell::scheduleReconcile(const QString &ns, const QString &name)
{
    DeploymentState &state = m_deployments[key(ns, name)];
    if (state.reconcileTimer)
        return; // one pending reconcile covers every change before it runs
    auto *timer = new QTimer(this);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, ns, name, timer] {
        timer->deleteLater();
        reconcile(ns, name);
    });
    state.reconcileTimer = timer;
    timer->start(m_scenario.timing.controllerDelayMs);
}

QList<SimCell::PodState *> SimCell::podsOf(const QString &ns, const QString &deployment)
{
    QList<PodState *> out;
    for (auto &pod : m_pods) {
        if (pod.ns == ns && pod.deployment == deployment)
            out.append(&pod);
    }
    std::sort(out.begin(), out.end(), [](const PodState *a, const PodState *b) { return a->createdMs < b->createdMs; });
    return out;
}

void SimCell::reconcile(const QString &ns, const QString &name)
{
    const auto deployment = m_store.get(u"deployments"_s, ns, name);
    if (!deployment)
        return;
    const int desired = deployment->value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
    const DeploymentSpec *spec = nullptr;
    for (const auto &d : m_scenario.deployments) {
        if (d.name == name && d.namespaceName == ns)
            spec = &d;
    }
    const bool neverReady = spec && spec->neverReady;

    QList<PodState *> live;
    for (PodState *pod : podsOf(ns, name)) {
        if (!pod->terminating)
            live.append(pod);
    }
    // Scale up: new pods start in parallel, each ready after the start delay.
    for (qsizetype i = live.size(); i < desired; ++i) {
        PodState pod;
        pod.name = u"%1-%2-%3"_s.arg(name, m_deployments[key(ns, name)].rsHash, suffix(QRandomGenerator::global()->generate64(), 5));
        pod.ns = ns;
        pod.deployment = name;
        pod.createdMs = nowMs();
        m_pods.insert(pod.name, pod);
        m_store.create(u"pods"_s, makePod(pod, *deployment));
        if (!neverReady) {
            const QString podName = pod.name;
            QTimer::singleShot(podStartMs(name), this, [this, podName] { podBecameReady(podName); });
        }
    }
    // Scale down: the controller deletes not-ready pods first, then the newest; each stays
    // Terminating for its grace period before it is gone.
    if (live.size() > desired) {
        std::stable_sort(live.begin(), live.end(), [](const PodState *a, const PodState *b) {
            if (a->ready != b->ready)
                return !a->ready;
            return a->createdMs > b->createdMs;
        });
        for (qsizetype i = 0; i < live.size() - desired; ++i) {
            PodState *pod = live[i];
            pod->terminating = true;
            QJsonObject object = makePod(*pod, *deployment);
            QJsonObject meta = m_store.get(u"pods"_s, ns, pod->name)->value("metadata"_L1).toObject();
            meta["deletionTimestamp"_L1] = SimTime::rfc3339(QDateTime::currentDateTimeUtc().addSecs(30));
            meta["deletionGracePeriodSeconds"_L1] = 30;
            object["metadata"_L1] = meta;
            m_store.update(u"pods"_s, object);
            const QString podName = pod->name;
            QTimer::singleShot(m_scenario.timing.podTerminateMs, this, [this, podName] { podTerminated(podName); });
        }
    }

    DeploymentState &state = m_deployments[key(ns, name)];
    if (neverReady && desired > 0 && !state.deadlineTimer) {
        auto *timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, ns, name, timer] {
            timer->deleteLater();
            m_deployments[key(ns, name)].deadlineExceeded = true;
            updateStatus(ns, name);
            Q_EMIT deploymentSettled(ns, name);
        });
        state.deadlineTimer = timer;
        timer->start(deployment->value("spec"_L1).toObject().value("progressDeadlineSeconds"_L1).toInt(600) * 1000);
    }
    updateStatus(ns, name);
}

void SimCell::podBecameReady(const QString &podName)
{
    auto it = m_pods.find(podName);
    if (it == m_pods.end() || it->terminating)
        return;
    it->ready = true;
    const auto owner = m_store.get(u"deployments"_s, it->ns, it->deployment);
    if (!owner)
        return;
    QJsonObject object = makePod(*it, *owner);
    object["metadata"_L1] = m_store.get(u"pods"_s, it->ns, podName)->value("metadata"_L1);
    m_store.update(u"pods"_s, object);
    updateStatus(it->ns, it->deployment);
}

void SimCell::podTerminated(const QString &podName)
{
    const auto it = m_pods.find(podName);
    if (it == m_pods.end())
        return;
    const PodState pod = *it;
    m_pods.erase(it);
    m_store.remove(u"pods"_s, pod.ns, pod.name);
    updateStatus(pod.ns, pod.deployment);
}

void SimCell::updateStatus(const QString &ns, const QString &name)
{
    auto current = m_store.get(u"deployments"_s, ns, name);
    if (!current)
        return;
    DeploymentState &state = m_deployments[key(ns, name)];
    const QJsonObject spec = current->value("spec"_L1).toObject();
    const QJsonObject meta = current->value("metadata"_L1).toObject();
    const int desired = spec.value("replicas"_L1).toInt(1);
    int replicas = 0;
    int ready = 0;
    for (const PodState *pod : podsOf(ns, name)) {
        if (pod->terminating)
            continue;
        ++replicas;
        if (pod->ready)
            ++ready;
    }
    const QJsonObject oldStatus = current->value("status"_L1).toObject();
    const QJsonArray oldConditions = oldStatus.value("conditions"_L1).toArray();
    const int maxUnavailable = desired / 4; // 25%, rounded down as the controller does
    const bool available = ready >= desired - maxUnavailable;
    const bool complete = replicas == desired && ready == desired;
    const QString rsName = u"%1-%2"_s.arg(name, state.rsHash);

    QJsonObject status;
    status["observedGeneration"_L1] = meta.value("generation"_L1).toInt(1);
    putCount(status, "replicas", replicas);
    putCount(status, "updatedReplicas", replicas);
    putCount(status, "readyReplicas", ready);
    putCount(status, "availableReplicas", ready);
    putCount(status, "unavailableReplicas", qMax(0, desired - ready));
    QJsonObject progressing;
    if (state.deadlineExceeded && !complete) {
        progressing = condition(u"Progressing"_s, false, u"ProgressDeadlineExceeded"_s,
                                u"ReplicaSet \"%1\" has timed out progressing."_s.arg(rsName),
                                findCondition(oldConditions, u"Progressing"_s));
    } else if (complete) {
        progressing = condition(u"Progressing"_s, true, u"NewReplicaSetAvailable"_s,
                                u"ReplicaSet \"%1\" has successfully progressed."_s.arg(rsName),
                                findCondition(oldConditions, u"Progressing"_s));
    } else {
        progressing = condition(u"Progressing"_s, true, u"ReplicaSetUpdated"_s,
                                u"ReplicaSet \"%1\" is progressing."_s.arg(rsName),
                                findCondition(oldConditions, u"Progressing"_s));
    }
    const QJsonObject availableCondition = available
        ? condition(u"Available"_s, true, u"MinimumReplicasAvailable"_s, u"Deployment has minimum availability."_s,
                    findCondition(oldConditions, u"Available"_s))
        : condition(u"Available"_s, false, u"MinimumReplicasUnavailable"_s, u"Deployment does not have minimum availability."_s,
                    findCondition(oldConditions, u"Available"_s));
    status["conditions"_L1] = QJsonArray{availableCondition, progressing};

    // Only a real change is written (and watched): timestamps alone do not count.
    auto withoutTimes = [](QJsonObject s) {
        QJsonArray conditions;
        for (const auto &c : s.value("conditions"_L1).toArray()) {
            QJsonObject o = c.toObject();
            o.remove("lastUpdateTime"_L1);
            o.remove("lastTransitionTime"_L1);
            conditions.append(o);
        }
        s["conditions"_L1] = conditions;
        return s;
    };
    if (withoutTimes(status) == withoutTimes(oldStatus))
        return;
    QJsonObject updated = *current;
    updated["status"_L1] = status;
    m_store.update(u"deployments"_s, updated);
    if (complete) {
        if (state.deadlineTimer)
            state.deadlineTimer->deleteLater();
        Q_EMIT deploymentSettled(ns, name);
    }
}

void SimCell::syncAutoscalers()
{
    for (const QJsonObject &hpa : m_store.list(u"horizontalpodautoscalers"_s)) {
        const QJsonObject meta = hpa.value("metadata"_L1).toObject();
        const QJsonObject spec = hpa.value("spec"_L1).toObject();
        const QString ns = meta.value("namespace"_L1).toString();
        const QString target = spec.value("scaleTargetRef"_L1).toObject().value("name"_L1).toString();
        const auto deployment = m_store.get(u"deployments"_s, ns, target);
        if (!deployment)
            continue;
        const int minReplicas = spec.value("minReplicas"_L1).toInt(1);
        const int maxReplicas = spec.value("maxReplicas"_L1).toInt(minReplicas);
        const int current = deployment->value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
        int desired = current;
        QJsonArray conditions;
        const QJsonArray old = hpa.value("status"_L1).toObject().value("conditions"_L1).toArray();
        conditions.append(condition(u"AbleToScale"_s, true, u"SucceededGetScale"_s,
                                    u"the HPA controller was able to get the target's current scale"_s, findCondition(old, u"AbleToScale"_s)));
        if (current == 0) {
            // vendor/Kubernetes: an autoscaler disables itself while its target is at zero.
            conditions.append(condition(u"ScalingActive"_s, false, u"ScalingDisabled"_s,
                                        u"scaling is disabled since the replica count of the target is zero"_s, findCondition(old, u"ScalingActive"_s)));
        } else {
            desired = qBound(minReplicas, current, maxReplicas);
            conditions.append(condition(u"ScalingActive"_s, true, u"ValidMetricFound"_s,
                                        u"the HPA was able to successfully calculate a replica count from cpu resource utilization"_s,
                                        findCondition(old, u"ScalingActive"_s)));
            conditions.append(condition(u"ScalingLimited"_s, desired != current,
                                        desired > current ? u"TooFewReplicas"_s : (desired < current ? u"TooManyReplicas"_s : u"DesiredWithinRange"_s),
                                        desired != current ? u"the desired replica count is outside the allowed range"_s
                                                           : u"the desired count is within the acceptable range"_s,
                                        findCondition(old, u"ScalingLimited"_s)));
        }
        QJsonObject status;
        putCount(status, "currentReplicas", deployment->value("status"_L1).toObject().value("replicas"_L1).toInt(0));
        putCount(status, "desiredReplicas", desired);
        status["conditions"_L1] = conditions;
        const QJsonObject oldStatus = hpa.value("status"_L1).toObject();
        const bool countsChanged = oldStatus.value("currentReplicas"_L1) != status.value("currentReplicas"_L1)
            || oldStatus.value("desiredReplicas"_L1) != status.value("desiredReplicas"_L1)
            || old.size() != conditions.size()
            || findCondition(old, u"ScalingActive"_s).value("status"_L1) != findCondition(conditions, u"ScalingActive"_s).value("status"_L1);
        if (countsChanged) {
            QJsonObject updated = hpa;
            updated["status"_L1] = status;
            m_store.update(u"horizontalpodautoscalers"_s, updated);
        }
        if (desired != current)
            setReplicas(ns, target, desired);
    }
}

QJsonObject SimCell::scaleOf(const QJsonObject &deployment)
{
    const QJsonObject meta = deployment.value("metadata"_L1).toObject();
    const int replicas = deployment.value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
    QJsonObject spec;
    putCount(spec, "replicas", replicas); // Scale.spec.replicas is omitempty: 0 is left out
    QJsonObject status;
    putCount(status, "replicas", deployment.value("status"_L1).toObject().value("replicas"_L1).toInt(0));
    // The server writes LabelSelectorAsSelector(spec.selector).String(), expressions included.
    const auto selector = kube::LabelSelector::fromJson(deployment.value("spec"_L1).toObject().value("selector"_L1).toObject(),
                                                        kube::LabelSelector::Empty::MatchesEverything);
    status["selector"_L1] = selector ? selector->toString() : QString();
    return {{"kind"_L1, "Scale"_L1},
            {"apiVersion"_L1, "autoscaling/v1"_L1},
            {"metadata"_L1, QJsonObject{{"name"_L1, meta.value("name"_L1)}, {"namespace"_L1, meta.value("namespace"_L1)},
                                        {"uid"_L1, meta.value("uid"_L1)}, {"resourceVersion"_L1, meta.value("resourceVersion"_L1)},
                                        {"creationTimestamp"_L1, meta.value("creationTimestamp"_L1)}}},
            {"spec"_L1, spec},
            {"status"_L1, status}};
}

QJsonObject SimCell::stateSnapshot() const
{
    QJsonObject out;
    for (const QJsonObject &d : m_store.list(u"deployments"_s)) {
        const QJsonObject meta = d.value("metadata"_L1).toObject();
        const QJsonObject status = d.value("status"_L1).toObject();
        out[meta.value("namespace"_L1).toString() + u'/' + meta.value("name"_L1).toString()] = QJsonObject{
            {"replicas"_L1, d.value("spec"_L1).toObject().value("replicas"_L1).toInt(1)},
            {"generation"_L1, meta.value("generation"_L1)},
            {"annotations"_L1, meta.value("annotations"_L1)},
            {"readyReplicas"_L1, status.value("readyReplicas"_L1).toInt(0)},
            {"availableReplicas"_L1, status.value("availableReplicas"_L1).toInt(0)}};
    }
    return out;
}

} // namespace eic::sim
