#include "Events.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

struct StateName {
    DataState state;
    QLatin1StringView name;
};
// The journal's spelling since the first release: resume reads old journals too.
constexpr StateName kStates[] = {
    {DataState::NotStarted, "not started"_L1}, {DataState::Started, "started"_L1}, {DataState::Awaiting, "awaiting"_L1},
    {DataState::Done, "done"_L1},              {DataState::NotDone, "not done"_L1}, {DataState::PartlyDone, "partly done"_L1},
    {DataState::Unknown, "failed (the command's effect is unknown)"_L1},
};

} // namespace

QString dataStateName(DataState state)
{
    for (const StateName &s : kStates)
        if (s.state == state)
            return s.name;
    return u"unknown"_s;
}

DataState dataStateFromName(const QString &name)
{
    for (const StateName &s : kStates)
        if (name == s.name)
            return s.state;
    return name.isEmpty() ? DataState::NotStarted : DataState::Unknown;
}

bool mayHaveWritten(DataState state)
{
    return state != DataState::NotStarted && state != DataState::NotDone && state != DataState::Awaiting;
}

QString checkOutcomeName(CheckOutcome outcome)
{
    switch (outcome) {
    case CheckOutcome::Passed:
        return u"passed"_s;
    case CheckOutcome::Failed:
        return u"failed"_s;
    case CheckOutcome::NotChecked:
        break;
    }
    return u"not-checked"_s;
}

std::optional<CheckOutcome> checkOutcomeFromName(const QString &name)
{
    for (CheckOutcome o : {CheckOutcome::Passed, CheckOutcome::Failed, CheckOutcome::NotChecked})
        if (checkOutcomeName(o) == name)
            return o;
    return std::nullopt;
}

CheckOutcome checkOutcomeOf(const QJsonObject &e)
{
    if (const auto o = checkOutcomeFromName(e.value("outcome"_L1).toString()))
        return *o;
    if (e.contains("skipped"_L1) || e.contains("notChecked"_L1))
        return CheckOutcome::NotChecked;
    return e.value("ok"_L1).toBool() ? CheckOutcome::Passed : CheckOutcome::Failed;
}

QString checkReasonOf(const QJsonObject &e)
{
    for (const auto key : {"notChecked"_L1, "skipped"_L1, "message"_L1})
        if (const QString why = e.value(key).toString(); !why.isEmpty())
            return why;
    return {};
}

} // namespace eic::restore
