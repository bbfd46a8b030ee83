#pragma once

#include <QStyledItemDelegate>

namespace eic::ui {

// Paints the health column: a coloured dot and the text, so that state reads at a glance
// (and not by colour alone: the word is always there).
class HealthDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    static QColor colourOf(int health);
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace eic::ui
