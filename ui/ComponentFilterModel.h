#pragma once

#include <QSortFilterProxyModel>

namespace eic::ui {

// Sorting by the model's SortRole and the dashboard's filters: all components, those a restore
// stops, or those that are not healthy; plus a name search.
class ComponentFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class Filter { All, RestoreRelevant, Unhealthy };

    explicit ComponentFilterModel(QObject *parent = nullptr);
    void setFilter(Filter filter);
    Filter filter() const { return m_filter; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    Filter m_filter = Filter::All;
};

} // namespace eic::ui
