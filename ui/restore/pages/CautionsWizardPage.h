#pragma once

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace eic::ui {

class RestoreWizard;

// 4. The summary of what starts now (where, what, how long), one panel per caution with its
// numbers, an optional ticket reference, and, when a caution destroys, the profile's name typed
// once: a typo is shown as one.
class CautionsWizardPage : public QWizardPage {
    Q_OBJECT
public:
    explicit CautionsWizardPage(RestoreWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;
    void acknowledgeAll(); // tests: tick everything and type the confirmation

private:
    void updateCount();
    bool confirmed() const;
    bool destructive() const;
    RestoreWizard *m_wizard;
    QLabel *m_summary;
    QLabel *m_count;
    QVBoxLayout *m_panels;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    QLabel *m_typo;
    QLineEdit *m_ticket;
    struct Panel {
        QString id;
        bool required;
        bool destructive;
        QCheckBox *box;
    };
    QList<Panel> m_list;
};

} // namespace eic::ui
