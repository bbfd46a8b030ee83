#pragma once

#include "kube/KubeConfig.h"
#include "profiles/Profile.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "restore/RestoreRunner.h"

#include <functional>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;

namespace eic::cell {
class CellSession;
}
namespace eic::sandbox {
class Sandbox;
}
namespace eic::profiles {
class ProfileStore;
class SecretStore;
class MemorySecretStore;
}

namespace eic::ui {

class ComponentFilterModel;
class LogPane;

// The dashboard: the connection (context, cluster, namespace, live state, TLS warning), the
// component table, the message service and built-in stores, and the log. Everything on it
// comes from the cell's watches.
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
    QString currentProfileId() const { return m_profileId; }
    cell::CellSession *session() const { return m_session.get(); }
    QTableView *componentTable() const { return m_table; }
    ComponentFilterModel *filterModel() const { return m_filter; }
    QString connectionText() const;
    void copySelectedRows();
    // The restore wizard on the current cell (and the current profile's stores), window-modal.
    class RestoreWizard *openRestoreWizard();
    // At start-up: an unfinished run in the journal is offered for resume, roll back, or a look
    // at its log. Returns whether one was found.
    bool checkUnfinishedRun();
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
    sandbox::Sandbox *sandbox() const { return m_sandbox.get(); }
    QWidget *sandboxBanner() const { return m_sandboxBanner; }
    class AboutDialog *openAbout();
    class ProcedureDialog *openProcedure();

Q_SIGNALS:
    void sessionChanged();
    void sandboxReady();
    void sandboxFailed(const QString &message);
    void sandboxStopped();

private:
    void profileStores(std::function<void(const profiles::Profile *, const restore::StoreAccess &)> then);
    void buildUi();
    void rebuildCellChooser();
    bool connectTo(const kube::ResolvedContext &context);
    class ProfileEditor *openEditor(const profiles::Profile &profile, bool isNew);
    void saveFromEditor(class ProfileEditor *editor, bool isNew);
    void updateConnection();
    void updateMessageService();
    void enterSandbox();
    void showDashboard();

    std::optional<kube::KubeConfig> m_config;
    profiles::ProfileStore *m_profiles;
    profiles::SecretStore *m_secrets;
    profiles::MemorySecretStore *m_sessionSecrets;
    QString m_profileId;
    QString m_nsOverride;
    std::unique_ptr<cell::CellSession> m_session;
    QComboBox *m_cells = nullptr;
    QLabel *m_connection = nullptr;
    QLabel *m_backupAge = nullptr;
    QPointer<class BackupsView> m_backups;
    QLabel *m_tlsWarning = nullptr;
    QComboBox *m_filterChoice = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    ComponentFilterModel *m_filter = nullptr;
    QLabel *m_messageService = nullptr;
    QLabel *m_builtin = nullptr;
    LogPane *m_log = nullptr;
    QTimer m_countdown;

    QStackedWidget *m_pages = nullptr;
    QWidget *m_dashboard = nullptr;
    class WelcomePage *m_welcome = nullptr;
    QWidget *m_sandboxBanner = nullptr;
    QLabel *m_sandboxText = nullptr;
    QAction *m_sandboxStart = nullptr;
    QAction *m_sandboxStop = nullptr;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<profiles::ProfileStore> m_sandboxProfiles;
    std::unique_ptr<profiles::MemorySecretStore> m_sandboxSecrets;
    // What the sandbox replaced, put back when it stops.
    profiles::ProfileStore *m_savedProfiles = nullptr;
    profiles::SecretStore *m_savedSecrets = nullptr;
    std::optional<kube::KubeConfig> m_savedConfig;
    QString m_savedProfileId;
    QString m_savedContext;
    std::optional<QByteArray> m_savedRunsDir;
};

} // namespace eic::ui
