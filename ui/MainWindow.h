#pragma once

#include "kube/KubeConfig.h"
#include "profiles/Profile.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

#include "restore/RestoreRunner.h"

#include <functional>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace eic::cell {
class CellSession;
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
    MainWindow(std::optional<kube::KubeConfig> config, profiles::ProfileStore *profiles, profiles::SecretStore *secrets,
               const QString &context, const QString &nsOverride, QWidget *parent = nullptr);
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

Q_SIGNALS:
    void sessionChanged();

private:
    void profileStores(std::function<void(const profiles::Profile *, const restore::StoreAccess &)> then);
    void buildUi();
    void rebuildCellChooser();
    bool connectTo(const kube::ResolvedContext &context);
    class ProfileEditor *openEditor(const profiles::Profile &profile, bool isNew);
    void saveFromEditor(class ProfileEditor *editor, bool isNew);
    void updateConnection();
    void updateMessageService();

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
};

} // namespace eic::ui
