#pragma once

#include "Error.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace eic::cell {

enum class RestoreTarget { Database, Datastore };

struct CatalogueEntry {
    QString name;
    QString role;
    QStringList stops; // "database", "datastore"
    QString since;     // the cell version that added it; empty: always there
    bool autoscaled = false;

    bool stoppedBy(RestoreTarget target) const
    {
        return stops.contains(target == RestoreTarget::Database ? QStringLiteral("database") : QStringLiteral("datastore"));
    }
};

// The cell's components as data (core/cell/catalogue.json, compiled in): each deployment's
// role, which restore stops it (vendor: database → edc, edge-api, mdc, worker and in current
// cells auditlog-agent, destination-configuration, destination-db-management; datastore →
// policyengine), the message service and the names of built-in stores.
class ComponentCatalogue {
public:
    static Result<ComponentCatalogue> fromJson(const QByteArray &json);
    static const ComponentCatalogue &builtIn();

    const QList<CatalogueEntry> &entries() const { return m_entries; }
    const CatalogueEntry *find(const QString &name) const;
    QStringList stoppedBy(RestoreTarget target) const;

    QString messageServiceName() const { return m_messageService; }
    QString messageServiceNamespace() const { return m_messageServiceNamespace; }
    QString messageServiceNote() const { return m_messageServiceNote; }
    QStringList builtinNames() const { return m_builtinNames; }
    QStringList builtinNamespaces() const { return m_builtinNamespaces; }
    QString builtinNote() const { return m_builtinNote; }

private:
    QList<CatalogueEntry> m_entries;
    QString m_messageService;
    QString m_messageServiceNamespace;
    QString m_messageServiceNote;
    QStringList m_builtinNames;
    QStringList m_builtinNamespaces;
    QString m_builtinNote;
};

} // namespace eic::cell
