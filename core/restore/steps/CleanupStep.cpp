#include "CleanupStep.h"

#include "kube/DeploymentScaler.h"
#include "kube/LeaseLock.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

void CleanupStep::run(Done done)
{
    kube::forEachAtOnce<QString>(m_run.names(), [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        m_run.scaler->annotate(name, kAnnotation, std::nullopt, this, [this, name, cb](const Result<bool> &r) {
            if (!r) {
                const QString what = tr("the annotation %1 on deployment %2").arg(kAnnotation, name);
                m_run.leftovers.append(what);
                writer().log(ev::Leftover, {{"what"_L1, what}, {"message"_L1, r.error().message},
                                            {"remove"_L1, u"kubectl -n %1 annotate deployment %2 %3-"_s.arg(m_run.ns, name, kAnnotation)}});
            }
            cb(true);
        });
    }, [this, done](const Result<bool> &) {
        m_run.lock->release(this, [this, done](const Result<bool> &released) {
            if (released) {
                writer().log(ev::LockReleased);
            } else {
                const QString what = tr("the lock (Lease %1/%2; it expires by itself)").arg(m_run.ns, kLeaseName);
                m_run.leftovers.append(what);
                writer().log(ev::Leftover, {{"what"_L1, what}, {"message"_L1, released.error().message},
                                            {"remove"_L1, u"kubectl -n %1 delete lease %2"_s.arg(m_run.ns, kLeaseName)}});
            }
            done(true);
        });
    });
}

} // namespace eic::restore
