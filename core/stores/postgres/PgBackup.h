#pragma once

#include "BackupManifest.h"
#include "Error.h"
#include "PgSession.h"
#include "PgTools.h"
#include "util/ChildProcess.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>

namespace eic::stores {

struct BackupProgress {
    int tablesDone = 0;
    int tablesTotal = 0;
    QString currentTable;
    qint64 bytes = 0;
    double bytesPerSecond = 0;
    double elapsedSeconds = 0;
};

struct BackupResult {
    QString directory;
    BackupManifest manifest;
    double seconds = 0;
};

// A database backup: pg_dump --format=directory --jobs=N into <folder>/<db>-<time>/data, run in
// a snapshot this session exported (so the exact row counts in the manifest are of the same
// data), then the manifest with every file's SHA-256 and the manifest's own. The password reaches
// pg_dump through a PGPASSFILE in a private folder that goes with the job. The exit status decides; a failed or cancelled backup is removed.
class PgBackup : public QObject {
    Q_OBJECT
public:
    struct Options {
        PgConnectOptions connection;
        QString folder;          // where backups go
        int jobs = 0;            // 0: the cores client and server can use
        qint64 exactCountBelow = 100'000; // tables with fewer estimated rows are counted exactly
        // Called as soon as pg_dump runs (the runner journals it: a survivor of a crash is ended).
        std::function<void(const eic::util::ChildRecord &)> childStarted = {};
    };

    explicit PgBackup(QObject *parent = nullptr);
    ~PgBackup() override;

    void start(const Options &options);
    // Ends pg_dump (SIGTERM to its process group, SIGKILL after 2 s); finished() comes once no
    // process of it is left and the partial backup is removed.
    void cancel();

Q_SIGNALS:
    void progress(const eic::stores::BackupProgress &progress);
    void finished(const eic::Result<eic::stores::BackupResult> &result);

private:
    void countRows(int index);
    void completeIfReady();
    void runDump();
    void onDumpOutput();
    void onDumpFinished(int exitCode, QProcess::ExitStatus status);
    void dumpEnded(int exitCode, QProcess::ExitStatus status);
    void finish(const Result<BackupResult> &result);
    qint64 directorySize() const;

    Options m_options;
    PgSession m_session;
    PgTools m_tools;
    std::unique_ptr<PgPassFile> m_passFile;
    QProcess m_process;
    util::ChildRecord m_child;
    QString m_snapshot;
    QString m_directory;
    BackupManifest m_manifest;
    BackupProgress m_progress;
    QElapsedTimer m_clock;
    QTimer m_sampler;
    QByteArray m_stderr;
    QStringList m_errors;
    std::shared_ptr<std::atomic_bool> m_cancelled = std::make_shared<std::atomic_bool>(false);
    std::optional<Result<BackupResult>> m_failure; // reported once pg_dump is gone
    bool m_done = false;
    bool m_dumpDone = false;
    bool m_countsDone = false;
};

} // namespace eic::stores

Q_DECLARE_METATYPE(eic::stores::BackupProgress)
Q_DECLARE_METATYPE(eic::Result<eic::stores::BackupResult>)
