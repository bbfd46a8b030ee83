#pragma once

#include "Error.h"
#include "RestorePlan.h"
#include "util/ChildProcess.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace eic::restore {

// The run's journal: one file per run, JSON lines, mode 0600, each line written and fsynced
// before the step it records goes on (replica counts before any scale-down). It is the single
// source of truth of a run: the UI and eicctl render its events live, reports are rendered
// from it, and resume/abort read it back.
class Journal {
public:
    Journal() = default;
    ~Journal();
    Journal(const Journal &) = delete;
    Journal &operator=(const Journal &) = delete;

    // $XDG_DATA_HOME/eic-restore/runs (EIC_RESTORE_RUNS_DIR overrides, for tests and the sandbox).
    static QString runsDir();
    static Result<std::unique_ptr<Journal>> create(const QString &runId);
    static Result<std::unique_ptr<Journal>> reopen(const QString &path); // append to an existing run

    // Appends {"t": now, "event": name, ...fields} and fsyncs; returns the line written.
    Result<QJsonObject> append(const QString &event, QJsonObject fields = {});
    QString path() const { return m_path; }
    QString runId() const { return m_runId; }

    // Every event of a journal file (a torn last line, from a crash mid-write, is ignored).
    static Result<QList<QJsonObject>> read(const QString &path);
    // Journals whose run has no "run-finished" event, newest first.
    static QStringList unfinished();
    static QStringList all(); // newest first
    // How long the components were down in the newest complete run of a target ("database",
    // "datastore"; a rehearsal counts): what the service-interruption caution quotes. -1: none.
    static double lastDowntimeSeconds(const QString &target);

private:
    int m_fd = -1;
    QString m_path;
    QString m_runId;
};

// What a journal says about its run: enough to resume or roll it back.
struct JournalState {
    QString runId;
    QString path;
    RestorePlan plan;
    QHash<QString, int> recorded;  // component -> original replicas
    QStringList stepsStarted;
    QStringList stepsFinished;
    QString dataState = QStringLiteral("not started"); // not started, started, awaiting, done, failed
    bool finished = false;
    bool rollingBack = false; // a rollback began (and did not finish): only a rollback may follow
    QString outcome; // run-finished's outcome
    QString operatorName;
    QString kubeContext;
    QStringList accepted;      // acknowledged cautions (run-started and caution-acknowledged)
    QJsonObject cellIdentity;  // the cell-identity event; empty: an older journal
    QJsonObject storeIdentity; // the store-identity event; empty: not known
    QList<util::ChildRecord> children; // started and not journaled as ended: may have survived
    QJsonObject start; // the run-started event
    QDateTime downSince; // the first scale to 0 (since the last rollback); invalid: none
    static Result<JournalState> load(const QString &path);
};

} // namespace eic::restore
