#pragma once

#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>

#include <optional>

// The vocabulary of a run's journal: every event name and the data step's states, in one
// place. The runner, eicctl, the wizard and the report read these; none spells a name itself.
namespace eic::restore::ev {

using Name = QLatin1StringView;

// The run
inline constexpr Name RunStarted{"run-started"};
inline constexpr Name RunFinished{"run-finished"};
inline constexpr Name CautionAcknowledged{"caution-acknowledged"};
inline constexpr Name CellIdentity{"cell-identity"};   // cluster URL, CA fingerprint, namespace and deployment UIDs
inline constexpr Name StoreIdentity{"store-identity"}; // the store's address and identity
inline constexpr Name Warning{"warning"};
inline constexpr Name Check{"check"}; // outcome: passed, failed, not-checked
// Steps
inline constexpr Name StepStarted{"step-started"};
inline constexpr Name StepFinished{"step-finished"};
inline constexpr Name StepFailed{"step-failed"};
inline constexpr Name PreflightFailed{"preflight-failed"};
// Components and the lock
inline constexpr Name ComponentRecorded{"component-recorded"};
inline constexpr Name Scaled{"scaled"};
inline constexpr Name RolledOut{"rolled-out"};
inline constexpr Name Observed{"observed"};
inline constexpr Name PodsGone{"pods-gone"};
inline constexpr Name Pods{"pods"}; // live only, never journaled
inline constexpr Name LockAcquired{"lock-acquired"};
inline constexpr Name LockReleased{"lock-released"};
inline constexpr Name Leftover{"leftover"}; // something the run could not remove (an annotation, the lock)
// Sessions of the stopped components in the store
inline constexpr Name SessionsWaiting{"sessions-waiting"}; // live only: who still blocks the wait
inline constexpr Name SessionsGone{"sessions-gone"};
inline constexpr Name SessionsTerminated{"sessions-terminated"};
// The data step
inline constexpr Name DataStarted{"data-started"};
inline constexpr Name DataAwaiting{"data-awaiting"};
inline constexpr Name DataFinished{"data-finished"};
inline constexpr Name DataProgress{"data-progress"}; // live only
inline constexpr Name TablesMeasured{"tables-measured"};
inline constexpr Name ChildStarted{"child-started"}; // pid and start time of a process of the run
inline constexpr Name ChildEnded{"child-ended"};
// Interruptions
inline constexpr Name CancelRequested{"cancel-requested"};
inline constexpr Name RollbackStarted{"rollback-started"};
inline constexpr Name RollbackFailed{"rollback-failed"};
inline constexpr Name ResumeStarted{"resume-started"};
inline constexpr Name AbortStarted{"abort-started"};
inline constexpr Name ContinueStarted{"continue-started"};

// run-finished's outcomes
inline constexpr Name Complete{"complete"};
inline constexpr Name CompleteWithLeftovers{"complete-with-leftovers"};
inline constexpr Name RolledBack{"rolled-back"};
inline constexpr Name PreflightFailedOutcome{"preflight-failed"};
inline constexpr Name Cancelled{"cancelled"}; // before anything changed

} // namespace eic::restore::ev

namespace eic::restore {

// How far the data step got. The journal spells them as before ("not started", "partly done", ...).
enum class DataState { NotStarted, Started, Awaiting, Done, NotDone, PartlyDone, Unknown };

QString dataStateName(DataState state);
DataState dataStateFromName(const QString &name); // an unknown text: Unknown (the effect of a command)
// Whether the store may hold something the data step wrote: what a rollback must say.
bool mayHaveWritten(DataState state);

// A check's three outcomes. "Not checked" is never shown or counted as passed.
enum class CheckOutcome { Passed, Failed, NotChecked };
QString checkOutcomeName(CheckOutcome outcome);
std::optional<CheckOutcome> checkOutcomeFromName(const QString &name);
// A journaled check event's outcome, and why it failed or was not made (journals of older
// versions said "skipped" with ok:true: that is not checked, never passed).
CheckOutcome checkOutcomeOf(const QJsonObject &checkEvent);
QString checkReasonOf(const QJsonObject &checkEvent);

} // namespace eic::restore
