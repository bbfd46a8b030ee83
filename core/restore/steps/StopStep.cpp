#include "StopStep.h"

#include "kube/DeploymentScaler.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

void StopStep::run(Done done)
{
    m_run.startDownClock();
    kube::forEachAtOnce<QString>(m_run.names(), [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        m_run.scaler->scale(name, 0, false, this, [this, name, cb](const Result<int> &r) {
            if (!r)
                return cb(Error{tr("%1 could not be scaled to 0: %2").arg(name, r.error().message), {}, 0});
            writer().log(ev::Scaled, {{"name"_L1, name}, {"from"_L1, m_run.recorded.value(name)}, {"to"_L1, 0}});
            cb(true);
        });
    }, done);
}

} // namespace eic::restore
