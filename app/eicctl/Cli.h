#pragma once

// The pieces every eicctl command shares: parsed options, the terminal, secrets, exit codes.

#include "Error.h"
#include "kube/KubeConfig.h"
#include "profiles/Profile.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <functional>
#include <optional>

namespace eic::cli {

enum Exit { Done = 0, Failed = 1, Usage = 2, CautionMissing = 3, PreflightFailed = 4, NeedsResume = 5, LeftBehind = 6 };

struct Options {
    QStringList args; // positional: command and its arguments
    QString profile;
    QString kubeconfig;
    QString context;
    QString ns;
    QString database;
    QString datastore;
    QString datastoreCa;
    QString server;
    QString caFile;
    QString tokenFile;
    QString backupFolder;
    QString notes;
    QString databaseKind;
    QString datastoreKind;
    QString to;
    QString mode;         // restore: external | archive | new-instance
    QString from;         // restore --mode archive: the backup
    QString pointInTime;  // restore --mode external, database
    QString dataCommand;  // restore --mode external
    QStringList accept;   // caution ids
    QString ticket;       // restore: a change/ticket reference for the report
    QString format;       // report export: json | html | pdf
    QString dir;          // sandbox: its directory
    int jobs = 0;
    bool json = false;
    bool watch = false;
    bool force = false;   // sandbox stop: remove its backups and reports without asking
    int timeoutSeconds = 30;
};

// What Ctrl-C / SIGTERM does: a running job cancels itself (and cleans up) before eicctl ends.
std::function<void()> &interruptHandler();
// While it lives, losing the terminal or the ssh session (SIGHUP) or the reader of the output
// (SIGPIPE: `| tee` gone with the session) does not stop what runs half-way: both are ignored,
// by the programs started meanwhile too (as nohup does). A restore runs under one; elsewhere
// SIGHUP interrupts like Ctrl-C.
class KeepGoingOnHangup {
public:
    KeepGoingOnHangup();
    ~KeepGoingOnHangup();
    KeepGoingOnHangup(const KeepGoingOnHangup &) = delete;
    KeepGoingOnHangup &operator=(const KeepGoingOnHangup &) = delete;

private:
    void (*m_hangup)(int);
    void (*m_pipe)(int);
};

QTextStream &out();
QTextStream &err();
int usage(const QString &message);
int failed(const QString &message);

// Asks on the terminal without echo; nullopt when stdin is not a terminal.
std::optional<QString> promptSecret(const QString &question);

// A secret from the OS keychain (with its timeout); when no keychain answers, from the
// environment variable or, on a terminal, a prompt for this session only.
Result<QString> secretFor(const profiles::Profile &profile, profiles::SecretKind kind, const char *envVariable);

// Where to connect for the cell: the profile's, or the kubeconfig options.
Result<kube::ResolvedContext> cellContext(const Options &options);

// A store's connection: --database/--datastore (passwords from PGPASSWORD/REDISCLI_AUTH) or the
// profile's (passwords from the keychain); the second value is the profile's backup folder.
Result<QPair<stores::PgConnectOptions, QString>> databaseTarget(const Options &options);
Result<QPair<stores::RedisOptions, QString>> datastoreTarget(const Options &options);

int status(const Options &options);
int plan(const Options &options);
int restore(const Options &options);
int resumeRun(const Options &options, const QString &how); // continue | resume | abort
int report(const Options &options);
int profile(const Options &options);
int backup(const Options &options);
int sandboxCommand(const Options &options);

} // namespace eic::cli
