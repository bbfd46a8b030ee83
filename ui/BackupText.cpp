#include "BackupText.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {
// Texts of this file, in the translation context "BackupText".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BackupText)
};
} // namespace

QString backupAge(const stores::BackupEntry &entry)
{
    const double days = entry.ageDays();
    if (days < 1.0 / 24)
        return Tr::tr("%1 min").arg(qMax(0, qRound(days * 1440)));
    if (days < 1)
        return Tr::tr("%1 h").arg(days * 24, 0, 'f', 1);
    return Tr::tr("%1 days").arg(days, 0, 'f', 1);
}

QString backupSize(const stores::BackupEntry &entry)
{
    return QLocale().formattedDataSize(entry.bytes, 1, QLocale::DataSizeSIFormat);
}

QString backupSummary(const stores::BackupEntry &entry)
{
    return Tr::tr("%1 — taken %2 (%3 ago), %4")
        .arg(QFileInfo(entry.path).fileName(), entry.created.toString(u"yyyy-MM-dd HH:mm"_s), backupAge(entry), backupSize(entry));
}

} // namespace eic::ui
