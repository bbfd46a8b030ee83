#pragma once

#include "Error.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace eic::stores {

class PgSession;

struct PgTableInfo {
    QString schema;
    QString name;
    qint64 estimatedRows = 0;
    qint64 bytes = 0;
    QString qualified() const { return schema + u'.' + name; }
};

struct PgSessionGroup {
    QString application;
    QString user;
    QString clientAddress;
    int count = 0;
};

// What we must know about the cell's database before touching it: the server, the data, who
// is still connected (the cell's components must be gone before a restore), whether this role
// may drop and create what a restore needs, and whether a point-in-time recovery is possible.
struct PgInspection {
    QString serverVersion;
    int serverVersionNum = 0;
    QString database;
    bool inRecovery = false;
    qint64 databaseBytes = 0;
    QList<PgTableInfo> tables;
    QList<PgSessionGroup> sessions; // other than ours
    bool superuser = false;
    bool ownsDatabase = false;
    int tablesOwnedByOthers = 0;
    QString walLevel;
    QString archiveMode;
    QString archiveCommand;
    bool trackCommitTimestamp = false;
    QDateTime lastCommit; // pg_last_committed_xact(), where commit times are tracked; invalid: not known

    bool mayRestore() const { return superuser || (ownsDatabase && tablesOwnedByOthers == 0); }
    bool pointInTimePossible() const
    {
        return (archiveMode == QLatin1StringView("on") || archiveMode == QLatin1StringView("always")) && !archiveCommand.isEmpty()
            && walLevel != QLatin1StringView("minimal");
    }
    int sessionCount() const;
    QJsonObject toJson() const;

    static void inspect(PgSession *session, QObject *receiver, std::function<void(const Result<PgInspection> &)> callback);
};

} // namespace eic::stores
