#include "RunContext.h"

#include "stores/StoreProbe.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RunContext)
};

} // namespace

int exitCodeOf(const Error &error, int fallback)
{
    switch (error.code) {
    case ExitFailed:
    case 2: // usage
    case ExitCautionMissing:
    case ExitPreflightFailed:
    case ExitNeedsResume:
    case ExitLeftBehind:
        return error.code;
    default:
        return fallback;
    }
}

QString RunContext::storeWord() const
{
    return database() ? Tr::tr("database") : Tr::tr("data store");
}

std::unique_ptr<stores::StoreProbe> RunContext::probe() const
{
    if (database())
        return access().database ? stores::StoreProbe::database(*access().database) : nullptr;
    return access().datastore ? stores::StoreProbe::datastore(*access().datastore) : nullptr;
}

QStringList RunContext::names() const
{
    QStringList out = recorded.keys();
    std::sort(out.begin(), out.end());
    return out;
}

void RunContext::startDownClock()
{
    if (!downClock.isValid())
        downClock.start();
}

void RunContext::stopDownClock()
{
    if (downClock.isValid())
        downtime = static_cast<double>(downBeforeMs + downClock.elapsed()) / 1000.0;
}

void RunContext::notCheckedBecause(const QString &check, const QString &why)
{
    const QString line = Tr::tr("%1 (%2)").arg(check, why);
    if (!notChecked.contains(line))
        notChecked.append(line);
}

RunOutcome RunContext::outcome(int exitCode, const QString &message, const QString &outcome) const
{
    RunOutcome o;
    o.exitCode = exitCode;
    o.message = message;
    o.runId = writer ? writer->runId() : QString();
    o.journal = writer ? writer->path() : QString();
    o.downtimeSeconds = downtime;
    o.outcome = outcome;
    o.notChecked = notChecked;
    o.leftovers = leftovers;
    return o;
}

} // namespace eic::restore
