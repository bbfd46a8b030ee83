#include "VerifyStep.h"

#include "RecordStep.h"

#include "kube/ClusterWatch.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

void VerifyStep::run(Done done)
{
    // What the store holds after the data step, against the record step's measurement.
    measureTables(this, m_run, "after"_L1, [this, done] { checkComponents(done); });
}

void VerifyStep::checkComponents(Done done)
{
    QStringList problems;
    for (const QString &name : m_run.names()) {
        const QJsonObject status = m_run.watch->deployment(name).value("status"_L1).toObject();
        const int available = status.value("availableReplicas"_L1).toInt();
        const int recorded = m_run.recorded.value(name);
        const bool ok = available >= recorded;
        writer().check(u"component healthy"_s, ok ? CheckOutcome::Passed : CheckOutcome::Failed,
                       ok ? QString() : tr("%1 has %2 of %3 replicas available").arg(name).arg(available).arg(recorded),
                       {{"name"_L1, name}, {"available"_L1, available}, {"recorded"_L1, recorded}});
        if (!ok)
            problems.append(tr("%1 has %2 of %3 replicas available").arg(name).arg(available).arg(recorded));
    }
    done(problems.isEmpty() ? Result<bool>(true) : Result<bool>(Error{problems.join(u"; "_s), {}, 0}));
}

} // namespace eic::restore
