#pragma once

#include "Error.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace eic::sandbox {

struct SandboxInfo;

// What a sandbox holds that the admin made and a stop removes: backups, restore runs (their
// journals, which the reports are rendered from) and reports saved into it. Absolute paths.
struct Keepsakes {
    QStringList backups; // files under DIR/backups
    QStringList runs;    // files under DIR/runs
    QStringList reports; // *.pdf, *.html elsewhere in DIR (not the stores' own data)
    bool isEmpty() const { return backups.isEmpty() && runs.isEmpty() && reports.isEmpty(); }
    QStringList all() const { return backups + runs + reports; }
};

// The directory a sandbox lives in. It carries a marker naming the process that owns it (pid and
// start time), so only a marked directory is ever removed, and a later start removes the
// sandboxes whose owner is gone (killed, a power cut) instead of leaving them behind for good.
class SandboxDirectory {
public:
    // The marker file (the owner's pid and start time).
    static constexpr const char *kMarker = ".eic-sandbox";

    // `requested` empty: a new directory under the temp dir; else it must be absent, empty, or
    // abandoned by a sandbox whose owner is gone. Returns the canonical path, marked as ours.
    static Result<QString> create(const QString &requested);
    // The subdirectories (pg, redis, backups, runs) with the rights PostgreSQL needs; as root,
    // pg belongs to the system user postgres, who must be able to reach it.
    static Result<bool> prepareStores(const SandboxInfo &info);
    // Removes `dir` when it is marked (by anyone).
    static bool remove(const QString &dir);

    // Sandboxes in the temp dir whose owning process is gone: removed. Returns the directories removed.
    static QStringList removeAbandoned();
    // dir, when it holds a sandbox whose owning process is gone: removed (and logged). A start
    // in that directory (--dir) and `eicctl sandbox stop` after a crash use it.
    static bool removeIfAbandoned(const QString &dir);

    // What the admin made in `dir` (see Keepsakes).
    static Keepsakes keepsakes(const QString &dir);
    // Copies the keepsakes of `dir` into `dest` (created; their layout under dir kept), so they
    // survive the stop. Returns dest.
    static Result<QString> keep(const QString &dir, const QString &dest);

    // A file only its owner reads (passwords, the env file).
    static bool writePrivate(const QString &path, const QByteArray &content);
    // DIR/env, to source in a shell (it holds the passwords), and DIR/sandbox.json (without them).
    static Result<bool> writeDescription(const SandboxInfo &info);
};

} // namespace eic::sandbox
