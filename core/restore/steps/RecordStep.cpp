#include "RecordStep.h"

#include "kube/DeploymentScaler.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace eic::restore {

void RecordStep::run(Done done)
{
    kube::forEachAtOnce<PlannedComponent>(m_run.plan.present(), [this](const PlannedComponent &c, std::function<void(const Result<bool> &)> cb) {
        if (m_run.recorded.contains(c.name))
            return m_run.scaler->annotate(c.name, kAnnotation, QString::number(m_run.recorded.value(c.name)), this, cb);
        m_run.scaler->read(c.name, this, [this, c, cb](const Result<int> &replicas) {
            if (!replicas)
                return cb(Error{tr("The replica count of %1 cannot be read: %2").arg(c.name, replicas.error().message), {}, 0});
            m_run.recorded.insert(c.name, *replicas);
            writer().log(ev::ComponentRecorded, {{"name"_L1, c.name}, {"replicas"_L1, *replicas}, {"hpa"_L1, c.hpa}});
            // Not on disk: nothing may be scaled.
            if (writer().error())
                return cb(*writer().error());
            m_run.scaler->annotate(c.name, kAnnotation, QString::number(*replicas), this, cb);
        });
    }, done);
}

} // namespace eic::restore
