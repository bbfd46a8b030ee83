#pragma once

#include <QWizardPage>

class QCheckBox;
class QLabel;
class QLineEdit;
class QVBoxLayout;

namespace eic::ui {

class RestoreWizard;

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

} // namespace eic::ui
