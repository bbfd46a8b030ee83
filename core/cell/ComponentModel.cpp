#include "ComponentModel.h"

#include "CellMonitor.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace eic::cell {

namespace {

QString age(const QDateTime &since)
{
    if (!since.isValid())
        return u"—"_s;
    const qint64 s = qMax<qint64>(0, since.secsTo(QDateTime::currentDateTimeUtc()));
    if (s < 60)
        return QCoreApplication::translate("ComponentModel", "%1 s ago").arg(s);
    if (s < 3600)
        return QCoreApplication::translate("ComponentModel", "%1 min ago").arg(s / 60);
    if (s < 86400)
        return QCoreApplication::translate("ComponentModel", "%1 h ago").arg(s / 3600);
    return QCoreApplication::translate("ComponentModel", "%1 d ago").arg(s / 86400);
}

QString restoreText(const ComponentState &c)
{
    QStringList parts;
    if (c.restoreOriginal)
        parts.append(QCoreApplication::translate("ComponentModel", "stopped by a restore (was %1)").arg(*c.restoreOriginal));
    if (c.stopsForDatabase)
        parts.append(QCoreApplication::translate("ComponentModel", "database restore"));
    if (c.stopsForDatastore)
        parts.append(QCoreApplication::translate("ComponentModel", "datastore restore"));
    if (c.autoscaler)
        parts.append(QCoreApplication::translate("ComponentModel", "HPA %1–%2").arg(c.autoscaler->first).arg(c.autoscaler->second));
    return parts.join(u" · "_s);
}

} // namespace

ComponentModel::ComponentModel(CellMonitor *monitor, QObject *parent)
    : QAbstractTableModel(parent)
    , m_monitor(monitor)
{
    connect(monitor, &CellMonitor::componentInserted, this, [this](int row) {
        // The monitor has already appended; announce it as an insert of that row.
        beginInsertRows({}, row, row);
        endInsertRows();
    });
    connect(monitor, &CellMonitor::componentRemoved, this, [this](int row) {
        beginRemoveRows({}, row, row);
        endRemoveRows();
    });
    connect(monitor, &CellMonitor::componentChanged, this, [this](int row) {
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, [this] {
        if (rowCount() > 0)
            Q_EMIT dataChanged(index(0, Changed), index(rowCount() - 1, Changed), {Qt::DisplayRole});
    });
    // "no contact for N s" counts on the monitor's clock, with the header.
    connect(monitor, &CellMonitor::contactChanged, this, [this] {
        if (rowCount() > 0 && m_monitor->contactLost())
            Q_EMIT dataChanged(index(0, Health), index(rowCount() - 1, Health), {Qt::DisplayRole});
    });
    m_ageTimer.start();
}

int ComponentModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_monitor->components().size());
}

int ComponentModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComponentModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= ColumnCount)
        return {};
    const ComponentState &c = m_monitor->components().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Name: return c.name;
        case Role: return c.role;
        case Desired: return c.present ? QVariant(c.desired) : QVariant(u"—"_s);
        case Ready: return c.present ? QVariant(c.ready) : QVariant(u"—"_s);
        case Available: return c.present ? QVariant(c.available) : QVariant(u"—"_s);
        case Health:
            // Counting up while the cluster is silent: never a stale Healthy.
            if (m_monitor->contactLost())
                return tr("Unknown (no contact for %1 s)").arg(m_monitor->secondsWithoutContact());
            return c.health.reason.isEmpty() ? healthName(c.health.health) : healthName(c.health.health) + u" — "_s + c.health.reason;
        case Changed: return age(c.lastChange);
        case Restore: return restoreText(c);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == Restore && c.restoreRelevant())
            return c.stopsForDatabase ? tr("A database restore scales this component to 0 and back to its recorded count.")
                                      : tr("A datastore restore scales this component to 0 and back to its recorded count.");
        if (index.column() == Health)
            return c.health.reason.isEmpty() ? healthName(c.health.health) : c.health.reason;
        if (index.column() == Changed && c.lastChange.isValid())
            return QLocale().toString(c.lastChange.toLocalTime(), QLocale::LongFormat);
        if (index.column() == Name && c.terminating > 0)
            return tr("%n pod(s) terminating", nullptr, c.terminating);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == Desired || index.column() == Ready || index.column() == Available)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case Desired: return c.desired;
        case Ready: return c.ready;
        case Available: return c.available;
        case Health: return static_cast<int>(c.health.health);
        case Changed: return c.lastChange.isValid() ? c.lastChange.toMSecsSinceEpoch() : 0;
        default: return data(index, Qt::DisplayRole);
        }
    case HealthRole:
        return static_cast<int>(c.health.health);
    case RestoreRelevantRole:
        return c.restoreRelevant();
    case UnhealthyRole:
        // Not known to be healthy counts: "Not healthy" must not look empty while the cluster is silent.
        return c.unhealthy() || c.health.health == Health::Unknown || (c.health.health == Health::Missing && c.known && c.since.isEmpty());
    case ComponentNameRole:
        return c.name;
    default:
        break;
    }
    return {};
}

QVariant ComponentModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name: return tr("Component");
    case Role: return tr("Role");
    case Desired: return tr("Desired");
    case Ready: return tr("Ready");
    case Available: return tr("Available");
    case Health: return tr("Health");
    case Changed: return tr("Last change");
    case Restore: return tr("In a restore");
    }
    return {};
}

QString ComponentModel::rowText(int row) const
{
    QStringList cells;
    for (int c = 0; c < ColumnCount; ++c)
        cells.append(data(index(row, c)).toString());
    return cells.join(u'\t');
}

} // namespace eic::cell
