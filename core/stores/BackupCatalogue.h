#pragma once

#include "Error.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace eic::stores {

// The backups in a folder: database backups (a folder with manifest.json) and data store
// backups (*.eicrdb), newest first, with their age and size; verified on demand.
struct BackupEntry {
    enum class Kind { Database, Datastore };
    Kind kind = Kind::Database;
    QString path;
    QDateTime created;
    qint64 bytes = 0;
    double ageDays(const QDateTime &now = QDateTime::currentDateTime()) const { return static_cast<double>(created.secsTo(now)) / 86400.0; }
};

class BackupCatalogue {
public:
    static QList<BackupEntry> list(const QString &folder);
    // The newest backup of a kind, if any.
    static std::optional<BackupEntry> newest(const QString &folder, BackupEntry::Kind kind);
    // The entry of one backup (a database backup's folder or a data store backup's file).
    static std::optional<BackupEntry> entryOf(const QString &path);
    // Reads everything: every file's SHA-256 against the manifest, or every record's CRC and the
    // file's SHA-256. Slow for big backups: call it off the GUI thread.
    static Result<bool> verify(const BackupEntry &entry, const std::function<bool()> &cancelled = {});
};

} // namespace eic::stores
