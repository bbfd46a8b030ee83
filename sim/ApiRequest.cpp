#include "ApiRequest.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace eic::sim {

bool ResourcePath::parse(const QString &path, ResourcePath *out)
{
    QStringList segs = path.split(u'/', Qt::SkipEmptyParts);
    ResourcePath p;
    if (segs.size() >= 2 && segs[0] == "api"_L1) {
        p.version = segs[1];
        segs = segs.mid(2);
    } else if (segs.size() >= 3 && segs[0] == "apis"_L1) {
        p.group = segs[1];
        p.version = segs[2];
        segs = segs.mid(3);
    } else {
        return false;
    }
    if (segs.isEmpty())
        return false;
    if (segs[0] == "namespaces"_L1 && segs.size() >= 3) {
        p.ns = segs[1];
        segs = segs.mid(2);
    }
    if (segs.isEmpty() || segs.size() > 3)
        return false;
    p.resource = segs.value(0);
    p.name = segs.value(1);
    p.subresource = segs.value(2);
    *out = p;
    return true;
}

} // namespace eic::sim
