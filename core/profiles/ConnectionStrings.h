#pragma once

#include "Error.h"
#include "Profile.h"

namespace eic::profiles {

// The command line's connection strings (shared/CLI.md): a libpq conninfo or postgresql:// URI
// for the database, a redis:// or rediss:// URL for the data store. A password inside either is
// refused: secrets never come from a command-line argument.
Result<DatabaseConnection> parseDatabaseConninfo(const QString &conninfo);
Result<DatastoreConnection> parseDatastoreUrl(const QString &url);

} // namespace eic::profiles
