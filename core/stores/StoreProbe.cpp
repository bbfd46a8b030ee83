#include "StoreProbe.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(StoreProbe)
};

} // namespace

QJsonObject StoreSession::toJson() const
{
    return {{"id"_L1, id}, {"name"_L1, name}, {"address"_L1, address}, {"since"_L1, since}};
}

QJsonObject StoreIdentity::toJson() const
{
    QJsonObject o = fields;
    o["kind"_L1] = kind;
    o["address"_L1] = address;
    return o;
}

StoreIdentity StoreIdentity::fromJson(const QJsonObject &json)
{
    StoreIdentity id;
    id.kind = json.value("kind"_L1).toString();
    id.address = json.value("address"_L1).toString();
    id.fields = json;
    id.fields.remove("kind"_L1);
    id.fields.remove("address"_L1);
    return id;
}

std::optional<QString> StoreIdentity::differs(const StoreIdentity &now) const
{
    if (kind != now.kind)
        return Tr::tr("the run restores a %1, this is a %2").arg(kind, now.kind);
    // Every field both sides know must agree; one that only one side knows proves nothing.
    int compared = 0;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QJsonValue other = now.fields.value(it.key());
        if (it.value().isNull() || other.isNull() || other.isUndefined() || it.value().toVariant().toString().isEmpty()
            || other.toVariant().toString().isEmpty())
            continue;
        if (it.value() != other)
            return Tr::tr("%1 at %2 has %3 %4, the run's store (%5) had %6")
                .arg(now.kind, now.address, it.key(), other.toVariant().toString(), address, it.value().toVariant().toString());
        ++compared;
    }
    // Nothing identifies either side: only the address can tell.
    if (compared == 0 && address != now.address)
        return Tr::tr("the run's store was %1, this is %2").arg(address, now.address);
    return std::nullopt;
}

} // namespace eic::stores
