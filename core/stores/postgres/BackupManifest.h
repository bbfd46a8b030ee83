#pragma once

#include "Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <functional>

namespace eic::stores {

struct ManifestTable {
    QString schema;
    QString name;
    qint64 rows = 0;
    bool rowsExact = false; // counted in the dump's snapshot, or the planner's estimate
    qint64 bytes = 0;
    QString qualified() const { return schema + u'.' + name; }
};

struct ManifestFile {
    QString path; // relative to the backup folder
    qint64 bytes = 0;
    QString sha256;
};

// What a database backup holds and how to prove it is intact: written next to the dump
// (manifest.json), read and checked before any restore.
struct BackupManifest {
    static constexpr const char *kFormat = "eic-restore/postgres-backup";
    static constexpr int kVersion = 1;
    // The manifest's own SHA-256, as sha256sum writes it ("sha256sum -c" checks it by hand): an
    // edited row count or file list is refused before anything changes. A sidecar rather than a
    // field inside, so that the bytes hashed are exactly the bytes read.
    static constexpr const char *kChecksumFile = "manifest.json.sha256";
    static constexpr int kMaxJobs = 64;
    enum ReadError { ManifestChanged = 2 }; // Error::code of read() when the checksum does not match

    QString database;
    QString serverVersion;
    QString serverAddress;
    QString toolVersion;
    QString dumpFormat = QStringLiteral("directory");
    int jobs = 1;
    QDateTime started;
    QDateTime finished;
    QList<ManifestTable> tables;
    QList<ManifestFile> files;

    qint64 totalBytes() const;
    QJsonObject toJson() const;
    // Every value is bounded: jobs 1..64, counts and sizes non-negative and sane, file paths
    // relative and inside the backup folder.
    static Result<BackupManifest> fromJson(const QJsonObject &json);
    // Refuses a manifest whose checksum file does not match it. `checksummed`, if given, tells
    // whether there was one: a backup of an older eic-restore has none (then it is not checked).
    static Result<BackupManifest> read(const QString &backupDir, bool *checksummed = nullptr);
    // manifest.json and its checksum file.
    Result<bool> write(const QString &backupDir) const;

    // Hashes every file under `dataDir` (relative paths from `backupDir`), as the manifest lists them.
    static Result<QList<ManifestFile>> hashFiles(const QString &backupDir, const QString &dataDir,
                                                 const std::function<bool()> &cancelled = {});
    // Checks every listed file's size and SHA-256 and that no file is missing or extra;
    // the Error names the first damaged file.
    Result<bool> verify(const QString &backupDir, const std::function<bool()> &cancelled = {}) const;
};

// What a backup looked like on disk: each file's size, modification and status-change times
// (the last cannot be set back by hand). Taken before its checksums are checked, it lets a
// later step know that nothing changed since, without reading every byte again.
using BackupFingerprint = QMap<QString, QList<qint64>>;
// Of a backup folder (every file under it) or a single file with its "<file>.sha256" sidecar.
BackupFingerprint fingerprintOf(const QString &path);

} // namespace eic::stores
