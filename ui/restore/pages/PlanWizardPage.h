#pragma once

#include <QHash>
#include <QWizardPage>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QComboBox;
class QDateTimeEdit;
class QTableWidget;

namespace eic::ui {

class RestoreWizard;

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

} // namespace eic::ui
