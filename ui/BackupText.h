#pragma once

#include "stores/BackupCatalogue.h"

#include <QString>

namespace eic::ui {

// How a backup is shown wherever the GUI lists one (the backups view, the wizard's archive
// choice): when it was taken, how long ago, and its size, in one format.
QString backupAge(const stores::BackupEntry &entry);  // "12 min", "3.5 h", "2.0 days"
QString backupSize(const stores::BackupEntry &entry); // "312 kB", "1.2 GB"
QString backupSummary(const stores::BackupEntry &entry); // "name — taken 2026-11-25 02:08 (12 min ago), 312 kB"

} // namespace eic::ui
