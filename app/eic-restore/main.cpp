#include "MainWindow.h"
#include "QuitSignals.h"
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
#include <QSessionManager>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

// Translations by the system locale: Qt's own, then ours (share/eic-restore/translations).
void installTranslators(QTranslator &qt, QTranslator &ours)
{
    if (qt.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qt);
    if (ours.load(QLocale(), u"eic-restore"_s, u"_"_s, QApplication::applicationDirPath() + u"/../share/eic-restore/translations"_s))
        QApplication::installTranslator(&ours);
}

// The kubeconfig, if there is one (the welcome page offers the rest). A file or context named on
// the command line that cannot be read is the end: `ok` false.
std::optional<eic::kube::KubeConfig> loadKubeconfig(const QString &file, bool contextNamed, bool unattended, bool *ok)
{
    *ok = true;
    const QStringList files = file.isEmpty() ? eic::kube::KubeConfig::defaultFiles() : QStringList{file};
    auto config = eic::kube::KubeConfig::load(files);
    if (config)
        return *config;
    if (!file.isEmpty() || contextNamed) {
        spdlog::error("{}", config.error().toString().toStdString());
        if (!unattended)
            QMessageBox::critical(nullptr, u"eic-restore"_s, config.error().message);
        *ok = false;
        return std::nullopt;
    }
    spdlog::warn("{}", config.error().toString().toStdString());
    return std::nullopt;
}

// --screenshot: the window's picture once the cell is live and listed, then quit.
void screenshotWhenLoaded(eic::ui::MainWindow &window, const QString &png, bool nothingToWaitFor)
{
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
    if (nothingToWaitFor)
        QTimer::singleShot(500, &window, grab); // the welcome page has nothing to wait for
    QTimer::singleShot(20000, &window, grab); // a cell that never answers still gets its picture
}

// A signal, or the session's end, while a restore runs does what Roll back does before exiting:
// the components go back to their recorded counts (the vendor's start step), never left at 0.
void quitSafelyOnSignals(eic::ui::MainWindow &window, eic::ui::QuitSignals &catcher)
{
    QObject::connect(&catcher, &eic::ui::QuitSignals::received, &window, [&window](int signo) {
        window.quitSafely(eic::ui::QuitSignals::nameOf(signo));
    });
    // Logout: the session manager asks first; the rollback starts now (the SIGTERM that follows
    // finds it under way and waits for it).
    QObject::connect(qApp, &QGuiApplication::commitDataRequest, &window, [&window](QSessionManager &) {
        if (window.runInProgress())
            window.quitSafely(u"the session ends"_s);
    });
}

// Test seam: EIC_TEST_AUTORUN_RESTORE=database|datastore starts an external-mode restore of the
// open cell without the wizard, its data step EIC_TEST_AUTORUN_DATA_COMMAND (default "sleep 60").
void autorunForTests(eic::ui::MainWindow &window)
{
    const QString target = qEnvironmentVariable("EIC_TEST_AUTORUN_RESTORE");
    if (target.isEmpty())
        return;
    const QString command = qEnvironmentVariable("EIC_TEST_AUTORUN_DATA_COMMAND", u"sleep 60"_s);
    const auto which = target == "datastore"_L1 ? eic::cell::RestoreTarget::Datastore : eic::cell::RestoreTarget::Database;
    auto start = [&window, which, command] { window.startUnattendedRestore(which, command); };
    if (window.session())
        QTimer::singleShot(0, &window, start);
    else
        QObject::connect(&window, &eic::ui::MainWindow::sessionChanged, &window, start, Qt::SingleShotConnection);
}

} // namespace

int main(int argc, char *argv[])
{
    // Before Qt connects to anything: no D-Bus session bus is ever started by this process.
    eic::profiles::KeychainSecretStore::preventBusAutolaunch();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"eic-restore"_s);
    QApplication::setOrganizationName(u"eic-restore"_s);
    QApplication::setApplicationVersion(QStringLiteral(EIC_VERSION));
    QTranslator qtTranslator;
    QTranslator translator;
    installTranslators(qtTranslator, translator);

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
    bool configOk = true;
    auto kubeconfigs = loadKubeconfig(parser.isSet(kubeconfig) ? parser.value(kubeconfig) : QString(), parser.isSet(context), unattended, &configOk);
    if (!configOk)
        return 1;
    // First run (no profile, no cell named on the command line): the welcome page.
    const bool welcome = parser.isSet(sandbox) || (profiles.profiles().isEmpty() && !parser.isSet(kubeconfig) && !parser.isSet(context));
    eic::ui::MainWindow window(kubeconfigs, &profiles, &secrets, parser.value(context), parser.value(ns),
                               welcome ? eic::ui::MainWindow::Start::Welcome : eic::ui::MainWindow::Start::Connect);
    window.show();
    eic::ui::QuitSignals quitSignals;
    quitSafelyOnSignals(window, quitSignals);
    autorunForTests(window);
    if (parser.isSet(sandbox))
        window.startSandbox();
    // At start-up: a run that did not finish (a crash, a closed laptop) is offered at once.
    QTimer::singleShot(0, &window, [&window] { window.checkUnfinishedRun(); });
    if (parser.isSet(screenshot))
        screenshotWhenLoaded(window, parser.value(screenshot), welcome && !parser.isSet(sandbox));
    const int rc = QApplication::exec();
    spdlog::info("eic-restore exiting");
    return rc;
}
