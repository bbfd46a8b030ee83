#pragma once

#include <QHash>
#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QComboBox;
class QDateTimeEdit;
class QTableWidget;
class QVBoxLayout;

namespace eic::ui {

class RestoreWizard;

// 1. The store to restore; the message service and built-in stores greyed out with the reason.
class TargetWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit TargetWizardPage(RestoreWizard *wizard);
    void initializePage() override;
    // Another cell of the list (as the combo box does): connects there and reads it.
    void chooseCell(int index);
    bool isComplete() const override;
    bool validatePage() override;

private:
    void survey();
    RestoreWizard *m_wizard;
    QComboBox *m_cell;
    QRadioButton *m_database;
    QRadioButton *m_datastore;
    QRadioButton *m_messageService;
    QLabel *m_status;
};

// 2. A live checklist: components found, permissions, dry-run scales, stores, lock.
class PreflightWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit PreflightWizardPage(RestoreWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;

private:
    RestoreWizard *m_wizard;
    QListWidget *m_checks;
    QLabel *m_summary;
    bool m_passed = false;
};

// 3. The components that stop, with counts and HPA marks; the data-step mode and its choices.
class PlanWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit PlanWizardPage(RestoreWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    void chooseMode(int mode); // 0 external, 1 archive, 2 new instance
    void setArchive(const QString &path);
    // New-instance mode: the new address (conninfo/URI or redis[s]:// URL), tested before Next.
    void setNewAddress(const QString &address);
    void testNewInstance();

private:
    void refresh();
    RestoreWizard *m_wizard;
    QTableWidget *m_components;
    QLabel *m_skipped;
    QButtonGroup *m_modes;
    QComboBox *m_archives;
    QCheckBox *m_usePointInTime;
    QDateTimeEdit *m_pointInTime;
    QLabel *m_modeHelp;
    QLineEdit *m_newAddress;
    QPushButton *m_testNew;
    QLabel *m_newState;
    bool m_newOk = false;
    QHash<QString, QString> m_archiveState; // archive path -> what its verification found
    QHash<QString, bool> m_archiveOk;
};

// 4. One panel per caution with its numbers; destructive ones need the namespace typed.
class CautionsWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CautionsWizardPage(RestoreWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    void acknowledgeAll(); // tests: tick and type everything

private:
    void updateCount();
    RestoreWizard *m_wizard;
    QLabel *m_count;
    QVBoxLayout *m_panels;
    struct Panel {
        QString id;
        bool required;
        QCheckBox *box;
        QLineEdit *typed;
    };
    QList<Panel> m_list;
};

// 5. and 7.: per-component progress from the run's events (stopping or starting).
class ProgressWizardPage : public QWizardPage {
    Q_OBJECT
public:
    ProgressWizardPage(RestoreWizard *wizard, bool stopping);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;

private:
    void onEvent(const QJsonObject &event);
    RestoreWizard *m_wizard;
    bool m_stopping;
    QTableWidget *m_table;
    QLabel *m_state;
    bool m_done = false;
};

// 6. The data step: instructions and "I have restored" (external), progress (archive), or the
// new instance's check.
class DataWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit DataWizardPage(RestoreWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    int nextId() const override;
    QPushButton *restoredButton() const { return m_restored; }
    QListWidget *logList() const { return m_log; }

private:
    void onEvent(const QJsonObject &event);
    RestoreWizard *m_wizard;
    QLabel *m_instructions;
    QPushButton *m_restored;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QListWidget *m_log;
    bool m_done = false;
};

// 8. Checks with results, total downtime, and the report's export.
class FinishWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit FinishWizardPage(RestoreWizard *wizard);
    void initializePage() override;
    // Exports the run's report; returns the SHA-256 (empty on failure, with the reason shown).
    QString exportReport(const QString &format, const QString &path);

private:
    RestoreWizard *m_wizard;
    QLabel *m_outcome;
    QListWidget *m_checks;
    QLabel *m_exported;
};

} // namespace eic::ui
