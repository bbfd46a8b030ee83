#include "ComponentCatalogue.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace eic::cell {

namespace {
QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const auto &s : v.toArray())
        out.append(s.toString());
    return out;
}
} // namespace

Result<ComponentCatalogue> ComponentCatalogue::fromJson(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonObject root = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        return Error{QCoreApplication::translate("ComponentCatalogue", "The component catalogue is not valid JSON."), error.errorString(), 0};
    if (root.value("version"_L1).toInt() != 1)
        return Error{QCoreApplication::translate("ComponentCatalogue", "The component catalogue has an unknown version."), {}, 0};
    ComponentCatalogue c;
    for (const auto &v : root.value("components"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        CatalogueEntry e{o.value("name"_L1).toString(), o.value("role"_L1).toString(), strings(o.value("stops"_L1)),
                         o.value("since"_L1).toString(), o.value("autoscaled"_L1).toBool()};
        if (e.name.isEmpty())
            return Error{QCoreApplication::translate("ComponentCatalogue", "The component catalogue has a component without a name."), {}, 0};
        c.m_entries.append(e);
    }
    const QJsonObject ms = root.value("messageService"_L1).toObject();
    c.m_messageService = ms.value("statefulSet"_L1).toString();
    c.m_messageServiceNamespace = ms.value("namespace"_L1).toString();
    c.m_messageServiceNote = ms.value("note"_L1).toString();
    const QJsonObject builtin = root.value("builtinServices"_L1).toObject();
    c.m_builtinNames = strings(builtin.value("names"_L1));
    c.m_builtinNamespaces = strings(builtin.value("namespaces"_L1));
    c.m_builtinNote = builtin.value("note"_L1).toString();
    return c;
}

const ComponentCatalogue &ComponentCatalogue::builtIn()
{
    static const ComponentCatalogue catalogue = [] {
        QFile f(u":/eic/cell/catalogue.json"_s);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("the built-in component catalogue is missing from the binary");
        auto c = fromJson(f.readAll());
        if (!c)
            qFatal("the built-in component catalogue is broken: %s", qPrintable(c.error().toString()));
        return *c;
    }();
    return catalogue;
}

const CatalogueEntry *ComponentCatalogue::find(const QString &name) const
{
    for (const auto &e : m_entries) {
        if (e.name == name)
            return &e;
    }
    return nullptr;
}

QStringList ComponentCatalogue::stoppedBy(RestoreTarget target) const
{
    QStringList out;
    for (const auto &e : m_entries) {
        if (e.stoppedBy(target))
            out.append(e.name);
    }
    return out;
}

} // namespace eic::cell
