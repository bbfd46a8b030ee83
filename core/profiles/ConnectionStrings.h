#pragma once

#include "Error.h"
#include "Profile.h"

namespace eic::profiles {

// The command line's connection strings (shared/CLI.md): a libpq conninfo or postgresql:// URI
// for the database, a redis:// or rediss:// URL for the data store. A password inside either is
// refused: secrets never come from a command-line argument.
Result<DatabaseConnection> parseDatabaseConninfo(const QString &conninfo);
Result<DatastoreConnection> parseDatastoreUrl(const QString &url);
// `profile` pointed at a new store: a redis:// or rediss:// URL replaces its data store (its CA
// file kept), anything else is a conninfo for its database.
Result<Profile> withStoreAddress(Profile profile, const QString &address);

} // namespace eic::profiles
