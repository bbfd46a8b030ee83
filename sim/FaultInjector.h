#pragma once

#include "Scenario.h"

#include <QRandomGenerator>
#include <QString>

namespace eic::sim {

// Decides, request by request, which of the scenario's faults hit it. Seeded, so a test that
// sets a seed sees the same sequence every run.
class FaultInjector {
public:
    struct Decision {
        int latencyMs = 0;
        bool reset = false;
        int errorCode = 0; // 0: no error
    };

    explicit FaultInjector(FaultSpec spec = {});
    void setSpec(const FaultSpec &spec);
    const FaultSpec &spec() const { return m_spec; }

    Decision decide(const QString &path);
    // Whether this write to a scale subresource gets a forced 409.
    bool takeConflict();
    int watchCutSeconds() const { return m_spec.watchCutSeconds; }

private:
    bool applies(const QString &path) const;

    FaultSpec m_spec;
    QRandomGenerator m_random;
    int m_conflictsLeft = 0;
};

} // namespace eic::sim
