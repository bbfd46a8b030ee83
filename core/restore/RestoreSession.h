#pragma once

#include "RestorePlan.h"
#include "RestoreRunner.h"
#include "RestoreSummary.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace eic::kube {
class KubeClient;
}

namespace eic::restore {

// Where a restore session works: the cell's client and what the profile knows about its stores.
struct SessionContext {
    kube::KubeClient *client = nullptr;
    QString ns = QStringLiteral("edge-icell");
    QString context;
    QString clusterUrl; // the API server, as the header shows it
    QString profile;
    QString mark; // "sandbox", "drill" or empty: shown on every page and in the report
    StoreAccess store;
    QString backupFolder;
    QString operatorName;
    // New-instance mode: point the profile at the new address (set by the main window, which
    // owns the profiles); empty: the profile is left as it is.
    std::function<Result<bool>(const QString &address)> updateProfile;
    // The cells to choose from (label, key) and the current one; choosing another asks the main
    // window to connect there and hands back the new context.
    QList<QPair<QString, QStringList>> cells;
    QStringList currentCell;
    std::function<void(const QStringList &cell, std::function<void(const SessionContext &)> done)> chooseCell;
};

// Where a run is, as the pages and the roll-back question need it.
enum class SessionPhase { Planning, Stopping, Quiescing, Data, AwaitingData, Starting, Verifying, RollingBack, Ended };

// The wizard's state without a widget: the survey's facts, the admin's choices and
// acknowledgements (each with when it was ticked), the plan, and the run it starts, follows,
// confirms or rolls back. The pages are views over it; a test can drive it alone.
class RestoreSession : public QObject {
    Q_OBJECT
public:
    explicit RestoreSession(SessionContext context, QObject *parent = nullptr);

    const SessionContext &context() const { return m_context; }
    void setContext(const SessionContext &context) { m_context = context; } // before the run starts
    void retarget(const SessionContext &context); // another cell: a new survey

    PlanInput input;
    RestorePlan plan;
    bool surveyed = false;
    QString ticket; // a change or ticket reference; optional
    void replan();

    // Acknowledgements: ticked (with the time) or unticked; accepted() in the plan's order.
    void acknowledge(const QString &cautionId, bool ticked);
    QStringList accepted() const;
    QHash<QString, QDateTime> acknowledgedAt() const { return m_ackAt; }
    // The confirmation asked once for a destructive restore: the profile's name, else the host.
    QString confirmationWord() const { return restore::confirmationWord(m_context.profile, m_context.clusterUrl, m_context.context); }
    // Never by an empty word: with nothing to type, nothing confirms.
    bool confirms(const QString &typed) const { return !confirmationWord().isEmpty() && typed.trimmed() == confirmationWord(); }
    QString storeAddress() const { return storeAddressOf(m_context.store, input.target); }
    SummaryFacts summaryFacts() const;
    QString summary() const { return planSummary(plan, summaryFacts()); }

    void startRun();
    void confirmData();   // external mode: "I have restored"
    void rollBack();      // cancel: the rollback starts at once
    void endSessions();   // the quiescence wait: end the components' sessions now

    SessionPhase phase() const { return m_phase; }
    bool runStarted() const { return m_started; }
    bool runEnded() const { return m_ended; }
    bool awaitingData() const { return m_awaiting; }
    bool rollingBack() const { return m_cancelAsked && !m_ended; }
    const RunOutcome &outcome() const { return m_outcome; }
    QString journal() const { return m_journal; }
    RestoreRunner *runner() const { return m_runner; }
    QList<QJsonObject> events() const { return m_events; }
    // When the first component was scaled to 0 (invalid: nothing is down yet) and, once all are
    // available again, when the last came back.
    QDateTime downSince() const { return m_downSince; }
    QDateTime upAgain() const { return m_upAgain; }
    // The last sessions-waiting event (who still blocks the quiescence wait); empty: nobody.
    QJsonObject blocking() const { return m_blocking; }
    DataState dataState() const { return m_data; }
    // The roll-back question's text, by phase: nothing written yet, or what the store may hold.
    QString rollBackQuestion() const;

Q_SIGNALS:
    void runEvent(const QJsonObject &event);
    void phaseChanged(eic::restore::SessionPhase phase);
    void runFinished();
    void dataAwaited(const QStringList &instructions);

private:
    void attach(RestoreRunner *runner);
    void follow(const QJsonObject &event);
    void setPhase(SessionPhase phase);
    RunRequest baseRequest() const;

    SessionContext m_context;
    QPointer<RestoreRunner> m_runner;
    QList<QJsonObject> m_events;
    RunOutcome m_outcome;
    QString m_journal;
    QHash<QString, QDateTime> m_ackAt;
    SessionPhase m_phase = SessionPhase::Planning;
    DataState m_data = DataState::NotStarted;
    QDateTime m_downSince;
    QDateTime m_upAgain;
    QJsonObject m_blocking;
    bool m_started = false;
    bool m_ended = false;
    bool m_awaiting = false;
    bool m_cancelAsked = false;
    // The last complete run's downtime, read from the journals once per target.
    std::optional<cell::RestoreTarget> m_downtimeOf;
    double m_lastDowntime = -1;
};

} // namespace eic::restore
