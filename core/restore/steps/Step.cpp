#include "Step.h"

#include "CleanupStep.h"
#include "DataStep.h"
#include "PreflightStep.h"
#include "QuiesceStep.h"
#include "RecordStep.h"
#include "StartStep.h"
#include "StopStep.h"
#include "VerifyStep.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

Step *Step::make(const QString &id, RunContext &run, QObject *parent)
{
    if (id == "preflight"_L1)
        return new PreflightStep(run, parent);
    if (id == "record"_L1)
        return new RecordStep(run, parent);
    if (id == "stop"_L1)
        return new StopStep(run, parent);
    if (id == "quiesce"_L1)
        return new QuiesceStep(run, parent);
    if (id == "data"_L1)
        return new DataStep(run, parent);
    if (id == "start"_L1)
        return new StartStep(run, parent);
    if (id == "verify"_L1)
        return new VerifyStep(run, parent);
    if (id == "cleanup"_L1)
        return new CleanupStep(run, parent);
    return nullptr;
}

} // namespace eic::restore
