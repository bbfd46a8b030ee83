#pragma once

#include "Error.h"
#include "Profile.h"

#include <QList>
#include <QString>

namespace eic::profiles {

// The profiles on disk: one versioned JSON file under QStandardPaths::AppConfigLocation,
// written atomically (QSaveFile) with mode 0600. A damaged file is copied aside and reported;
// a file from a newer version is reported and never overwritten.
class ProfileStore {
public:
    static constexpr int kVersion = 1;

    explicit ProfileStore(QString path = defaultPath());
    static QString defaultPath();

    // Reads the file. On a damaged or newer file: the Error says what happened and where the
    // copy is; the store is then empty (damaged) or read-only (newer).
    Result<bool> load();
    bool readOnly() const { return m_readOnly; }
    QString path() const { return m_path; }

    const QList<Profile> &profiles() const { return m_profiles; }
    const Profile *find(const QString &nameOrId) const;

    Result<bool> add(const Profile &profile);
    Result<bool> update(const Profile &profile); // by id
    Result<bool> remove(const QString &id);

    // Export/import as JSON without secrets (the same format as the file, ids kept).
    static QByteArray exportJson(const QList<Profile> &profiles);
    static Result<QList<Profile>> importJson(const QByteArray &json);

private:
    Result<bool> save();

    QString m_path;
    QList<Profile> m_profiles;
    bool m_readOnly = false;
};

} // namespace eic::profiles
