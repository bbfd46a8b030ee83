#pragma once

#include "restore/RestorePlan.h"
#include "restore/RestoreRunner.h"

#include <QJsonObject>
#include <QPointer>
#include <QWizard>

#include <functional>
#include <optional>

namespace eic::kube {
class KubeClient;
}

namespace eic::ui {

// Where the wizard works: the cell's client and what the profile knows about its stores.
struct WizardContext {
    kube::KubeClient *client = nullptr;
    QString ns = QStringLiteral("edge-icell");
    QString context;
    QString profile;
    restore::StoreAccess store;
    QString backupFolder;
    QString operatorName;
    // New-instance mode: point the profile at the new address (set by the main window, which
    // owns the profiles); empty: the profile is left as it is.
    std::function<Result<bool>(const QString &address)> updateProfile;
    // The cells to choose from (label, key) and the current one; choosing another asks the main
    // window to connect there and hands back the new context.
    QList<QPair<QString, QStringList>> cells;
    QStringList currentCell;
    std::function<void(const QStringList &cell, std::function<void(const WizardContext &)> done)> chooseCell;
};

// The restore at 2 a.m.: one small page per step (target, pre-flight, plan, cautions, stop,
// data, start, finish). Every page says what happens next and what it costs; nothing changes
// before the cautions page is passed; Cancel from any page asks once and rolls back.
class RestoreWizard : public QWizard {
    Q_OBJECT
public:
    enum Page { TargetPage, PreflightPage, PlanPage, CautionsPage, StopPage, DataPage, StartPage, FinishPage };

    explicit RestoreWizard(WizardContext context, QWidget *parent = nullptr);

    const WizardContext &context() const { return m_context; }
    void setContext(const WizardContext &context) { m_context = context; } // before the run starts
    // Another cell chosen on the first page: a new client and a new survey.
    void retarget(const WizardContext &context);
    // Shared by the pages.
    restore::PlanInput input;           // the survey's facts and the admin's choices
    restore::RestorePlan plan;
    QStringList accepted;
    bool surveyed = false;

    // The run: started by the stop page, followed by the later ones.
    void startRun();
    void confirmData(); // external mode: "I have restored"
    restore::RestoreRunner *runner() const { return m_runner; }
    QList<QJsonObject> events() const { return m_events; }
    bool runStarted() const { return m_started; }
    bool runEnded() const { return m_ended; }
    bool awaitingData() const { return m_awaiting; }
    const restore::RunOutcome &outcome() const { return m_outcome; }
    QString journal() const { return m_journal; }
    void replan();

    // Cancel asks once, then rolls back; rollBack() does it without asking (a close of the main
    // window or a SIGTERM that already asked, or nobody to ask).
    void reject() override;
    void rollBack();
    bool rollingBack() const { return m_cancelAsked && !m_ended; }

Q_SIGNALS:
    void runEvent(const QJsonObject &event);
    void runFinished();
    void dataAwaited(const QStringList &instructions);

private:
    void attach(restore::RestoreRunner *runner);
    WizardContext m_context;
    QPointer<restore::RestoreRunner> m_runner;
    QList<QJsonObject> m_events;
    restore::RunOutcome m_outcome;
    QString m_journal;
    bool m_started = false;
    bool m_ended = false;
    bool m_awaiting = false;
    bool m_cancelAsked = false;
    // The last complete run's downtime, read from the journals once per target (replan runs on
    // every change of mode, on the GUI thread).
    std::optional<cell::RestoreTarget> m_downtimeOf;
    double m_lastDowntime = -1;
};

} // namespace eic::ui
