#include "FaultInjector.h"

#include "ApiRequest.h"

using namespace Qt::StringLiterals;

namespace eic::sim {

FaultInjector::FaultInjector(FaultSpec spec)
{
    setSpec(spec);
}

void FaultInjector::setSpec(const FaultSpec &spec)
{
    m_spec = spec;
    m_random.seed(spec.seed);
    m_conflictsLeft = spec.conflicts;
}

bool FaultInjector::applies(const QString &path) const
{
    if (!m_spec.pathPrefix.isEmpty())
        return path.startsWith(m_spec.pathPrefix);
    // By default faults hit the resources, not discovery: a client must survive a flaky API,
    // and kubectl's discovery cache would only hide them.
    ResourcePath resource;
    return ResourcePath::parse(path, &resource);
}

FaultInjector::Decision FaultInjector::decide(const QString &path)
{
    Decision d;
    if (!m_spec.any() || !applies(path))
        return d;
    d.latencyMs = m_spec.latencyMs;
    if (m_spec.resetRate > 0 && m_random.generateDouble() < m_spec.resetRate) {
        d.reset = true;
        return d;
    }
    if (m_spec.errorRate > 0 && !m_spec.errorCodes.isEmpty() && m_random.generateDouble() < m_spec.errorRate)
        d.errorCode = m_spec.errorCodes.at(static_cast<int>(m_random.bounded(static_cast<quint32>(m_spec.errorCodes.size()))));
    return d;
}

bool FaultInjector::takeConflict()
{
    if (m_conflictsLeft > 0) {
        --m_conflictsLeft;
        return true;
    }
    return m_spec.conflictRate > 0 && m_random.generateDouble() < m_spec.conflictRate;
}

} // namespace eic::sim
