#pragma once

#include "Error.h"
#include "restore/RunContext.h"

#include <QObject>

#include <functional>

namespace eic::restore {

// One step of the vendor's procedure (the folder lists them in order). The runner starts it
// with run(); it answers through `done` exactly once. A cancel is structural: the runner calls
// cancel() — which ends anything that would outlive the step's objects, such as a child's
// process group — and deletes the step at once; every wait, timer, connection and pending
// answer of the step is its child or bound to it, so none of them runs again.
class Step : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const Result<bool> &)>;

    Step(RunContext &run, QObject *parent) : QObject(parent), m_run(run) {}

    virtual void run(Done done) = 0;
    virtual void cancel() {}

    // The step of a plan's id (preflight, record, stop, quiesce, data, start, verify, cleanup); nullptr: unknown.
    static Step *make(const QString &id, RunContext &run, QObject *parent);

protected:
    RunWriter &writer() const { return *m_run.writer; }

    RunContext &m_run;
};

} // namespace eic::restore
