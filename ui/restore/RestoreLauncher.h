#pragma once

#include "cell/ComponentCatalogue.h"
#include "restore/Journal.h"
#include "restore/ResumeDecision.h"
#include "restore/RunRequest.h"

#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class QMainWindow;

namespace eic::restore {
class RestoreRunner;
struct SessionContext;
}

namespace eic::ui {

class CellConnection;
class RestoreWizard;
class SecretResolver;
using WizardContext = restore::SessionContext;
struct Workspace;

// Where the window starts restores: the wizard on the open cell and profile, and at start-up
// the offer to finish (or roll back) a run the journal says did not finish.
class RestoreLauncher : public QObject {
    Q_OBJECT
public:
    RestoreLauncher(const Workspace *workspace, CellConnection *cell, SecretResolver *secrets, QMainWindow *window);

    // The restore wizard, window-modal, shown once the profile's store passwords are read.
    RestoreWizard *openWizard();
    // The wizard as the menu opens it, on this backup: archive mode with `path` chosen on the
    // plan page once the target page has chosen `target` (the backups view's "Restore this backup…").
    RestoreWizard *restoreBackup(const QString &path, cell::RestoreTarget target);
    // An unfinished run in the journal is offered for resume, roll back, or a look at its log.
    // Returns whether one was found.
    bool offerUnfinishedRun();

    // The unfinished run the window shows (its banner, the Restore menu's entry): the newest
    // journal without an end that no run of this window carries on. Read again when a run ends
    // and when another cell or profile opens; unfinishedChanged() says so.
    void rescanUnfinished();
    bool hasUnfinished() const { return m_unfinished.has_value(); }
    QString unfinishedText() const;
    // Resume and Roll back may act: a cell is open and it is the run's (as far as it is known).
    bool unfinishedActionable() const;
    bool unfinishedAwaitsData() const;
    // The banner's actions. Each asks first; Resume asks for a store password the profile has not
    // saved. Nothing happens when the open cell is not the run's.
    void resumeUnfinished();
    void rollBackUnfinished();
    void showUnfinishedDetails();

Q_SIGNALS:
    void unfinishedChanged();

public:
    // A run of this window under way (the wizard's, a resume, a roll back): a close or a SIGTERM
    // rolls it back first. A run waiting for the admin's data step is not under way: the journal
    // keeps it and the next start offers it.
    bool runInProgress() const;
    bool runAwaitingData() const;
    bool rollingBack() const { return m_rollingBack; }
    // What a close asks about: the cell, the components stopped, what the store may hold.
    QString runAtStakeText() const;
    // As Roll back: the run is cancelled (one awaiting data is rolled back from its journal), and
    // `then` gets its outcome once it has finished, or a failure after `boundMs`; at once without a run.
    void cancelRunAndThen(std::function<void(const restore::RunOutcome &)> then, int boundMs);
    // Test seam (EIC_TEST_AUTORUN_RESTORE): an external-mode restore with `dataCommand` on the open
    // cell, its cautions acknowledged, without the wizard.
    void startUnattended(cell::RestoreTarget target, const QString &dataCommand);
    void closeWizard();

private:
    restore::RestoreRunner *activeRunner() const;
    void track(restore::RestoreRunner *runner);
    void noteEvent(const QJsonObject &event);
    WizardContext wizardContext() const;
    // Another cell on the wizard's first page: the dashboard connects there too (one cell at a
    // time, so what the admin sees is what the wizard restores), then the wizard follows.
    void chooseCell(RestoreWizard *wizard, const QStringList &key, std::function<void(const WizardContext &)> done);
    // The open profile (its name, backups and stores) into the wizard's context, then shown.
    void addProfile(RestoreWizard *wizard);
    // `then` (optional) gets the outcome once the resumed run has finished.
    void resume(const QString &journal, bool rollBack, std::function<void(const restore::RunOutcome &)> then = {});
    void resume(const QString &journal, restore::ResumeCommand command, std::function<void(const restore::RunOutcome &)> then = {});
    // A resume writes into the store again: a password the profile has not saved is asked for, for
    // this run only (never logged, never kept). `then` is not called when the admin cancels.
    void completeStoreAccess(const restore::JournalState &run, restore::StoreAccess stores, std::function<void(const restore::StoreAccess &)> then);
    // Why the open cell is not the run's, from what the connection says without asking it (the API
    // server, its CA, the namespace); empty: it may be. Then the UIDs are read to be sure.
    QString otherCellThan(const restore::JournalState &run) const;
    void confirmCellIdentity(quint64 scan);
    void setUnfinished(std::optional<restore::JournalState> run);
    void showJournal(const QString &path, const QString &runId);

    const Workspace *m_workspace;
    CellConnection *m_cell;
    SecretResolver *m_secrets;
    QMainWindow *m_window;
    QPointer<RestoreWizard> m_wizard;
    QList<QPointer<restore::RestoreRunner>> m_runs; // resumes, roll backs, the test seam's run
    QSet<QString> m_stopped;                         // components the runs scaled to 0 and not back yet
    QString m_runCell;
    QString m_awaitingJournal; // a run of this window (not the wizard's) waits for the admin's data step
    bool m_rollingBack = false; // no dialog at the end: the window closes or the app exits then
    std::optional<restore::JournalState> m_unfinished;
    QString m_otherCell; // why the open cell is not the unfinished run's; empty: it is (or may be)
    quint64 m_scan = 0;  // a newer scan makes an identity read under way stale
};

} // namespace eic::ui
