#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace eic::restore {
struct JournalState;
}

namespace eic::ui {

// The amber band above the dashboard while a restore's journal has no end: which run, on which
// cell, since when and by whom, which components may be at 0, and what can be done about it.
// It stays until the run is resolved (resumed to its end, rolled back); RestoreLauncher decides
// what it says and whether its actions may act (never on another cell than the run's).
class UnfinishedBanner : public QWidget {
    Q_OBJECT
public:
    explicit UnfinishedBanner(QWidget *parent = nullptr);

    // `actionable`: Resume and Roll back act on the open cell (false: only Details). `resumeLabel`
    // names the first action ("Resume…", or "Continue…" for a run that waits for the data step).
    void showRun(const QString &text, bool actionable, const QString &resumeLabel);
    QString text() const;

    // "An unfinished restore of the database on … (started … by …, step …): the components … may
    // be at 0.", then what stands in the way: `otherCell` (why the open cell is not the run's), no
    // cell open, or a data step the admin has yet to confirm.
    static QString describe(const restore::JournalState &run, const QString &otherCell, bool connected);
    // The run's operator; "unknown user" for a journal of an older version that left it empty.
    static QString operatorOf(const restore::JournalState &run);
    // Where the run ran: the API server and namespace of its cell identity (or its context).
    static QString cellOf(const restore::JournalState &run);

Q_SIGNALS:
    void resumeRequested();
    void rollBackRequested();
    void detailsRequested();

private:
    QLabel *m_text = nullptr;
    QPushButton *m_resume = nullptr;
    QPushButton *m_rollBack = nullptr;
};

} // namespace eic::ui
