#pragma once

#include "CellMonitor.h"
#include "ComponentModel.h"
#include "kube/KubeClient.h"

#include <memory>

namespace eic::cell {

// One connection to one cell: the client, the live monitor and its table model. Switching the
// context builds a new session; dropping the old one stops its watches.
class CellSession {
public:
    explicit CellSession(const kube::ResolvedContext &context, const ComponentCatalogue &catalogue = ComponentCatalogue::builtIn())
        : client(std::make_unique<kube::KubeClient>(context))
        , monitor(std::make_unique<CellMonitor>(client.get(), catalogue))
        , model(std::make_unique<ComponentModel>(monitor.get()))
    {
    }

    std::unique_ptr<kube::KubeClient> client;
    std::unique_ptr<CellMonitor> monitor;
    std::unique_ptr<ComponentModel> model;
};

} // namespace eic::cell
