#pragma once

#include "Journal.h"
#include "ResumeDecision.h"
#include "RunContext.h"
#include "RunRequest.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QObject>

#include <memory>

namespace eic::kube {
class KubeClient;
}

namespace eic::restore {

class Rollback;
class Step;

// Runs a plan: a short loop over plan.steps, each step a class under steps/ (the vendor's
// procedure, in order). Every event goes through one RunWriter (journaled, fsynced, then
// emitted). A failure or a cancel hands over to Rollback; resume() decides from the replayed
// journal (ResumeDecision) after checking that this is the run's cell and store and after
// ending any process the interrupted run left behind.
class RestoreRunner : public QObject {
    Q_OBJECT
public:
    enum Exit { Done = ExitDone, Failed = ExitFailed, CautionMissing = ExitCautionMissing, PreflightFailed = ExitPreflightFailed,
                NeedsResume = ExitNeedsResume, LeftBehind = ExitLeftBehind };

    RestoreRunner(kube::KubeClient *client, QObject *parent = nullptr);
    ~RestoreRunner() override;

    void start(const RunRequest &request);
    // Pre-flight only (permissions, dry-run scales, stores, lock free, archive): changes nothing.
    void dryRun(const RunRequest &request);
    // An interrupted run: finish it, confirm its data step (continue) or roll it back (abort).
    // request.store: the store as this command reaches it; expectedNamespace: the namespace
    // the command names (empty: the journal's).
    void resume(const QString &journalPath, const RunRequest &request, ResumeCommand command, const QString &expectedNamespace = {});
    void resume(const QString &journalPath, const RunRequest &request, bool abort, bool dataConfirmed)
    {
        resume(journalPath, request, abort ? ResumeCommand::Abort : dataConfirmed ? ResumeCommand::Continue : ResumeCommand::Resume);
    }
    // No journal, but deployments carry eic-restore/original-replicas: put them back.
    void abortFromAnnotations(const QString &ns);
    // Takes effect at once in every step: the step is ended and the rollback starts. A second
    // cancel during the rollback is answered (the rollback is never interrupted).
    void cancel();
    // The quiescence wait: end the stopped components' sessions now (the admin's "End these
    // sessions", journaled as the terminate-sessions acknowledgement). Elsewhere: nothing.
    void endSessions();

    bool running() const { return m_running && !m_finished; }
    // The components may be down: from the stop step until the rollout (what a close must ask about).
    bool componentsMayBeDown() const;
    // The data step is under way or was interrupted: what a rollback question must say.
    DataState dataState() const { return m_run.data; }

Q_SIGNALS:
    void event(const QJsonObject &event);
    // External mode without a command: components are stopped, the admin restores now.
    void awaitingData(const QStringList &instructions);
    void finished(const eic::restore::RunOutcome &outcome);

private:
    void bind(const QString &ns, const QString &holder);
    void runStep(qsizetype index);
    void stepEnded(qsizetype index, Step *step, const Result<bool> &r, double seconds);
    void preflightFailed(const Error &error);
    void complete();
    void cancelNow();
    void rollback(const QString &reason);
    void finish(RunOutcome outcome);
    void finish(int exitCode, const QString &message, const QString &outcome = {});
    qsizetype indexOf(const QString &stepId) const;
    // resume
    void checkBinding(const JournalState &state, const QString &expectedNamespace, std::function<void()> then);
    void checkStoreBinding(const JournalState &state, std::function<void()> then);
    void endSurvivors(std::function<void()> then);
    void observe(std::function<void()> then);
    void carryOut(const ResumeDecision &decision);
    void confirmData();

    kube::KubeClient *m_client;
    RunContext m_run;
    std::unique_ptr<kube::DeploymentScaler> m_scaler;
    Step *m_current = nullptr;
    QString m_currentId;
    Rollback *m_rollback = nullptr;
    bool m_running = false;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_aborting = false; // the admin asked for the rollback: it is the command's success
    bool m_stopped = false;  // a step that scales to 0 has started
};

} // namespace eic::restore
