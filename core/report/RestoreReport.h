#pragma once

#include "Error.h"

#include <QDateTime>
#include <QImage>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace eic::report {

// One component's part in a run, from the journal's events.
struct ComponentTimeline {
    QString name;
    int before = -1;      // the recorded count
    int after = -1;       // the count it was scaled back to (rollback included)
    QString hpa;
    QDateTime stopped;    // scaled to 0
    QDateTime started;    // scaled back
    QDateTime rolledOut;  // available again
};

// A restore report, rendered from the run's journal alone (docs/report-schema.md): who, where,
// what, the plan, each caution with who acknowledged it when, a timeline per component, the
// data step, the checks, the errors, the outcome and the total downtime. No secret is ever in
// a journal, so none can be in a report.
struct RestoreReport {
    QString runId;
    QString operatorName;
    QString host;
    QString appVersion;
    QString context;
    QString ns;
    QString target;
    QString mode;
    QString profile;
    QString ticket;        // the change/ticket reference given, if any
    QString workspaceMark; // "sandbox", "drill" or empty: marked on every page
    QJsonObject plan;
    QJsonObject cellIdentity;  // server, namespace, namespaceUid, caFingerprint (cell-identity)
    QJsonObject storeIdentity; // kind, address and what identifies it (store-identity)
    QJsonObject backup;        // archive mode: path, takenAt, bytes, sha256, sha256Of (data-started)
    QDateTime began;
    QDateTime ended;
    QString outcome; // complete, complete-with-leftovers, rolled-back, preflight-failed, cancelled, or "unfinished"
    QString outcomeMessage;
    double downtimeSeconds = -1;
    struct Acknowledgement {
        QString id, by, text, title;
        QDateTime at; // when it was ticked
        QJsonObject numbers;
    };
    QList<Acknowledgement> cautions;
    QList<ComponentTimeline> components;
    QDateTime dataStarted;
    QDateTime dataFinished;
    QString dataState;
    QJsonObject dataDetails;
    QJsonArray checks; // {check, name?, outcome (passed, failed, not-checked), ok, message?, notChecked?, detail}
    QStringList notChecked; // what the run could not check, with why
    QStringList leftovers;  // what it could not remove (an annotation, the lock)
    QStringList errors;
    // An interrupted run: when the cancel was asked (and in which step), what blocked, and the rollback.
    QDateTime cancelRequested;
    QString cancelStep;
    QStringList blocked; // the failing step's error, the sessions that blocked the wait
    QDateTime rollbackStarted;
    QString rollbackReason;
    // tables-measured before and after the data step (empty: not measured).
    QJsonObject measuredBefore;
    QJsonObject measuredAfter;

    static Result<RestoreReport> fromJournal(const QString &path);
    // Every journal name (outcome, check outcome, data state, mode, target, step, store kind) in
    // words; the HTML and the PDF show no name that did not pass through here.
    static QString words(const QString &name);
    // The outcome in words ("complete, with leftovers", "rolled back", ...), never its journal name.
    static QString outcomeWords(const QString &outcome);
    // The headline's sentence: "verified" only when every check was made; else what was not
    // checked and what was left behind.
    QString summary() const;
    bool rolledBack() const { return rollbackStarted.isValid() || cancelRequested.isValid(); }
    QJsonObject toJson() const;
    // markOnTop: the workspace mark heads the page (the PDF draws it on every page instead).
    QString toHtml(const QString &timelineSrc, bool markOnTop = true) const;
    // The workspace mark as it heads every page ("SANDBOX — ..."); empty for a real cell.
    QString markBanner() const;
    // A bar per component (stopped -> available again) with the data step between.
    QImage timeline(int width, qreal devicePixelRatio = 1.0) const;
};

// Writes the report as json, html (timeline embedded) or pdf (A4, page numbers, the workspace
// mark on every page); returns the SHA-256 of the file written.
Result<QString> exportReport(const RestoreReport &report, const QString &format, const QString &path);

} // namespace eic::report
