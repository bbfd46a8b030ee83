#include "StatusFormatter.h"

#include "CellMonitor.h"
#include "kube/KubeClient.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace eic::cell {

namespace {

QString restoreColumn(const ComponentState &c)
{
    QStringList parts;
    if (c.restoreOriginal)
        parts.append(u"STOPPED BY A RESTORE (was %1)"_s.arg(*c.restoreOriginal));
    if (c.stopsForDatabase)
        parts.append(u"database"_s);
    if (c.stopsForDatastore)
        parts.append(u"datastore"_s);
    if (c.autoscaler)
        parts.append(u"HPA %1-%2"_s.arg(c.autoscaler->first).arg(c.autoscaler->second));
    return parts.isEmpty() ? u"-"_s : parts.join(u", "_s);
}

QString healthColumn(const ComponentState &c)
{
    return c.health.reason.isEmpty() ? healthName(c.health.health) : u"%1 (%2)"_s.arg(healthName(c.health.health), c.health.reason);
}

} // namespace

QString StatusFormatter::table(const CellMonitor &monitor)
{
    QStringList out;
    out.append(u"Cell %1 · %2 · %3"_s.arg(monitor.ns(), connectionStateName(monitor.connectionState()),
                                         monitor.connectionDetail().isEmpty() ? u"from a watch"_s : monitor.connectionDetail()));
    QList<QStringList> rows{{u"COMPONENT"_s, u"DESIRED"_s, u"READY"_s, u"AVAILABLE"_s, u"TERMINATING"_s, u"RESTORE"_s, u"HEALTH"_s}};
    for (const ComponentState &c : monitor.components()) {
        const auto n = [&c](int v) { return c.present ? QString::number(v) : u"-"_s; };
        rows.append({c.name, n(c.desired), n(c.ready), n(c.available), n(c.terminating), restoreColumn(c), healthColumn(c)});
    }
    QList<qsizetype> widths(rows.first().size(), 0);
    for (const auto &r : rows) {
        for (qsizetype i = 0; i < r.size(); ++i)
            widths[i] = qMax(widths[i], r[i].size());
    }
    for (const auto &r : rows) {
        QString line;
        for (qsizetype i = 0; i < r.size(); ++i)
            line += i + 1 == r.size() ? r[i] : r[i].leftJustified(widths[i] + 2);
        out.append(line);
    }
    const MessageServiceState &ms = monitor.messageService();
    const QString protection = ms.highAvailability() ? u"protected by replication, not by backup; no restore"_s
                                                     : u"a single instance: no replica protects it; no backup, no restore"_s;
    out.append(u"Message service %1 (%2): %3 — %4."_s.arg(ms.name, ms.ns, ms.summary(), protection));
    if (monitor.builtinServices().isEmpty()) {
        out.append(u"Stores: no built-in PostgreSQL or Redis in the cell (external stores: backup and restore supported)."_s);
    } else {
        QStringList names;
        for (const auto &b : monitor.builtinServices())
            names.append(u"%1/%2"_s.arg(b.ns, b.name));
        out.append(u"Stores: built-in (non-production) %1 — backup and restore not supported."_s.arg(names.join(u", "_s)));
    }
    return out.join(u'\n') + u'\n';
}

QString StatusFormatter::changeLine(const ComponentState &c)
{
    return u"%1  %2  desired %3 ready %4 available %5%6  %7"_s.arg(QDateTime::currentDateTime().toString(u"HH:mm:ss"_s), c.name)
        .arg(c.desired)
        .arg(c.ready)
        .arg(c.available)
        .arg(c.terminating > 0 ? u" terminating %1"_s.arg(c.terminating) : QString(), healthColumn(c));
}

} // namespace eic::cell
