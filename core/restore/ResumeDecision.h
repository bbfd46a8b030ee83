#pragma once

#include "Journal.h"

namespace eic::restore {

// What resume, continue or abort does with an interrupted run: a pure function of its replayed
// journal and the command (tested in a table). The components' real counts are read again
// before any of it is carried out; the decision never assumes them.
struct ResumeDecision {
    enum class Action {
        AlreadyFinished,  // nothing to do
        RollBack,         // abort: every component back to its recorded count
        StillAwaiting,    // external mode: the admin has not confirmed the data step yet
        ConfirmThenStart, // continue: the store must accept writes, then start the components
        RunFrom,          // go on from `step` (idempotent: a stop is done again)
    };
    Action action = Action::AlreadyFinished;
    QString step;
};

enum class ResumeCommand { Resume, Continue, Abort };

ResumeDecision decideResume(const JournalState &state, ResumeCommand command);

} // namespace eic::restore
