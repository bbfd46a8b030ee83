#pragma once

#include "Error.h"
#include "PgSession.h"
#include "util/PrivateDir.h"

#include <QProcessEnvironment>
#include <QString>

#include <memory>

namespace eic::stores {

// pg_dump / pg_restore of the server's major version: Debian keeps one set per version under
// /usr/lib/postgresql/N/bin; PATH is used when its major is at least the server's.
struct PgTools {
    QString pgDump;
    QString pgRestore;
    int major = 0;
    QString version; // "pg_dump (PostgreSQL) 15.18 ..."

    static Result<PgTools> locate(int serverVersionNum);
    // The newest installed tools: they read the archives of every older pg_dump (no server to ask).
    static Result<PgTools> newest();
};

// The password reaches pg_dump/pg_restore through a PGPASSFILE (mode 0600) in a private folder
// of the job's own (util::PrivateDir, removed when this object goes), never through argv or
// the environment.
class PgPassFile {
public:
    static Result<std::unique_ptr<PgPassFile>> create(const QString &job, const QString &user, const QString &password);
    ~PgPassFile();
    QString path() const { return m_path; }
    QString directory() const;

private:
    std::unique_ptr<util::PrivateDir> m_dir;
    QString m_path;
};

// The environment of a tool: ours without any secret (PGPASSWORD, REDISCLI_AUTH, *PASSWORD*,
// *SECRET*, *TOKEN*: a child gets only what it needs), with PGPASSFILE if one is given.
QProcessEnvironment toolEnvironment(const PgPassFile *passFile = nullptr);

// A conninfo for the tools' --dbname: everything but the password.
QString toolConninfo(const PgConnectOptions &options);

} // namespace eic::stores
