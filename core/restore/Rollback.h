#pragma once

#include "RunContext.h"
#include "RunRequest.h"

#include <QObject>

#include <functional>

namespace eic::restore {

// Puts the cell back after a failure, a cancel or an abort: first every process of the run is
// ended (no write reaches the store once a component runs again), then every recorded
// component is scaled back to its count at once, the rollouts are awaited, the annotations are
// removed and the lock is released. What the store may hold is said in words.
class Rollback : public QObject {
    Q_OBJECT
public:
    Rollback(RunContext &run, QObject *parent);

    // asked: the admin asked for it (abort); then a clean rollback is the command's success.
    void run(const QString &reason, bool asked, std::function<void(const RunOutcome &)> done);

private:
    void endChildren(std::function<void()> then);
    void scaleBack();
    void rolledOut(const Result<bool> &rolled);
    void finish(const QString &rollout);
    QString dataWords() const;
    RunOutcome outcome(int exitCode, const QString &message, const QString &outcome) const;

    RunContext &m_run;
    QString m_reason;
    bool m_asked = false;
    std::function<void(const RunOutcome &)> m_done;
};

} // namespace eic::restore
