#include "BackupText.h"

#include "stores/postgres/BackupManifest.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStandardPaths>

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

namespace {

QString groupOf(const QString &path)
{
    return u"backup-"_s + QString::fromLatin1(QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1).toHex());
}

// The backup's files as they are now (sizes, times, inodes): a different digest means it changed.
QString fingerprintDigest(const QString &path)
{
    const stores::BackupFingerprint fp = stores::fingerprintOf(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (auto it = fp.cbegin(); it != fp.cend(); ++it) {
        hash.addData(it.key().toUtf8());
        for (qint64 v : it.value())
            hash.addData(QByteArray::number(v) + ',');
    }
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace

QString BackupVerification::cacheFile()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/backup-verification.ini"_s;
}

BackupVerification BackupVerification::of(const QString &path)
{
    QSettings settings(cacheFile(), QSettings::IniFormat);
    settings.beginGroup(groupOf(path));
    BackupVerification v;
    if (!QFileInfo::exists(path) || settings.value(u"fingerprint"_s).toString() != fingerprintDigest(path))
        return v;
    const QString outcome = settings.value(u"outcome"_s).toString();
    v.outcome = outcome == "passed"_L1 ? Outcome::Passed : outcome == "failed"_L1 ? Outcome::Failed : Outcome::NotChecked;
    v.at = QDateTime::fromString(settings.value(u"at"_s).toString(), Qt::ISODate);
    v.detail = settings.value(u"detail"_s).toString();
    return v;
}

void BackupVerification::remember(const QString &path, const BackupVerification &verification)
{
    QSettings settings(cacheFile(), QSettings::IniFormat);
    settings.beginGroup(groupOf(path));
    settings.setValue(u"path"_s, QFileInfo(path).absoluteFilePath());
    settings.setValue(u"fingerprint"_s, fingerprintDigest(path));
    settings.setValue(u"outcome"_s, verification.outcome == Outcome::Passed ? u"passed"_s : verification.outcome == Outcome::Failed ? u"failed"_s : u"not-checked"_s);
    settings.setValue(u"at"_s, verification.at.toString(Qt::ISODate));
    settings.setValue(u"detail"_s, verification.detail);
}

void BackupVerification::forget(const QString &path)
{
    QSettings settings(cacheFile(), QSettings::IniFormat);
    settings.remove(groupOf(path));
}

QString BackupVerification::text() const
{
    const QString when = at.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s);
    switch (outcome) {
    case Outcome::Passed: return Tr::tr("passed %1").arg(when);
    case Outcome::Failed: return Tr::tr("FAILED %1: %2").arg(when, detail);
    case Outcome::NotChecked: break;
    }
    return Tr::tr("not checked");
}

} // namespace eic::ui
