#pragma once

// What the report's files share: their translation context and how a time, a size or a
// duration is written. Internal to core/report.

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QLocale>
#include <QString>

namespace eic::report::text {

// Texts of the report, in the translation context "RestoreReport" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RestoreReport)
};

inline QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

// "2026-12-01 23:04:05 UTC"; "—" when it did not happen.
inline QString when(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")) + QStringLiteral(" UTC") : QStringLiteral("—");
}

inline QString hms(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(QStringLiteral("HH:mm:ss.zzz")) : QStringLiteral("—");
}

inline QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

// One size unit style everywhere (as the GUI's backup list): SI units.
inline QString size(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

// "4.2 s", "3 min 12 s", "1 h 05 min".
QString duration(double seconds);
// a to b, or "—" without both.
QString between(const QDateTime &a, const QDateTime &b);

} // namespace eic::report::text
