#include "ResumeDecision.h"

#include "Events.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

ResumeDecision decideResume(const JournalState &state, ResumeCommand command)
{
    using A = ResumeDecision::Action;
    if (state.finished)
        return {A::AlreadyFinished, {}};
    // A rollback that was cut short (a kill, the cluster gone) is finished, never undone: the
    // admin asked for it, or a failure demanded it.
    if (command == ResumeCommand::Abort || state.rollingBack)
        return {A::RollBack, {}};
    const DataState data = dataStateFromName(state.dataState);
    if (data == DataState::Awaiting)
        return {command == ResumeCommand::Continue ? A::ConfirmThenStart : A::StillAwaiting, {}};
    const bool stops = state.plan.mode != DataMode::NewInstance;
    // The data step done: start the components (or, with nothing stopped, verify); otherwise
    // stop them again (a no-op where they are stopped) and do the data step again.
    if (data == DataState::Done)
        return {A::RunFrom, stops ? u"start"_s : u"verify"_s};
    return {A::RunFrom, stops ? u"record"_s : u"data"_s};
}

} // namespace eic::restore
