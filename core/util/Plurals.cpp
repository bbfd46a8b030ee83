// English plural forms for every program and test that links eiccore: a text is written once
// as tr("%n component(s)", nullptr, n) and reads "1 component" / "2 components", from
// translations/eic-restore_en.ts compiled in (":/eic/i18n/eic-restore_en.qm"). Compiled into
// each consumer (an INTERFACE source of eiccore), so that no main() can forget it. A
// translation of the system's locale, installed later, takes precedence.

#include <QCoreApplication>
#include <QTranslator>
#include <QVariant>

namespace {

void installEnglishPlurals()
{
    auto *app = QCoreApplication::instance();
    if (!app || app->property("eicPlurals").toBool())
        return;
    auto *plurals = new QTranslator(app);
    if (plurals->load(QStringLiteral(":/eic/i18n/eic-restore_en.qm")) && QCoreApplication::installTranslator(plurals))
        app->setProperty("eicPlurals", true);
    else
        delete plurals;
}

} // namespace

Q_COREAPP_STARTUP_FUNCTION(installEnglishPlurals)
