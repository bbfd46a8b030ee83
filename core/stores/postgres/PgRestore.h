#pragma once

#include "BackupManifest.h"
#include "BackupVerification.h"
#include "Error.h"
#include "PgInspection.h"
#include "PgSession.h"
#include "PgTools.h"
#include "util/ChildProcess.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QProcess>

#include <atomic>
#include <memory>

namespace eic::stores {

struct RestoreProgress {
    QString phase;    // "verifying", "sessions", "restoring", "checking"
    int itemsDone = 0;
    int itemsTotal = 0;
    QString currentItem;
    double elapsedSeconds = 0;
    double itemsPerSecond = 0;
};

struct TableCheck {
    QString table;
    qint64 expected = 0;
    qint64 found = 0;
    bool exact = false;
    bool ok = false;
};

struct RestoreOutcome {
    double seconds = 0;
    int items = 0;
    QStringList warnings;
    QList<TableCheck> checks;
    bool acceptsWrites = false;
    bool checksumsReadAgain = true; // false: the backup was unchanged since the pre-flight checked them
    BackupVerification verification; // what this job checked of the backup (empty if it read nothing again)
    QJsonObject toJson() const;
};

// Restores a backup made by PgBackup into the profile's database, honestly: the backup is
// verified (BackupVerification) and `pg_restore --list` read before anything changes; sessions still
// connected stop the restore unless `terminate-sessions` was acknowledged; pg_restore's exit
// status and its stderr decide success; afterwards the database must accept writes, every
// table of the manifest must exist, and row counts must match.
class PgRestore : public QObject {
    Q_OBJECT
public:
    struct Options {
        PgConnectOptions connection;
        QString backupDir;              // a backup folder of ours (manifest.json + data/), or a pg_dump -Fc file
        int jobs = 0;                   // 0: the manifest's job count (1..64, checked), at most 8
        bool terminateSessions = false; // the caution `terminate-sessions` was acknowledged
        int sessionsGoneTimeoutMs = 15000;
        // The backup as the restore's pre-flight saw it before it checked every checksum (see
        // BackupVerification::check). While the backup still matches it, the checksums are not read again:
        // that would only lengthen the downtime. Empty, or changed since: they are.
        BackupFingerprint verified;
        // Called as soon as each child (pg_restore) runs: the runner journals it, so that resume
        // or abort after a crash ends a survivor before any component starts.
        std::function<void(const eic::util::ChildRecord &)> childStarted = {};
    };
    enum ErrorCode { PreflightFailed = 4 }; // nothing was changed

    explicit PgRestore(QObject *parent = nullptr);
    ~PgRestore() override;

    void start(const Options &options);
    // BackupVerification::check as a yes or no: an error if anything failed. It cannot say what
    // was not checked (an older backup's manifest): prefer BackupVerification::check.
    static Result<bool> verifyBackup(const QString &path, const std::function<bool()> &cancelled = {}, BackupFingerprint *seen = nullptr);
    // Ends pg_restore (SIGTERM to its process group: it cancels its queries on the server;
    // SIGKILL after 2 s); finished() comes only once no process of it is left.
    void cancel();
    // Whether the database was touched already (pg_restore had started).
    bool databaseChanged() const { return m_started; }

Q_SIGNALS:
    void progress(const eic::stores::RestoreProgress &progress);
    void finished(const eic::Result<eic::stores::RestoreOutcome> &result);

private:
    void verifyBackupFirst(bool unchanged, const std::function<void()> &verified);
    void listArchive();
    QProcess *newChild();
    void restoreEnded(int exitCode, QProcess::ExitStatus status);
    void checkSessions();
    void waitSessionsGone(int attemptsLeft);
    void runRestore();
    void onOutput();
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void verify();
    void checkTable(int index);
    void allChecked();
    void finish(const Result<RestoreOutcome> &result);
    void report(const QString &phase);

    Options m_options;
    BackupManifest m_manifest;
    QString m_archive; // what pg_restore reads
    bool m_customFormat = false;
    PgSession m_session;
    PgTools m_tools;
    std::unique_ptr<PgPassFile> m_passFile;
    QProcess m_process;
    QPointer<QProcess> m_list;
    util::ChildRecord m_child;
    QElapsedTimer m_clock;
    RestoreProgress m_progress;
    RestoreOutcome m_outcome;
    QByteArray m_stderr;
    QStringList m_errors;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    bool m_started = false;
    bool m_done = false;
};

} // namespace eic::stores

Q_DECLARE_METATYPE(eic::stores::RestoreProgress)
Q_DECLARE_METATYPE(eic::Result<eic::stores::RestoreOutcome>)
