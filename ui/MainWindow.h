#pragma once

#include "Error.h"
#include "Workspace.h"
#include "cell/ComponentCatalogue.h"
#include "kube/KubeConfig.h"
#include "profiles/Profile.h"

#include <QMainWindow>
#include <QPointer>

#include <functional>
#include <memory>

class QAction;
class QStackedWidget;
class QTableView;

namespace eic::cell {
class CellSession;
}
namespace eic::restore {
struct RunOutcome;
}
namespace eic::sandbox {
class Sandbox;
}
namespace eic::profiles {
class ProfileStore;
class SecretStore;
}

namespace eic::ui {

class CellConnection;
class ComponentFilterModel;
class DashboardView;
class ProfileActions;
class RestoreLauncher;
class SandboxBanner;
class UnfinishedBanner;
class SandboxWorkspace;
class SecretResolver;

// The window: the dashboard of one cell (or the first-run page), the menus, and the sandbox.
// It wires its parts: CellConnection (which cell, the session), DashboardView (what the cell
// reports), ProfileActions, SecretResolver (the keychain), RestoreLauncher (the wizard, an
// unfinished run) and SandboxWorkspace (the sandbox in place of the user's profiles).
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `config` (optional) gives kubeconfig contexts to choose from, `profiles` the saved profiles;
    // `nsOverride` replaces each context's namespace.
    // `start`: Connect opens the context (else the first profile); Welcome shows the first-run page.
    enum class Start { Connect, Welcome };
    MainWindow(std::optional<kube::KubeConfig> config, profiles::ProfileStore *profiles, profiles::SecretStore *secrets,
               const QString &context, const QString &nsOverride, Start start = Start::Connect, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Connects to another context of the kubeconfig (the old session's watches stop).
    bool switchContext(const QString &context);
    // Connects to the cell of a saved profile (its token from the keychain when it has one).
    void switchProfile(const QString &profileId);
    // Profile management; the editor opens window-modal and saves when accepted.
    class ProfileEditor *newProfile();
    class ProfileEditor *editProfile(const QString &profileId);
    bool duplicateProfile(const QString &profileId);
    bool deleteProfile(const QString &profileId);
    QString currentProfileId() const;
    cell::CellSession *session() const;
    QTableView *componentTable() const;
    ComponentFilterModel *filterModel() const;
    QString connectionText() const;
    void copySelectedRows();
    // The restore wizard on the current cell (and the current profile's stores), window-modal.
    class RestoreWizard *openRestoreWizard();
    // At start-up: an unfinished run in the journal is offered for resume, roll back, or a look
    // at its log. Returns whether one was found.
    bool checkUnfinishedRun();
    // A restore of this window is under way (a run waiting for the admin's data step is not).
    bool runInProgress() const;
    // As Roll back: cancels the run and calls `then` once it has finished (bounded by the rollout
    // timeout); at once when nothing runs.
    void cancelRunAndThen(std::function<void(const restore::RunOutcome &)> then);
    // SIGTERM, SIGINT, SIGHUP, the end of the session: a run under way is rolled back first, then
    // the application exits (0: nothing ran or it rolled back; 1: the rollback did not finish).
    void quitSafely(const QString &why);
    // Test seam (EIC_TEST_AUTORUN_RESTORE): an external-mode restore running `dataCommand`.
    void startUnattendedRestore(cell::RestoreTarget target, const QString &dataCommand);
    class BackupsView *openBackups();
    class ReportsView *openReports();
    // "Last database backup: N days ago" for the current profile, warning past one day.
    void updateBackupAge();
    QString backupAgeText() const;

    // The first-run page (no profile yet), until a cell is opened.
    void showWelcome();
    class WelcomePage *welcomePage() const { return m_welcome; }
    bool showingWelcome() const;
    // The sandbox: a simulated cell with throwaway stores and a ready profile of its own. While it
    // is active the window shows only the sandbox's profile, under a banner; stopping it (or
    // quitting) removes everything and returns to what was open before.
    void startSandbox();
    void stopSandbox();
    bool sandboxActive() const;
    sandbox::Sandbox *sandbox() const;
    QWidget *sandboxBanner() const;
    // The band above the dashboard while a restore's journal has no end, and its Restore-menu
    // entry "Unfinished restore…": both shown until the run is resolved.
    UnfinishedBanner *unfinishedBanner() const { return m_unfinishedBanner; }
    QAction *unfinishedAction() const { return m_unfinishedAction; }
    class AboutDialog *openAbout();
    class ProcedureDialog *openProcedure();

Q_SIGNALS:
    void sessionChanged();
    void sandboxReady();
    void sandboxFailed(const QString &message);
    void sandboxStopped();

protected:
    // Quitting (a closeEvent that asks while a restore runs, SIGTERM) is decided by the window,
    // not by its parts; the runs it would ask about start in RestoreLauncher.
    void closeEvent(QCloseEvent *event) override;

private:
    void buildPages();
    void buildCellMenu();
    void buildRestoreMenu();
    void buildHelpMenu();
    void wireParts();
    void openAtStart(const QString &context, Start start);
    void showSession();
    void createWelcome();
    void sandboxStartFailed(const Error &error);
    void enterSandbox();
    void reopen(const CellChoice &before);
    void showUnfinished();
    const profiles::Profile *currentProfile() const;

    // Before the parts: they keep its address.
    Workspace m_workspace;
    SecretResolver *m_secrets = nullptr;
    CellConnection *m_cell = nullptr;
    ProfileActions *m_profileActions = nullptr;
    RestoreLauncher *m_restores = nullptr;
    QStackedWidget *m_pages = nullptr;
    DashboardView *m_dashboard = nullptr;
    class WelcomePage *m_welcome = nullptr;
    QPointer<class BackupsView> m_backups;
    SandboxBanner *m_sandboxBanner = nullptr;
    UnfinishedBanner *m_unfinishedBanner = nullptr;
    QAction *m_unfinishedAction = nullptr;
    QAction *m_sandboxStart = nullptr;
    QAction *m_sandboxStop = nullptr;
    std::unique_ptr<SandboxWorkspace> m_sandbox;
    bool m_quitting = false; // a signal or the session's end: rolling back, then exit
    bool m_closing = false;  // "Roll back and close": rolling back, then close
};

} // namespace eic::ui
