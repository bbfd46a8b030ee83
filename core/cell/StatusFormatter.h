#pragma once

#include <QString>

namespace eic::cell {

class CellMonitor;
struct ComponentState;

// The words of `eicctl status`: the same model as the dashboard, as a text table or one line
// per change.
class StatusFormatter {
public:
    static QString table(const CellMonitor &monitor);
    static QString changeLine(const ComponentState &component);
};

} // namespace eic::cell
