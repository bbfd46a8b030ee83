#pragma once

#include "kube/KubeConfig.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

namespace eic::kube {
class KubeClient;
}

namespace eic::cell {

// Whether the cluster's API server still answers, to the second. A watch that stays open but
// says nothing (a frozen API server, a half-open TCP connection) looks live to a reflector for
// minutes; this does not. Every answer counts (a list page, watch bytes, a bookmark, a probe);
// when nothing else arrives, a light GET /version checks, one at a time. The probe is
// anonymous, on a client of its own: it never runs an exec plugin again and never waits
// behind the watches for a connection; any HTTP answer (401 and 403 too) is contact.
class ContactWatch : public QObject {
    Q_OBJECT
public:
    // Reachable: an answer within kStaleAfterMs. Stale: none since, and nothing says why (the
    // server is silent). Unreachable: none since, and a probe failed (refused, TLS, 5xx).
    enum class State { Reachable, Stale, Unreachable };

    // The header leaves "live" within 5 s of the last answer (the check runs twice a second).
    // A probe follows 2 s after the last answer of any kind: on a quiet cell that is one light
    // request every 2 s, two answers inside the threshold even when one is slow.
    static constexpr int kStaleAfterMs = 4000;
    static constexpr int kProbeIntervalMs = 2000;
    static constexpr int kProbeTimeoutMs = 8000;
    static constexpr int kCheckIntervalMs = 500;

    explicit ContactWatch(const kube::ResolvedContext &context, QObject *parent = nullptr);
    ~ContactWatch() override;

    void start();
    void stop();
    // Something came from the cluster.
    void heard();

    State state() const { return m_state; }
    // When the cluster last answered (invalid before the first answer).
    QDateTime lastContact() const { return m_lastContact; }
    // Since the last answer, or since start() before the first one; while not Reachable, the
    // figure last announced by stateChanged (every view shows the same second).
    qint64 secondsWithoutContact() const;
    // Why it is unreachable (the probe's error); empty otherwise.
    QString detail() const { return m_probeError; }
    int probesSent() const { return m_probes; }

Q_SIGNALS:
    // A new state, and while not Reachable every new second of silence (one clock for every view).
    void stateChanged();

private:
    void probe();
    void evaluate();
    qint64 silentSeconds() const;

    std::unique_ptr<kube::KubeClient> m_client;
    State m_state = State::Reachable;
    QElapsedTimer m_sinceContact;
    QDateTime m_lastContact;
    QString m_probeError;
    QTimer m_probeTimer;
    QTimer m_checkTimer;
    QElapsedTimer m_probeAge;
    qint64 m_announcedSeconds = -1;
    bool m_probeInFlight = false;
    bool m_running = false;
    quint64 m_generation = 0;
    int m_probes = 0;
};

} // namespace eic::cell
