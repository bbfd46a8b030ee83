#pragma once

#include <QWizardPage>

class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace eic::ui {

class RestoreWizard;

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
    bool confirmRestored(); // one question, which names the checks that follow
    RestoreWizard *m_wizard;
    QLabel *m_instructions;
    QPushButton *m_restored;
    QProgressBar *m_progress;
    QLabel *m_rate;
    QListWidget *m_log;
    bool m_done = false;
};

} // namespace eic::ui
