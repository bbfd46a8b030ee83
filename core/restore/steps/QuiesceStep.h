#pragma once

#include "Step.h"
#include "stores/StoreProbe.h"

#include <QDeadlineTimer>
#include <QJsonObject>
#include <QTimer>

#include <memory>

namespace eic::restore {

// Wait until no pod of the stopped components exists (terminating ones included), then until
// no session of theirs remains in the store: by name (application_name, client name) or by the
// address of one of their pods. Other clients are left alone; with terminate-sessions
// acknowledged, the components' sessions are ended. One connection polls every 0.5 s.
class QuiesceStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;
    // Terminate-sessions acknowledged during the wait: end them at the next poll, now.
    void endNow();

private:
    bool podsGone();
    void pollSessions();
    bool isComponentSession(const stores::StoreSession &s) const;

    Done m_done;
    std::unique_ptr<stores::StoreProbe> m_probe;
    QDeadlineTimer m_deadline;
    QTimer m_poll;
    QJsonObject m_lastPods;
    QString m_lastWaiting;
    bool m_polling = false; // a sessions query is in flight
};

} // namespace eic::restore
