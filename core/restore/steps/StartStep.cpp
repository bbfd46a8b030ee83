#include "StartStep.h"

#include "kube/ClusterWatch.h"
#include "kube/DeploymentScaler.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

void StartStep::run(Done done)
{
    kube::forEachAtOnce<QString>(m_run.names(), [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        const int to = m_run.recorded.value(name);
        m_run.scaler->scale(name, to, false, this, [this, name, to, cb](const Result<int> &r) {
            if (!r)
                return cb(Error{tr("%1 could not be scaled back to %2: %3").arg(name).arg(to).arg(r.error().message), {}, 0});
            writer().log(ev::Scaled, {{"name"_L1, name}, {"from"_L1, 0}, {"to"_L1, to}});
            cb(true);
        });
    }, [this, done](const Result<bool> &scaled) {
        if (!scaled)
            return done(scaled);
        m_run.watch->waitForRollouts(this, tr("The rollout of every component"), m_run.recorded, m_run.req.rolloutTimeoutMs, [this, done](const Result<bool> &r) {
            if (r) {
                m_run.stopDownClock();
                for (const QString &name : m_run.names())
                    writer().log(ev::RolledOut, {{"name"_L1, name}, {"replicas"_L1, m_run.recorded.value(name)}});
            }
            done(r);
        });
    });
}

} // namespace eic::restore
