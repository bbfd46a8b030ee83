#pragma once

#include <QList>
#include <QPair>
#include <QString>

namespace eic {

// The libraries this build runs with, as (name, version) for the About dialog and --version:
// Qt and libpq as loaded at run time, the others as compiled in.
QList<QPair<QString, QString>> libraryVersions();

} // namespace eic
