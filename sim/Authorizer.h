#pragma once

#include "Scenario.h"

#include <QString>

namespace eic::sim {

struct AccessRequest {
    QString verb;
    QString group;
    QString resource;
    QString subresource;
    QString ns;
};

// RBAC as the real authorizer applies it: a request is allowed when one rule of the user
// matches group, resource (with its subresource) and verb, in the namespace.
class Authorizer {
public:
    static bool allowed(const SimUser &user, const AccessRequest &request);
};

} // namespace eic::sim
