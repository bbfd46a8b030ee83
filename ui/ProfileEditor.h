#pragma once

#include "profiles/Profile.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTabWidget;

namespace eic::profiles {
class ConnectionTester;
class SecretStore;
struct TestOutcome;
}

namespace eic::ui {

// The profile editor: the cell (a kubeconfig context, or server + CA + token), the database,
// the data store, backups and notes; problems shown inline as fields change (OK stays disabled
// until there are none); a Test button per connection with its result in place. Secrets typed
// here go to the keychain on OK; left empty, a stored secret is kept.
class ProfileEditor : public QDialog {
    Q_OBJECT
public:
    ProfileEditor(const profiles::Profile &initial, profiles::SecretStore *secrets, QWidget *parent = nullptr);

    profiles::Profile profile() const;
    // What was typed for a secret (empty: keep what is stored).
    QString typedSecret(profiles::SecretKind kind) const;
    QStringList problems() const;
    // The connections whose last Test of the values now in the fields failed, with the reason
    // ("database: password authentication failed…"). Changing a tested value clears it.
    QStringList failedTests() const;

Q_SIGNALS:
    void testFinished(const QString &connection, bool ok);

private:
    QWidget *cellTab();
    QWidget *databaseTab();
    QWidget *datastoreTab();
    QWidget *backupTab();
    void load(const profiles::Profile &p);
    void revalidate();
    void fillContexts();
    void runTest(const QString &connection);
    void showOutcome(QLabel *label, const profiles::TestOutcome &outcome);
    // Save (OK): a connection whose last Test failed is saved only if the admin says so.
    void confirmSave();
    // What a Test of `connection` depends on (its fields and typed secret), as a digest.
    QByteArray testedValues(const QString &connection) const;
    QLineEdit *fileField(QWidget *parent, const QString &objectName, const QString &caption, bool directory, QLayout **row);

    profiles::Profile m_initial;
    profiles::SecretStore *m_secrets;
    profiles::ConnectionTester *m_tester;
    QLineEdit *m_name;
    QTabWidget *m_tabs;
    // cell
    QRadioButton *m_fromKubeconfig = nullptr;
    QRadioButton *m_manual = nullptr;
    QLineEdit *m_kubeconfig = nullptr;
    QComboBox *m_context = nullptr;
    QLineEdit *m_server = nullptr;
    QLineEdit *m_cellCa = nullptr;
    QLineEdit *m_token = nullptr;
    QCheckBox *m_insecure = nullptr;
    QLineEdit *m_namespace = nullptr;
    QLabel *m_cellResult = nullptr;
    // database
    QComboBox *m_dbKind = nullptr;
    QLineEdit *m_dbHost = nullptr;
    QSpinBox *m_dbPort = nullptr;
    QLineEdit *m_dbName = nullptr;
    QLineEdit *m_dbUser = nullptr;
    QLineEdit *m_dbPassword = nullptr;
    QComboBox *m_sslmode = nullptr;
    QLineEdit *m_sslrootcert = nullptr;
    QLineEdit *m_dbService = nullptr;
    QLabel *m_dbResult = nullptr;
    // datastore
    QComboBox *m_dsKind = nullptr;
    QComboBox *m_product = nullptr;
    QComboBox *m_topology = nullptr;
    QLineEdit *m_masterName = nullptr;
    QLineEdit *m_hosts = nullptr;
    QCheckBox *m_tls = nullptr;
    QLineEdit *m_dsCa = nullptr;
    QLineEdit *m_serverName = nullptr;
    QLineEdit *m_dsUser = nullptr;
    QLineEdit *m_dsPassword = nullptr;
    QSpinBox *m_dsDatabase = nullptr;
    QLabel *m_dsResult = nullptr;
    // backups
    QLineEdit *m_backupFolder = nullptr;
    QPlainTextEdit *m_notes = nullptr;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
    struct FailedTest {
        QString reason;
        QByteArray values; // testedValues() when the Test started
    };
    QHash<QString, FailedTest> m_failed; // by connection
};

} // namespace eic::ui
