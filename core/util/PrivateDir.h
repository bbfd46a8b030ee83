#pragma once

#include "Error.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace eic::util {

// A directory for this process's secrets (a PGPASSFILE): $XDG_RUNTIME_DIR/eic-restore/<name>-<pid>
// (RAM, the user's only, gone at logout), else $XDG_DATA_HOME/eic-restore/private/<name>-<pid>;
// never the shared /tmp. Mode 0700 and our owner, checked; its files 0600. Removed with
// everything in it when this object goes; what a killed process left is removed by sweep().
class PrivateDir {
public:
    static Result<std::unique_ptr<PrivateDir>> create(const QString &name);
    ~PrivateDir();
    PrivateDir(const PrivateDir &) = delete;
    PrivateDir &operator=(const PrivateDir &) = delete;

    QString path() const { return m_path; }
    // A new file (it must not exist yet) of mode 0600; `fileName` is a plain name. Its path.
    Result<QString> writeSecretFile(const QString &fileName, const QByteArray &content);

    // Removes the directories of processes that are gone (the pid in the name, the start time in
    // its marker: a reused pid is told apart). Call before a backup or restore starts. How many.
    static int sweep();
    // Where the directories are made now (for tests and diagnostics).
    static QString base();

private:
    explicit PrivateDir(QString path) : m_path(std::move(path)) {}
    QString m_path;
};

} // namespace eic::util
