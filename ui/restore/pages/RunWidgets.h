#pragma once

#include <QGroupBox>
#include <QJsonObject>
#include <QLabel>
#include <QTimer>

class QPushButton;
class QTableWidget;

namespace eic::restore {
class RestoreSession;
}

namespace eic::ui {

// "The components are down since 02:13:05 — 1 min 12 s", counting every second while they are
// down; "They were down for …" once they are back. Hidden before anything stops.
class DowntimeClock : public QLabel {
    Q_OBJECT
public:
    DowntimeClock(const restore::RestoreSession *session, QWidget *parent);
    void refresh();

private:
    const restore::RestoreSession *m_session;
    QTimer m_tick;
};

// Who still blocks the quiescence wait: each session of a stopped component (name, address,
// since), the deadline and what happens at it, with [End these sessions] and [Roll back…].
// Hidden while nobody blocks.
class BlockingSessions : public QGroupBox {
    Q_OBJECT
public:
    BlockingSessions(restore::RestoreSession *session, QWidget *parent);
    void setWaiting(const QJsonObject &waiting); // a sessions-waiting event; empty: nobody blocks

Q_SIGNALS:
    void rollBackRequested();

private:
    void updateDeadline();
    restore::RestoreSession *m_session;
    QTableWidget *m_table;
    QLabel *m_deadline;
    QPushButton *m_end;
    QPushButton *m_rollBack;
    QJsonObject m_waiting;
    QTimer m_tick;
};

} // namespace eic::ui
