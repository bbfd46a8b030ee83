#pragma once

#include "Error.h"
#include "Events.h"
#include "Journal.h"

#include <QJsonObject>
#include <QObject>

#include <memory>
#include <optional>

namespace eic::restore {

// The one writer of a run's events: each is appended to the journal and fsynced, then emitted
// (the UI, eicctl and the report see only what is on disk). Without a journal (a dry run) the
// events are only emitted. The crash seam lives here: EIC_TEST_CRASH_AT=event[:step] raises
// SIGKILL right after that line is on disk.
class RunWriter : public QObject {
    Q_OBJECT
public:
    explicit RunWriter(QObject *parent = nullptr);

    void attach(std::unique_ptr<Journal> journal);
    bool hasJournal() const { return m_journal != nullptr; }
    QString runId() const { return m_journal ? m_journal->runId() : QString(); }
    QString path() const { return m_journal ? m_journal->path() : QString(); }

    // Journaled, then emitted; returns the event as written (with its time).
    QJsonObject log(ev::Name name, QJsonObject fields = {});
    // Emitted only (live progress: pods, sessions waiting, data progress).
    void live(ev::Name name, QJsonObject fields = {});
    // A check with one of its three outcomes; `why` says why it failed or was not made.
    void check(const QString &check, CheckOutcome outcome, const QString &why = {}, QJsonObject fields = {});

    // The first write that failed: the run stops at the next step boundary.
    const std::optional<Error> &error() const { return m_error; }

Q_SIGNALS:
    void event(const QJsonObject &event);

private:
    std::unique_ptr<Journal> m_journal;
    std::optional<Error> m_error;
    QString m_crashAt;
};

} // namespace eic::restore
