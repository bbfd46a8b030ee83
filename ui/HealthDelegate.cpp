#include "HealthDelegate.h"

#include "cell/ComponentModel.h"
#include "cell/Health.h"

#include <QApplication>
#include <QPainter>

namespace eic::ui {

QColor HealthDelegate::colourOf(int health)
{
    switch (static_cast<cell::Health>(health)) {
    case cell::Health::Healthy: return QColor(0x2e, 0x7d, 0x32);
    case cell::Health::Progressing: return QColor(0x15, 0x65, 0xc0);
    case cell::Health::Degraded: return QColor(0xef, 0x6c, 0x00);
    case cell::Health::Stopped: return QColor(0x61, 0x61, 0x61);
    case cell::Health::Failed: return QColor(0xc6, 0x28, 0x28);
    case cell::Health::Missing: return QColor(0x9e, 0x9e, 0x9e);
    case cell::Health::Unknown: return QColor(0x78, 0x90, 0x9c);
    }
    return Qt::black;
}

void HealthDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString text = opt.text;
    opt.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);

    const QColor colour = colourOf(index.data(cell::ComponentModel::HealthRole).toInt());
    const int d = opt.fontMetrics.height() * 6 / 10;
    const QRect r = opt.rect.adjusted(6, 0, -4, 0);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawEllipse(QRect(r.left(), r.center().y() - d / 2, d, d));
    painter->setPen(opt.state & QStyle::State_Selected ? opt.palette.highlightedText().color() : colour.darker(115));
    const QRect textRect = r.adjusted(d + 6, 0, 0, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, opt.fontMetrics.elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize HealthDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.rwidth() += option.fontMetrics.height() + 10;
    return s;
}

} // namespace eic::ui
