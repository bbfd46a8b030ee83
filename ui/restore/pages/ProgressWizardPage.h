#pragma once

#include <QWizardPage>

class QLabel;
class QTableWidget;

namespace eic::ui {

class BlockingSessions;
class DowntimeClock;
class RestoreWizard;

// 5. and 7.: per-component progress from the run's events (stopping or starting), the
// downtime so far, and on the stop page who still blocks the wait, with End and Roll back.
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
    DowntimeClock *m_downtime;
    BlockingSessions *m_blocking = nullptr;
    bool m_done = false;
};

} // namespace eic::ui
