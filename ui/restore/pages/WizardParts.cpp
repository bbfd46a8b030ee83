#include "WizardParts.h"

#include <QColor>
#include <QLabel>
#include <QListWidget>

using namespace Qt::StringLiterals;

namespace eic::ui {

QLabel *wrapped(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    return l;
}

QListWidgetItem *checkItem(bool ok, const QString &text)
{
    auto *item = new QListWidgetItem((ok ? u"✔  "_s : u"✘  "_s) + text);
    item->setForeground(ok ? QColor(26, 127, 55) : QColor(180, 35, 24));
    return item;
}

// A check that could not be made (no store connection given): neither passed nor failed.
QListWidgetItem *notCheckedItem(const QString &text)
{
    auto *item = new QListWidgetItem(u"⚠  "_s + text);
    item->setForeground(QColor(0x8a, 0x5a, 0x00));
    return item;
}

QString checkTitle(const QString &check)
{
    if (check == "permissions"_L1)
        return QObject::tr("Permissions (get/list/watch, scale, annotate, the lock)");
    if (check == "dry-run scale"_L1)
        return QObject::tr("A server-side dry run of every scale to 0");
    if (check == "lock"_L1)
        return QObject::tr("No other restore of this cell in progress (lock free)");
    if (check == "store reachable"_L1)
        return QObject::tr("The store answers, with the rights the restore needs");
    if (check == "archive verified"_L1)
        return QObject::tr("The backup archive verified completely");
    return check;
}

} // namespace eic::ui
