#include "SimHost.h"
#include "log/Logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // write() is async-signal-safe; the event loop picks the byte up.
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"eic-sim"_s);
    QCoreApplication::setOrganizationName(u"eic-restore"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(EIC_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"A simulated SAP Edge Integration Cell: a Kubernetes API subset over HTTPS that kubectl accepts."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption listen(u"listen"_s, u"Address and port to listen on (port 0: any free port)."_s, u"host:port"_s, u"127.0.0.1:0"_s);
    QCommandLineOption kubeconfigOut(u"kubeconfig-out"_s, u"Write a kubeconfig that reaches the sim to this file."_s, u"file"_s);
    QCommandLineOption scenario(u"scenario"_s, u"Scenario file (JSON): counts, removed deployments, built-in services, RBAC, faults."_s, u"file"_s);
    QCommandLineOption podStart(u"pod-start-ms"_s, u"How long a new pod takes to become ready."_s, u"ms"_s);
    QCommandLineOption caCert(u"ca-cert"_s, u"Sign the server certificate with this CA certificate (PEM)..."_s, u"file"_s);
    QCommandLineOption caKey(u"ca-key"_s, u"...and this CA key (PEM); default: a CA of its own."_s, u"file"_s);
    QCommandLineOption logLevel(u"log-level"_s, u"trace, debug, info, warn, error."_s, u"level"_s, u"warn"_s);
    parser.addOptions({listen, kubeconfigOut, scenario, podStart, caCert, caKey, logLevel});
    parser.process(app);

    bool levelOk = false;
    const auto level = eic::logging::parseLevel(parser.value(logLevel), &levelOk);
    eic::logging::init({u"eic-sim"_s, {}, level, level, true});

    auto usage = [](const QString &message) {
        std::fprintf(stderr, "eic-sim: %s\n", qPrintable(message));
        return 2;
    };
    eic::sim::SimOptions options;
    const QString listenValue = parser.value(listen);
    const qsizetype colon = listenValue.lastIndexOf(u':');
    bool portOk = false;
    const uint port = listenValue.mid(colon + 1).toUInt(&portOk);
    QString hostName = listenValue.left(colon);
    if (hostName.startsWith(u'[') && hostName.endsWith(u']'))
        hostName = hostName.mid(1).chopped(1);
    if (colon <= 0 || !portOk || port > 65535 || !options.address.setAddress(hostName))
        return usage(u"--listen must be HOST:PORT with a numeric address, e.g. 127.0.0.1:0 (got \"%1\")"_s.arg(listenValue));
    options.port = static_cast<quint16>(port);
    options.kubeconfigOut = parser.value(kubeconfigOut);
    options.scenarioFile = parser.value(scenario);
    options.caCertFile = parser.value(caCert);
    options.caKeyFile = parser.value(caKey);
    if (options.caCertFile.isEmpty() != options.caKeyFile.isEmpty())
        return usage(u"--ca-cert and --ca-key go together"_s);
    if (parser.isSet(podStart)) {
        bool ok = false;
        options.podStartMs = parser.value(podStart).toInt(&ok);
        if (!ok || options.podStartMs < 0)
            return usage(u"--pod-start-ms must be a number of milliseconds"_s);
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return usage(u"cannot create the signal pipe"_s);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalPipe[0], &byte, 1);
        spdlog::info("eic-sim: stopping on signal");
        QCoreApplication::quit();
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);

    eic::sim::SimHost host(&app);
    QString error;
    if (!host.start(options, &error)) {
        std::fprintf(stderr, "eic-sim: %s\n", qPrintable(error));
        return 1;
    }
    std::printf("eic-sim ready %s\n", qPrintable(host.url().toString()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
