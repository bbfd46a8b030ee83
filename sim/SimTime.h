#pragma once

#include <QDateTime>
#include <QString>

namespace eic::sim::SimTime {

// Kubernetes timestamps: RFC 3339 in UTC with second precision ("2026-11-24T14:44:00Z").
inline QString rfc3339(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

inline QString nowRfc3339()
{
    return rfc3339(QDateTime::currentDateTimeUtc());
}

inline QDateTime parse(const QString &text)
{
    return QDateTime::fromString(text, Qt::ISODate);
}

// kubectl's short ages ("45s", "3m12s", "5h", "12d"), as the server renders Table cells.
QString humanAge(qint64 seconds);

} // namespace eic::sim::SimTime
