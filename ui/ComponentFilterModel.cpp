#include "ComponentFilterModel.h"

#include "cell/ComponentModel.h"

namespace eic::ui {

ComponentFilterModel::ComponentFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(cell::ComponentModel::SortRole);
    setFilterKeyColumn(cell::ComponentModel::Name);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void ComponentFilterModel::setFilter(Filter filter)
{
    m_filter = filter;
    invalidateFilter();
}

bool ComponentFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_filter == Filter::RestoreRelevant && !index.data(cell::ComponentModel::RestoreRelevantRole).toBool())
        return false;
    if (m_filter == Filter::Unhealthy && !index.data(cell::ComponentModel::UnhealthyRole).toBool())
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace eic::ui
