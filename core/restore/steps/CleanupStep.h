#pragma once

#include "Step.h"

namespace eic::restore {

// Remove the annotations and release the lock. What cannot be removed is a leftover, named in
// the outcome; the step itself never fails (the restore is done).
class CleanupStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;
};

} // namespace eic::restore
