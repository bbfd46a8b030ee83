#pragma once

#include "Error.h"
#include "PgSession.h"

#include <QString>
#include <QTemporaryFile>

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
};

// The password reaches pg_dump/pg_restore through a temporary PGPASSFILE (mode 0600, removed
// when this object goes), never through argv or the environment.
class PgPassFile {
public:
    static Result<std::unique_ptr<PgPassFile>> create(const QString &user, const QString &password);
    QString path() const { return m_file.fileName(); }

private:
    QTemporaryFile m_file;
};

// A conninfo for the tools' --dbname: everything but the password.
QString toolConninfo(const PgConnectOptions &options);

} // namespace eic::stores
