#pragma once

#include <QAbstractTableModel>
#include <QTimer>

namespace eic::cell {

class CellMonitor;

// The component table of the dashboard, fed row by row from CellMonitor's signals. Colours and
// icons are the view's business (ui/); this model gives text, numbers and roles to sort and
// filter by. The "changed" column ages once a second without asking the cluster anything.
class ComponentModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Name, Role, Desired, Ready, Available, Health, Changed, Restore, ColumnCount };
    enum Roles {
        SortRole = Qt::UserRole + 1,
        HealthRole,          // int(cell::Health)
        RestoreRelevantRole, // bool
        UnhealthyRole,       // bool
        ComponentNameRole,
    };

    explicit ComponentModel(CellMonitor *monitor, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // One row as text (tab-separated), for "copy row".
    QString rowText(int row) const;

private:
    CellMonitor *m_monitor;
    QTimer m_ageTimer;
};

} // namespace eic::cell
