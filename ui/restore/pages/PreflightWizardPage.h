#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;

namespace eic::ui {

class RestoreWizard;

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
    int m_notChecked = 0; // a pre-flight that passed says what it could not check
};

} // namespace eic::ui
