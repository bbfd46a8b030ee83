#include "MainWindow.h"
#include "cell/CellSession.h"
#include "kube/KubeConfig.h"
#include "log/Logging.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <QMessageBox>
#include <QTimer>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"eic-restore"_s);
    QApplication::setOrganizationName(u"eic-restore"_s);
    QApplication::setApplicationVersion(QStringLiteral(EIC_VERSION));
    // Translations by the system locale: Qt's own, then ours (share/eic-restore/translations).
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"eic-restore"_s, u"_"_s, QApplication::applicationDirPath() + u"/../share/eic-restore/translations"_s))
        QApplication::installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Guided backup and restore for SAP Edge Integration Cell"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption kubeconfig(u"kubeconfig"_s, u"Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)."_s, u"file"_s);
    QCommandLineOption context(u"context"_s, u"Context of the kubeconfig (default: its current context)."_s, u"name"_s);
    QCommandLineOption ns({u"n"_s, u"namespace"_s}, u"Namespace of the cell (default: the context's, else edge-icell)."_s, u"name"_s);
    QCommandLineOption logLevel(u"log-level"_s, u"trace, debug, info, warn, error."_s, u"level"_s, u"info"_s);
    QCommandLineOption screenshot(u"screenshot"_s, u"Save a picture of the main window to this PNG once the cell is loaded, then quit."_s, u"png"_s);
    QCommandLineOption sandbox(u"sandbox"_s, u"Start the sandbox at once: a simulated cell with throwaway PostgreSQL and Redis, removed on exit."_s);
    parser.addOptions({kubeconfig, context, ns, logLevel, screenshot, sandbox});
    parser.process(app);

    bool levelOk = false;
    const auto level = eic::logging::parseLevel(parser.value(logLevel), &levelOk);
    eic::logging::init({u"eic-restore"_s, {}, spdlog::level::debug, levelOk ? level : spdlog::level::info, true});
    spdlog::info("eic-restore {} starting (Qt {})", EIC_VERSION, qVersion());

    // With --screenshot nobody is there to close a dialog: the log (stderr) says it instead.
    const bool unattended = parser.isSet(screenshot);
    eic::profiles::ProfileStore profiles;
    if (auto loaded = profiles.load(); !loaded) {
        spdlog::error("{}", loaded.error().toString().toStdString());
        if (!unattended)
            QMessageBox::warning(nullptr, u"eic-restore"_s, loaded.error().message);
    }
    eic::profiles::KeychainSecretStore secrets;

    const QStringList files = parser.isSet(kubeconfig) ? QStringList{parser.value(kubeconfig)} : eic::kube::KubeConfig::defaultFiles();
    auto config = eic::kube::KubeConfig::load(files);
    std::optional<eic::kube::KubeConfig> kubeconfigs;
    if (config) {
        kubeconfigs = *config;
    } else {
        if (parser.isSet(kubeconfig) || parser.isSet(context)) {
            spdlog::error("{}", config.error().toString().toStdString());
            if (!unattended)
                QMessageBox::critical(nullptr, u"eic-restore"_s, config.error().message);
            return 1;
        }
        spdlog::warn("{}", config.error().toString().toStdString()); // the welcome page offers the rest
    }
    // First run (no profile, no cell named on the command line): the welcome page.
    const bool welcome = parser.isSet(sandbox) || (profiles.profiles().isEmpty() && !parser.isSet(kubeconfig) && !parser.isSet(context));
    eic::ui::MainWindow window(kubeconfigs, &profiles, &secrets, parser.value(context), parser.value(ns),
                               welcome ? eic::ui::MainWindow::Start::Welcome : eic::ui::MainWindow::Start::Connect);
    window.show();
    if (parser.isSet(sandbox))
        window.startSandbox();
    // At start-up: a run that did not finish (a crash, a closed laptop) is offered at once.
    QTimer::singleShot(0, &window, [&window] { window.checkUnfinishedRun(); });
    if (parser.isSet(screenshot)) {
        const QString png = parser.value(screenshot);
        auto grab = [&window, png] {
            window.grab().save(png);
            QApplication::quit();
        };
        auto watch = [&window, grab] {
            if (auto *monitor = window.session() ? window.session()->monitor.get() : nullptr) {
                QObject::connect(monitor, &eic::cell::CellMonitor::connectionChanged, &window, [monitor, grab] {
                    if (monitor->synced() && monitor->connectionState() == eic::cell::ConnectionState::Live)
                        QTimer::singleShot(200, grab); // let the table lay itself out
                });
            }
        };
        watch();
        QObject::connect(&window, &eic::ui::MainWindow::sessionChanged, &window, watch);
        if (welcome && !parser.isSet(sandbox))
            QTimer::singleShot(500, &window, grab); // the welcome page has nothing to wait for
        QTimer::singleShot(20000, &window, grab); // a cell that never answers still gets its picture
    }
    const int rc = QApplication::exec();
    spdlog::info("eic-restore exiting");
    return rc;
}
