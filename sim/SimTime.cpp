#include "SimTime.h"

using namespace Qt::StringLiterals;

namespace eic::sim::SimTime {

QString humanAge(qint64 seconds)
{
    if (seconds < 0)
        seconds = 0;
    if (seconds < 120)
        return u"%1s"_s.arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 10)
        return seconds % 60 == 0 ? u"%1m"_s.arg(minutes) : u"%1m%2s"_s.arg(minutes).arg(seconds % 60);
    if (minutes < 180)
        return u"%1m"_s.arg(minutes);
    const qint64 hours = minutes / 60;
    if (hours < 8)
        return minutes % 60 == 0 ? u"%1h"_s.arg(hours) : u"%1h%2m"_s.arg(hours).arg(minutes % 60);
    if (hours < 48)
        return u"%1h"_s.arg(hours);
    const qint64 days = hours / 24;
    if (days < 8)
        return hours % 24 == 0 ? u"%1d"_s.arg(days) : u"%1d%2h"_s.arg(days).arg(hours % 24);
    if (days < 730)
        return u"%1d"_s.arg(days);
    return u"%1y"_s.arg(days / 365);
}

} // namespace eic::sim::SimTime
