#include "Authorizer.h"

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {
bool matchesAny(const QStringList &list, const QString &value)
{
    return list.contains(u"*"_s) || list.contains(value);
}
} // namespace

bool Authorizer::allowed(const SimUser &user, const AccessRequest &request)
{
    const QString resource = request.subresource.isEmpty() ? request.resource : request.resource + u'/' + request.subresource;
    for (const RbacRule &rule : user.rules) {
        if (!matchesAny(rule.verbs, request.verb) || !matchesAny(rule.apiGroups, request.group))
            continue;
        // "deployments/*" grants every subresource of deployments.
        const bool resourceMatch = matchesAny(rule.resources, resource)
            || (!request.subresource.isEmpty() && rule.resources.contains(request.resource + u"/*"_s));
        if (!resourceMatch)
            continue;
        if (request.ns.isEmpty() ? rule.namespaces.contains(u"*"_s) : matchesAny(rule.namespaces, request.ns))
            return true;
    }
    return false;
}

} // namespace eic::sim
