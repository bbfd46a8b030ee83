#pragma once

#include <QFrame>

class QLabel;

namespace eic::restore {
class RestoreSession;
}

namespace eic::ui {

// The strip on top of every wizard page: which profile, context, cluster and store this restore
// acts on, and a SANDBOX or DRILL marker where it applies. Read again each time a page shows.
class WizardHeader : public QFrame {
    Q_OBJECT
public:
    WizardHeader(const restore::RestoreSession *session, QWidget *parent);
    void refresh();
    QString text() const; // what it shows, in one line (tests, screenshots)

protected:
    void showEvent(QShowEvent *event) override;

private:
    const restore::RestoreSession *m_session;
    QLabel *m_mark;
    QLabel *m_where;
};

} // namespace eic::ui
