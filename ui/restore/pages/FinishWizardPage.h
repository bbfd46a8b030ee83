#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;

namespace eic::ui {

class RestoreWizard;

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
