#include "MainWindow.h"
#include "kube/KubeClient.h"
#include "kube/KubeConfig.h"
#include "log/Logging.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"eic-restore"_s);
    QApplication::setOrganizationName(u"eic-restore"_s);
    QApplication::setApplicationVersion(QStringLiteral(EIC_VERSION));
    eic::logging::init({u"eic-restore"_s, {}, spdlog::level::debug, spdlog::level::info, true});
    spdlog::info("eic-restore {} starting", EIC_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Guided backup and restore for SAP Edge Integration Cell"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption kubeconfig(u"kubeconfig"_s, u"Kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)."_s, u"file"_s);
    QCommandLineOption context(u"context"_s, u"Context of the kubeconfig (default: its current context)."_s, u"name"_s);
    QCommandLineOption ns({u"n"_s, u"namespace"_s}, u"Namespace of the cell (default: the context's, else edge-icell)."_s, u"name"_s);
    QCommandLineOption screenshot(u"screenshot"_s, u"Save a picture of the main window to this PNG once loaded, then quit."_s, u"png"_s);
    parser.addOptions({kubeconfig, context, ns, screenshot});
    parser.process(app);

    const QStringList files = parser.isSet(kubeconfig) ? QStringList{parser.value(kubeconfig)} : eic::kube::KubeConfig::defaultFiles();
    auto config = eic::kube::KubeConfig::load(files);
    auto resolved = config ? config->resolve(parser.value(context)) : eic::Result<eic::kube::ResolvedContext>(config.error());
    if (!resolved) {
        spdlog::error("{}", resolved.error().toString().toStdString());
        QMessageBox::critical(nullptr, u"eic-restore"_s, resolved.error().message);
        return 1;
    }
    eic::kube::ResolvedContext ctx = *resolved;
    if (parser.isSet(ns))
        ctx.ns = parser.value(ns);

    eic::kube::KubeClient client(ctx);
    eic::ui::MainWindow window(&client);
    window.show();
    if (parser.isSet(screenshot)) {
        const QString png = parser.value(screenshot);
        QObject::connect(&window, &eic::ui::MainWindow::refreshed, &window, [&window, png] {
            window.grab().save(png);
            QApplication::quit();
        });
    }
    window.refresh();
    const int rc = QApplication::exec();
    spdlog::info("eic-restore exiting");
    return rc;
}
