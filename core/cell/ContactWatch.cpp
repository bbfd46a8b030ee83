#include "ContactWatch.h"

#include "kube/KubeClient.h"

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::cell {

namespace {

// The probe carries no credentials: /version is public on a default cluster, and where it is
// not, the 401 proves the server answers just as well.
kube::ResolvedContext anonymous(kube::ResolvedContext context)
{
    context.user = {};
    return context;
}

} // namespace

ContactWatch::ContactWatch(const kube::ResolvedContext &context, QObject *parent)
    : QObject(parent)
    , m_client(std::make_unique<kube::KubeClient>(anonymous(context)))
{
    m_client->setTimeoutMs(kProbeTimeoutMs);
    m_probeTimer.setSingleShot(true);
    connect(&m_probeTimer, &QTimer::timeout, this, &ContactWatch::probe);
    m_checkTimer.setInterval(kCheckIntervalMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &ContactWatch::evaluate);
}

ContactWatch::~ContactWatch()
{
    stop(); // a probe answered while the client goes is dropped
}

void ContactWatch::start()
{
    if (m_running)
        return;
    m_running = true;
    ++m_generation;
    m_probeInFlight = false;
    m_sinceContact.start();
    m_checkTimer.start();
    probe();
}

void ContactWatch::stop()
{
    m_running = false;
    ++m_generation;
    m_probeTimer.stop();
    m_checkTimer.stop();
}

qint64 ContactWatch::silentSeconds() const
{
    return m_sinceContact.isValid() ? m_sinceContact.elapsed() / 1000 : 0;
}

qint64 ContactWatch::secondsWithoutContact() const
{
    return m_state == State::Reachable ? silentSeconds() : m_announcedSeconds;
}

void ContactWatch::heard()
{
    m_sinceContact.start();
    m_lastContact = QDateTime::currentDateTimeUtc();
    m_probeError.clear();
    evaluate();
}

void ContactWatch::probe()
{
    if (!m_running || m_probeInFlight)
        return;
    // The watches just said something: no need to ask yet.
    if (m_sinceContact.isValid() && !m_lastContact.isNull() && m_sinceContact.elapsed() < kProbeIntervalMs) {
        m_probeTimer.start(kProbeIntervalMs - static_cast<int>(m_sinceContact.elapsed()));
        return;
    }
    m_probeInFlight = true;
    ++m_probes;
    m_probeAge.start();
    const quint64 generation = m_generation;
    m_client->getJson(u"/version"_s, this, [this, generation](const Result<QJsonObject> &r) {
        if (generation != m_generation)
            return;
        m_probeInFlight = false;
        const int code = r ? 200 : r.error().code;
        if (code >= 200 && code < 500) {
            heard();
        } else if (m_probeAge.elapsed() < kProbeTimeoutMs * 9 / 10) {
            // A failure that came before the timeout says why (refused, TLS, a proxy's 502); one
            // that ran into it only says what Stale already says: no answer.
            if (m_probeError.isEmpty())
                spdlog::warn("{}", r.error().toString().toStdString());
            m_probeError = r.error().message;
            evaluate();
        }
        m_probeTimer.start(kProbeIntervalMs);
    });
}

void ContactWatch::evaluate()
{
    if (!m_running)
        return;
    State state = State::Reachable;
    if (!m_probeError.isEmpty())
        state = State::Unreachable;
    else if (!m_sinceContact.isValid() || m_sinceContact.elapsed() > kStaleAfterMs)
        state = State::Stale;
    if (state == m_state) {
        if (state != State::Reachable && silentSeconds() != m_announcedSeconds) {
            m_announcedSeconds = silentSeconds();
            Q_EMIT stateChanged();
        }
        return;
    }
    m_announcedSeconds = silentSeconds();
    spdlog::info("cluster {}: {} (last answer {})", m_client->context().cluster.server.toString().toStdString(),
                 state == State::Reachable ? "answers again" : state == State::Stale ? "silent, the data shown is stale" : "unreachable",
                 m_lastContact.isValid() ? m_lastContact.toString(Qt::ISODate).toStdString() : std::string("never"));
    m_state = state;
    Q_EMIT stateChanged();
}

} // namespace eic::cell
