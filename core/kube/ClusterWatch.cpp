#include "ClusterWatch.h"

#include "LabelSelector.h"
#include "Reflector.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace eic::kube {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ClusterWatch)
};

// One wait: a child of its receiver, so it ends with it.
class Wait : public QObject {
public:
    Wait(QObject *receiver, std::function<std::optional<QString>()> failure, std::function<bool()> condition, std::function<void(const Result<bool> &)> done)
        : QObject(receiver), m_failure(std::move(failure)), m_condition(std::move(condition)), m_done(std::move(done))
    {
    }
    void check()
    {
        if (m_over)
            return;
        if (auto failed = m_failure ? m_failure() : std::nullopt)
            return end(Error{*failed, {}, 0});
        if (m_condition())
            end(true);
    }
    void end(const Result<bool> &r)
    {
        if (m_over)
            return;
        m_over = true;
        auto done = std::move(m_done);
        deleteLater();
        done(r);
    }

private:
    std::function<std::optional<QString>()> m_failure;
    std::function<bool()> m_condition;
    std::function<void(const Result<bool> &)> m_done;
    bool m_over = false;
};

} // namespace

ClusterWatch::ClusterWatch(KubeClient *client, const QString &ns, QObject *parent) : QObject(parent), m_ns(ns)
{
    Reflector::Options deployments;
    deployments.collectionPath = u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(ns);
    Reflector::Options pods;
    pods.collectionPath = u"/api/v1/namespaces/%1/pods"_s.arg(ns);
    m_deployments = new Reflector(client, deployments, this);
    m_pods = new Reflector(client, pods, this);
    for (Reflector *r : {m_deployments, m_pods}) {
        connect(r, &Reflector::changed, this, &ClusterWatch::changed);
        connect(r, &Reflector::synced, this, &ClusterWatch::changed);
    }
}

void ClusterWatch::start()
{
    m_deployments->start();
    m_pods->start();
}

void ClusterWatch::stop()
{
    m_deployments->stop();
    m_pods->stop();
}

bool ClusterWatch::synced() const
{
    return m_deployments->hasSynced() && m_pods->hasSynced();
}

QJsonObject ClusterWatch::deployment(const QString &name) const
{
    return m_deployments->items().value(m_ns + u'/' + name);
}

ClusterWatch::Pods ClusterWatch::podsOf(const QString &name) const
{
    Pods p;
    const auto selector = LabelSelector::fromJson(deployment(name).value("spec"_L1).toObject().value("selector"_L1).toObject());
    if (!selector || selector->matchesNothing())
        return p;
    for (const QJsonObject &pod : m_pods->items()) {
        const QJsonObject meta = pod.value("metadata"_L1).toObject();
        if (!selector->matches(meta.value("labels"_L1).toObject()))
            continue;
        ++p.count;
        if (meta.contains("deletionTimestamp"_L1))
            ++p.terminating;
        const QString ip = pod.value("status"_L1).toObject().value("podIP"_L1).toString();
        if (!ip.isEmpty())
            p.ips.insert(ip);
    }
    return p;
}

RolloutVerdict ClusterWatch::rollout(const QString &name, std::optional<int> want) const
{
    const QJsonObject d = deployment(name);
    if (d.isEmpty())
        return {RolloutVerdict::State::Progressing, RolloutVerdict::Reason::NotObserved, Tr::tr("%1 is not in the watch yet").arg(name)};
    return rolloutStatus(d, want);
}

void ClusterWatch::waitUntil(QObject *receiver, const QString &what, int timeoutMs, std::function<std::optional<QString>()> failure,
                             std::function<bool()> condition, std::function<void(const Result<bool> &)> done)
{
    auto *wait = new Wait(receiver, std::move(failure), std::move(condition), std::move(done));
    connect(this, &ClusterWatch::changed, wait, [wait] { wait->check(); });
    auto *timer = new QTimer(wait);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, wait, [wait, what, timeoutMs] {
        wait->end(Error{Tr::tr("%1 did not happen within %2 s.").arg(what).arg(timeoutMs / 1000), {}, 0});
    });
    timer->start(timeoutMs);
    // Checked once the caller's stack unwound: done never runs inside waitUntil itself.
    QTimer::singleShot(0, wait, [wait] { wait->check(); });
}

void ClusterWatch::waitForRollouts(QObject *receiver, const QString &what, const QHash<QString, int> &want, int timeoutMs,
                                   std::function<void(const Result<bool> &)> done)
{
    auto failure = [this, want]() -> std::optional<QString> {
        for (auto it = want.cbegin(); it != want.cend(); ++it)
            if (const auto v = rollout(it.key(), it.value()); v.state == RolloutVerdict::State::Failed)
                return Tr::tr("The rollout of %1 failed: %2").arg(it.key(), v.message);
        return std::nullopt;
    };
    auto rolledOut = [this, want] {
        if (!synced())
            return false;
        for (auto it = want.cbegin(); it != want.cend(); ++it)
            if (rollout(it.key(), it.value()).state != RolloutVerdict::State::Complete)
                return false;
        return true;
    };
    waitUntil(receiver, what, timeoutMs, failure, rolledOut, std::move(done));
}

} // namespace eic::kube
