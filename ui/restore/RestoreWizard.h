#pragma once

#include "restore/RestoreSession.h"

#include <QWizard>

namespace eic::ui {

using WizardContext = restore::SessionContext;

// The restore at 2 a.m.: one small page per step (target, pre-flight, plan, cautions, stop,
// data, start, finish), each a view over one RestoreSession, which holds the state and talks to
// the engine. Every page says which cell and store it acts on and what happens next; nothing
// changes before the cautions page is passed; Cancel from any page asks once and rolls back.
class RestoreWizard : public QWizard {
    Q_OBJECT
public:
    enum Page { TargetPage, PreflightPage, PlanPage, CautionsPage, StopPage, DataPage, StartPage, FinishPage };

    explicit RestoreWizard(WizardContext context, QWidget *parent = nullptr);

    restore::RestoreSession *session() const { return m_session; }
    // The session's, for the main window and the launcher.
    const WizardContext &context() const { return m_session->context(); }
    void setContext(const WizardContext &context) { m_session->setContext(context); }
    void retarget(const WizardContext &context);
    restore::RestoreRunner *runner() const { return m_session->runner(); }
    QList<QJsonObject> events() const { return m_session->events(); }
    bool runStarted() const { return m_session->runStarted(); }
    bool runEnded() const { return m_session->runEnded(); }
    bool awaitingData() const { return m_session->awaitingData(); }
    const restore::RunOutcome &outcome() const { return m_session->outcome(); }
    QString journal() const { return m_session->journal(); }
    bool rollingBack() const { return m_session->rollingBack(); }

    // Cancel asks once (in the words of the phase; the question closes by itself if the run
    // ends under it), then rolls back; rollBack() does it without asking (a close of the main
    // window or a SIGTERM that already asked, or nobody to ask).
    void reject() override;
    void rollBack() { m_session->rollBack(); }

Q_SIGNALS:
    void runEvent(const QJsonObject &event);
    void runFinished();
    void dataAwaited(const QStringList &instructions);

private:
    restore::RestoreSession *m_session;
    bool m_asking = false;
};

} // namespace eic::ui
