#pragma once

#include "Step.h"

#include <QLatin1StringView>

#include <functional>

namespace eic::restore {

// vendor: record the replica counts before anything is scaled — in the journal (fsynced) and
// as an annotation on each deployment. A component an earlier attempt recorded keeps that count.
class RecordStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;

private:
    void record(Done done);
};

// Journals tables-measured of the run's store (`when`: "before" or "after"): rows per table, or
// keys per database. The probe and its deadline are children of `step`, so a cancel (which
// deletes the step) ends them. Without a connection, or when it fails or takes over a minute, a
// not-checked check says why; the run goes on either way: `then`.
void measureTables(Step *step, RunContext &run, QLatin1StringView when, std::function<void()> then);

} // namespace eic::restore
