#pragma once

#include "Step.h"

namespace eic::restore {

// Scale each component back to its recorded count, all at once, and wait for every rollout
// by kubectl's rules (a failed rollout fails the step by name).
class StartStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;
};

} // namespace eic::restore
