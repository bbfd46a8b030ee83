#pragma once

#include "Error.h"
#include "RestorePlan.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"

#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace eic::restore {

// eicctl's exit codes (docs/CLI.md); a run's outcome carries one of these and nothing else.
enum RunExit { ExitDone = 0, ExitFailed = 1, ExitCautionMissing = 3, ExitPreflightFailed = 4, ExitNeedsResume = 5, ExitLeftBehind = 6 };
// The exit code for an Error of any origin: its code when that is one of ours, else `fallback`
// (an HTTP status or an SQLSTATE class is never an exit code).
int exitCodeOf(const Error &error, int fallback);

// How the runner reaches a store (for sessions, the archive and the writes check). Optional in
// external mode: without it those checks are journaled as not checked, with the reason.
struct StoreAccess {
    std::optional<stores::PgConnectOptions> database;
    std::optional<stores::RedisOptions> datastore;
};

struct RunRequest {
    RestorePlan plan;
    QStringList accepted; // caution ids the admin acknowledged
    QString operatorName; // OS user
    QString host;
    QString appVersion;
    QString profile; // the profile used, if any (resume uses it again; never a secret)
    // For the report (journaled in run-started; resume and continue keep the run's own):
    QString ticket;                           // a change/ticket reference, free text; never required (see ticketText)
    QHash<QString, QDateTime> acknowledgedAt; // caution id -> when the admin ticked it; absent: the run's start
    QString workspaceMark;                    // "sandbox", "drill" or empty (a real cell)
    // The store's address as given (--database conninfo, --datastore URL; they never hold a
    // password) and the data store's CA: journaled, so that resume and continue reach the store.
    QString storeAddress;
    QString storeCaFile;
    StoreAccess store;       // the store being restored
    StoreAccess newInstance; // new-instance mode: the store's new address
    std::function<Result<bool>()> updateProfile; // new-instance mode: point the profile at it
    int quiesceTimeoutMs = 300000;
    int rolloutTimeoutMs = 600000;
    int leaseDurationSeconds = 60;
};

// A ticket reference as journaled: one line, trimmed, at most 200 characters.
inline QString ticketText(const QString &given)
{
    return given.simplified().left(200).trimmed();
}
// "sandbox" or "drill"; anything else is no mark.
inline QString workspaceMarkText(const QString &given)
{
    const QString mark = given.trimmed().toLower();
    return mark == QLatin1StringView("sandbox") || mark == QLatin1StringView("drill") ? mark : QString();
}

struct RunOutcome {
    int exitCode = 0; // one of RunExit
    QString message;
    QString runId;
    QString journal;
    double downtimeSeconds = -1;
    QString outcome; // complete, complete-with-leftovers, rolled-back, preflight-failed, cancelled; empty: nothing ran, or the run waits
    QStringList notChecked; // what the run could not check, with why
    QStringList leftovers;  // what it could not remove
};

} // namespace eic::restore

Q_DECLARE_METATYPE(eic::restore::RunOutcome)
