#pragma once

#include "Step.h"

namespace eic::restore {

// vendor: record the replica counts before anything is scaled — in the journal (fsynced) and
// as an annotation on each deployment. A component an earlier attempt recorded keeps that count.
class RecordStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;
};

} // namespace eic::restore
