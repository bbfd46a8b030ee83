#pragma once

#include "BackupManifest.h"
#include "Error.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <functional>

namespace eic::stores {

// One thing a verification looked at, with the outcome a journal records (vendor rule of this
// product: every check has three outcomes; nothing overclaims).
struct BackupCheck {
    enum Outcome { Passed, Failed, NotChecked };
    QString item;     // "manifest", "manifest checksum", "files", "format", "checksum", "table of contents", "data"
    Outcome outcome = NotChecked;
    QString sentence; // why it failed or was not checked; what was proven when it passed
};

// What verifying a backup found, item by item.
struct BackupVerification {
    QList<BackupCheck> checks;

    bool passed() const;   // nothing failed (some items may be not checked): it may be restored
    bool complete() const; // every item passed
    QStringList notChecked() const; // the items not checked
    // The first failure; else "verified", naming what was not checked.
    QString sentence() const;
    // The first failure as an Error (code 0); an empty Error if nothing failed.
    Error error() const;
    QJsonObject toJson() const;

    // A backup checked completely without touching any database: a folder of ours (its manifest
    // and its checksum, every value's bounds, every file's size and SHA-256) or a pg_dump -Fc file
    // (what it is, its "<file>.sha256" if there is one, its table of contents, and every data
    // block read to the end by the newest pg_restore, so a truncated file fails). Blocking (run
    // it on a thread); `seen`, if given, receives the backup's fingerprint before the check began.
    // `manifest`, if given, receives the folder's manifest.
    static BackupVerification check(const QString &path, const std::function<bool()> &cancelled = {}, BackupFingerprint *seen = nullptr,
                                    BackupManifest *manifest = nullptr);
    // Only the cheap part of a folder: its manifest, checksum and bounds (the data step reads
    // that again when the pre-flight checked everything and nothing changed since).
    static BackupVerification checkManifest(const QString &backupDir, BackupManifest *manifest = nullptr);
};

} // namespace eic::stores
