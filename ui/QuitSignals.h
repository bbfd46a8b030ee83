#pragma once

#include <QObject>

class QSocketNotifier;

namespace eic::ui {

// SIGTERM (kill, logout), SIGINT (Ctrl-C) and SIGHUP (a lost terminal or X session) as a Qt
// signal on the event loop: the handler only writes the signal's number to a socketpair (the
// one thing that is async-signal-safe), a QSocketNotifier reads it. Without this a SIGTERM ends
// the process at once and leaves the cell's components at 0 replicas.
class QuitSignals : public QObject {
    Q_OBJECT
public:
    explicit QuitSignals(QObject *parent = nullptr);
    ~QuitSignals() override;

    bool ok() const { return m_notifier != nullptr; }
    static QString nameOf(int signo);

Q_SIGNALS:
    void received(int signo);

private:
    void read();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace eic::ui
