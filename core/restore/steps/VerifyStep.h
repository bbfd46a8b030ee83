#pragma once

#include "Step.h"

namespace eic::restore {

// Every component at its recorded count and available.
class VerifyStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;

private:
    void checkComponents(Done done);
};

} // namespace eic::restore
