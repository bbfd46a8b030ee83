#pragma once

#include "Step.h"

namespace eic::restore {

// Scale every recorded component to 0, all at once; the downtime starts here.
class StopStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;
};

} // namespace eic::restore
