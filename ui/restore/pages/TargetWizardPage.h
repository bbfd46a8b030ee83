#pragma once

#include <QWizardPage>

class QLabel;
class QRadioButton;
class QComboBox;

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

} // namespace eic::ui
