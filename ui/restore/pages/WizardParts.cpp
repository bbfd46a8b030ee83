#include "WizardParts.h"

#include "restore/Events.h"

#include <QColor>
#include <QCoreApplication>
#include <QJsonObject>
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

QListWidgetItem *notCheckedItem(const QString &text)
{
    auto *item = new QListWidgetItem(u"⚠  "_s + text);
    item->setForeground(QColor(0x8a, 0x5a, 0x00));
    return item;
}

QListWidgetItem *checkEventItem(const QJsonObject &check, const QString &what)
{
    const QString why = restore::checkReasonOf(check);
    switch (restore::checkOutcomeOf(check)) {
    case restore::CheckOutcome::Passed:
        return checkItem(true, why.isEmpty() ? what : what + u" — "_s + why);
    case restore::CheckOutcome::Failed:
        return checkItem(false, why.isEmpty() ? what : what + u" — "_s + why);
    case restore::CheckOutcome::NotChecked:
        break;
    }
    return notCheckedItem(QCoreApplication::translate("WizardParts", "%1: Not checked — %2")
                              .arg(what, why.isEmpty() ? QCoreApplication::translate("WizardParts", "no reason given") : why));
}

QString checkOutcomeText(const QJsonObject &check)
{
    const QString why = restore::checkReasonOf(check);
    const QString dash = why.isEmpty() ? QString() : u" — "_s + why;
    switch (restore::checkOutcomeOf(check)) {
    case restore::CheckOutcome::Passed:
        return QCoreApplication::translate("WizardParts", "passed");
    case restore::CheckOutcome::Failed:
        return QCoreApplication::translate("WizardParts", "FAILED") + dash;
    case restore::CheckOutcome::NotChecked:
        break;
    }
    return QCoreApplication::translate("WizardParts", "not checked") + dash;
}

QString checkTitle(const QString &check)
{
    if (check == "permissions"_L1)
        return QObject::tr("Permissions (get/list/watch, scale, annotate, the lock)");
    if (check == "dry-run scale"_L1)
        return QObject::tr("A server-side dry run of every scale to 0");
    if (check == "lock"_L1)
        return QObject::tr("No other restore of this cell in progress (lock free)");
    if (check == "tables measured"_L1)
        return QObject::tr("The store's tables counted, before and after (the measured loss)");
    if (check == "store reachable"_L1)
        return QObject::tr("The store answers, with the rights the restore needs");
    if (check == "archive verified"_L1)
        return QObject::tr("The backup archive verified completely");
    if (check == "cell identity"_L1)
        return QObject::tr("This cell's identity recorded (API server, CA, namespace and deployment UIDs)");
    if (check == "sessions"_L1)
        return QObject::tr("No session of the stopped components left in the store");
    if (check == "store accepts writes"_L1)
        return QObject::tr("The store accepts writes");
    if (check == "component healthy"_L1)
        return QObject::tr("Available again:");
    return check;
}

QString modeWords(const QString &mode)
{
    if (mode == "archive"_L1)
        return QCoreApplication::translate("WizardParts", "from an archive");
    if (mode == "new-instance"_L1)
        return QCoreApplication::translate("WizardParts", "a new instance");
    if (mode == "external"_L1)
        return QCoreApplication::translate("WizardParts", "restored by you");
    return mode;
}

} // namespace eic::ui
