#pragma once

#include <QString>

namespace eic::util {

// The operator a run and its report name: the effective user's login name from the password
// database (getpwuid), never an environment variable a shell can leave empty or fake. Falls back
// to $USER, then "unknown" (a container's uid without a passwd entry).
QString osUser();
// The effective user's home from the password database: not $HOME, which a script may point at
// a throwaway directory (scripts/run, the sandbox's keyring). Empty when there is no entry.
QString osHome();

} // namespace eic::util
