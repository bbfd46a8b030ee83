#pragma once

#include "Error.h"
#include "Profile.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace eic::profiles {

// The profiles on disk: one versioned JSON file shared by the GUI and eicctl
// (~/.config/eic-restore/profiles.json), written atomically (QSaveFile) with mode 0600. Every
// change is a read-modify-write under a lock file, so two programs saving at once lose nothing.
// A damaged file is copied aside and reported; a file from a newer version is reported and
// never overwritten.
class ProfileStore {
public:
    static constexpr int kVersion = 1;

    // The shared file; profiles of the per-program files of earlier versions are moved into it
    // on the first load.
    ProfileStore();
    // Another file (a sandbox, a test); `legacyFiles` are merged into it on the first load.
    explicit ProfileStore(QString path, QStringList legacyFiles = {});
    static QString defaultPath();
    // Where earlier versions kept profiles: one file per program (eic-restore, eicctl).
    static QStringList legacyPaths();

    // Reads the file. On a damaged or newer file: the Error says what happened and where the
    // copy is; the store is then empty (damaged) or read-only (newer).
    Result<bool> load();
    bool readOnly() const { return m_readOnly; }
    QString path() const { return m_path; }
    // What the migration of legacy files did (also logged), for whoever wants to show it.
    const QStringList &migrationNotes() const { return m_migrationNotes; }

    const QList<Profile> &profiles() const { return m_profiles; }
    const Profile *find(const QString &nameOrId) const;

    Result<bool> add(const Profile &profile);
    Result<bool> update(const Profile &profile); // by id
    Result<bool> remove(const QString &id);

    // Export/import as JSON without secrets (the same format as the file, ids kept).
    static QByteArray exportJson(const QList<Profile> &profiles);
    static Result<QList<Profile>> importJson(const QByteArray &json);

private:
    using Change = std::function<Result<bool>(QList<Profile> &)>;
    // Under the lock: re-reads the file (another program may have changed it), applies
    // `change` to what it holds, writes the result and keeps it.
    Result<bool> modify(const Change &change, const std::function<void()> &afterWrite = {});
    Result<bool> write(const QList<Profile> &profiles);
    void adopt(const QList<Profile> &profiles);
    void migrate();

    QString m_path;
    QStringList m_legacy;
    QStringList m_migrationNotes;
    QList<Profile> m_profiles;
    bool m_readOnly = false;
};

} // namespace eic::profiles
