#pragma once

#include "stores/BackupCatalogue.h"

#include <QDateTime>
#include <QString>

namespace eic::ui {

// How a backup is shown wherever the GUI lists one (the backups view, the wizard's archive
// choice): when it was taken, how long ago, and its size, in one format.
QString backupAge(const stores::BackupEntry &entry);  // "12 min", "3.5 h", "2.0 days"
QString backupSize(const stores::BackupEntry &entry); // "312 kB", "1.2 GB"
QString backupSummary(const stores::BackupEntry &entry); // "name — taken 2026-11-25 02:08 (12 min ago), 312 kB"

} // namespace eic::ui

namespace eic::ui {

// The last verification of a backup, kept between openings of the backups view (in the app's
// data folder, keyed by the backup's path) and void as soon as the backup changes on disk (any
// file's size, modification or status-change time). Three outcomes; "not checked" is never ok.
struct BackupVerification {
    enum class Outcome { NotChecked, Passed, Failed };
    Outcome outcome = Outcome::NotChecked;
    QDateTime at;   // when it was checked
    QString detail; // what was found (the damage), or how it was checked

    // What is known of `path` as it is now; NotChecked when nothing is, or it changed since.
    static BackupVerification of(const QString &path);
    static void remember(const QString &path, const BackupVerification &verification);
    static void forget(const QString &path);
    // Where it is kept (tests point it elsewhere with QStandardPaths' test mode).
    static QString cacheFile();
    // "passed 2026-12-01 23:10", "FAILED 2026-12-01 23:10: …", "not checked".
    QString text() const;
};

} // namespace eic::ui
