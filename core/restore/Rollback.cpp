#include "Rollback.h"

#include "kube/ClusterWatch.h"
#include "kube/DeploymentScaler.h"
#include "kube/LeaseLock.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace eic::restore {

Rollback::Rollback(RunContext &run, QObject *parent) : QObject(parent), m_run(run) {}

void Rollback::run(const QString &reason, bool asked, std::function<void(const RunOutcome &)> done)
{
    m_reason = reason;
    m_asked = asked;
    m_done = std::move(done);
    m_run.writer->log(ev::RollbackStarted, {{"reason"_L1, reason}, {"dataStep"_L1, dataStateName(m_run.data)}});
    endChildren([this] { scaleBack(); });
}

// A child of this run (or of the crashed process before it) still running: ended and awaited.
void Rollback::endChildren(std::function<void()> then)
{
    const QList<util::ChildRecord> children = m_run.children;
    if (children.isEmpty())
        return then();
    auto left = std::make_shared<qsizetype>(children.size());
    for (const util::ChildRecord &child : children)
        util::endSurvivor(child, 2000, this, [this, child, left, then](bool gone) {
            m_run.children.removeIf([&child](const util::ChildRecord &c) { return c.pid == child.pid; });
            m_run.writer->log(ev::ChildEnded, {{"pid"_L1, child.pid}, {"ended"_L1, true}, {"gone"_L1, gone}});
            if (--*left == 0)
                then();
        });
}

void Rollback::scaleBack()
{
    kube::forEachAtOnce<QString>(m_run.names(), [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        const int to = m_run.recorded.value(name);
        m_run.scaler->scale(name, to, false, this, [this, name, to, cb](const Result<int> &r) {
            if (!r)
                return cb(Error{tr("%1 could not be scaled back to %2: %3").arg(name).arg(to).arg(r.error().message), {}, 0});
            m_run.writer->log(ev::Scaled, {{"name"_L1, name}, {"to"_L1, to}, {"rollback"_L1, true}});
            cb(true);
        });
    }, [this](const Result<bool> &scaled) {
        if (!scaled) {
            // The cluster did not take a scale even after retries: the journal keeps the counts.
            m_run.writer->log(ev::RollbackFailed, {{"message"_L1, scaled.error().message}});
            return m_done(outcome(ExitNeedsResume, tr("%1 The rollback could not finish: %2 Run eicctl abort again when the cluster answers; the recorded counts are in the journal and on the deployments.")
                                                        .arg(m_reason, scaled.error().message),
                                  {}));
        }
        m_run.watch->waitForRollouts(this, tr("The rollout of every component after the rollback"), m_run.recorded, m_run.req.rolloutTimeoutMs,
                                     [this](const Result<bool> &rolled) { rolledOut(rolled); });
    });
}

void Rollback::rolledOut(const Result<bool> &rolled)
{
    const QString rollout = rolled ? QString() : tr(" (Not every rollout finished: %1)").arg(rolled.error().message);
    kube::forEachAtOnce<QString>(m_run.names(), [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        m_run.scaler->annotate(name, kAnnotation, std::nullopt, this, [this, name, cb](const Result<bool> &r) {
            if (!r) {
                m_run.leftovers.append(tr("the annotation %1 on deployment %2").arg(kAnnotation, name));
                m_run.writer->log(ev::Leftover, {{"what"_L1, m_run.leftovers.constLast()}, {"message"_L1, r.error().message},
                                                 {"remove"_L1, u"kubectl -n %1 annotate deployment %2 %3-"_s.arg(m_run.ns, name, kAnnotation)}});
            }
            cb(true);
        });
    }, [this, rollout](const Result<bool> &) {
        m_run.lock->release(this, [this, rollout](const Result<bool> &released) {
            if (released) {
                m_run.writer->log(ev::LockReleased);
            } else {
                m_run.leftovers.append(tr("the lock (Lease %1/%2; it expires by itself)").arg(m_run.ns, kLeaseName));
                m_run.writer->log(ev::Leftover, {{"what"_L1, m_run.leftovers.constLast()}, {"message"_L1, released.error().message},
                                                 {"remove"_L1, u"kubectl -n %1 delete lease %2"_s.arg(m_run.ns, kLeaseName)}});
            }
            finish(rollout);
        });
    });
}

void Rollback::finish(const QString &rollout)
{
    QStringList counts;
    for (const QString &name : m_run.names())
        counts.append(u"%1=%2"_s.arg(name).arg(m_run.recorded.value(name)));
    const QString left = m_run.leftovers.isEmpty() ? QString() : tr(" Left behind: %1.").arg(m_run.leftovers.join(u"; "_s));
    m_run.writer->log(ev::RunFinished, {{"outcome"_L1, ev::RolledBack}, {"reason"_L1, m_reason}, {"dataStep"_L1, dataStateName(m_run.data)},
                                        {"leftovers"_L1, QJsonArray::fromStringList(m_run.leftovers)}});
    const int code = !m_asked || !rollout.isEmpty() ? ExitFailed : m_run.leftovers.isEmpty() ? ExitDone : ExitLeftBehind;
    m_done(outcome(code, tr("%1 Rolled back: every component is at its recorded count (%2).%3 %4%5").arg(m_reason, counts.join(u", "_s), rollout, dataWords(), left),
                   ev::RolledBack));
}

QString Rollback::dataWords() const
{
    const QString state = dataStateName(m_run.data);
    switch (m_run.data) {
    case DataState::NotStarted:
    case DataState::NotDone:
        return tr("The data step was not done; the store is as it was.");
    case DataState::Done:
        return tr("The data step was done.");
    case DataState::Started:
    case DataState::PartlyDone:
        if (m_run.plan.mode == DataMode::Archive)
            return m_run.database() ? tr("The data step: %1 — the database may be partly restored; restore it again before relying on it.").arg(state)
                                    : tr("The data step: %1 — the data store may have been emptied and partly loaded; restore it again before relying on it.").arg(state);
        break;
    case DataState::Awaiting:
    case DataState::Unknown:
        break;
    }
    return tr("The data step: %1.").arg(state);
}

RunOutcome Rollback::outcome(int exitCode, const QString &message, const QString &outcome) const
{
    return m_run.outcome(exitCode, message, outcome);
}

} // namespace eic::restore
