// eicctl: the headless twin of the GUI (shared/CLI.md). It wires the core to a terminal.

#include "cell/CellSession.h"
#include "cell/StatusFormatter.h"
#include "kube/KubeConfig.h"
#include "log/Logging.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

enum Exit { Done = 0, Failed = 1, Usage = 2 };

const char *kUsage = R"(Usage: eicctl [options] <command> [arguments]

Backup and restore of SAP Edge Integration Cell's PostgreSQL database and Redis/Valkey data store.

Where it connects:
  --profile NAME            a saved connection profile (secrets from the OS keychain)
  --kubeconfig FILE         default: $KUBECONFIG (merged like kubectl), then ~/.kube/config
  --context NAME            default: the kubeconfig's current context
  -n, --namespace NAME      default: the context's namespace, else edge-icell
  --database CONNINFO       libpq conninfo or postgresql:// URI
  --datastore URL           redis://[user@]host:port[/db] or rediss:// (TLS); --datastore-ca FILE
  -o, --output text|json    json: one JSON document (or one object per line for streams)
  --log-level LEVEL         trace, debug, info, warn, error (default: warn on the terminal)
  --timeout SECONDS         how long to wait for the cell to answer (default 30)

Commands:
  status [--watch]                          component health of the cell (and message service), from a watch
  profile list|show|add|remove|test         manage connection profiles                 (not yet available)
  backup database|datastore [--to DIR]      take a backup with a manifest and checksums (not yet available)
  plan database|datastore                   print the plan and its cautions; changes nothing (not yet available)
  restore database|datastore --mode external|archive|new-instance                     (not yet available)
  continue | resume | abort                 finish or roll back a restore               (not yet available)
  report list | export ID --format json|html|pdf                                       (not yet available)
  sandbox start [--dir DIR] | stop          a simulated cell with throwaway stores      (not yet available)

  -h, --help                Show this help.
  -v, --version             Show the version.

Exit codes: 0 done, 1 failed (rolled back), 2 usage, 3 caution not acknowledged,
4 pre-flight failed (nothing changed), 5 an interrupted restore needs resume or abort.
)";

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_signalPipe[0], &byte, 1);
        QCoreApplication::exit(Done);
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
}

int status(QCommandLineParser &parser, const eic::kube::ResolvedContext &context, bool json, bool watch, int timeoutSeconds)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    eic::cell::CellSession session(context);
    eic::cell::CellMonitor &monitor = *session.monitor;
    Q_UNUSED(parser);

    auto printAll = [&] {
        if (json)
            out << QJsonDocument(monitor.toJson()).toJson(watch ? QJsonDocument::Compact : QJsonDocument::Indented) << (watch ? "\n" : "");
        else
            out << eic::cell::StatusFormatter::table(monitor);
        out.flush();
    };
    bool printed = false;
    QObject::connect(&monitor, &eic::cell::CellMonitor::connectionChanged, &monitor, [&] {
        if (monitor.connectionState() == eic::cell::ConnectionState::Failed) {
            // 401/403 do not heal by waiting.
            err << "eicctl: " << monitor.connectionDetail() << "\n";
            err.flush();
            QCoreApplication::exit(Failed);
            return;
        }
        if (!printed && monitor.synced() && monitor.connectionState() == eic::cell::ConnectionState::Live) {
            printed = true;
            printAll();
            if (!watch)
                QCoreApplication::exit(Done);
        }
    });
    if (watch) {
        QObject::connect(&monitor, &eic::cell::CellMonitor::componentChanged, &monitor, [&](int row) {
            if (!printed)
                return;
            const auto &c = monitor.components().at(row);
            if (json) {
                out << QJsonDocument(QJsonObject{{"time"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                                 {"event"_L1, "component"_L1}, {"component"_L1, c.toJson()}})
                           .toJson(QJsonDocument::Compact)
                    << "\n";
            } else {
                out << eic::cell::StatusFormatter::changeLine(c) << "\n";
            }
            out.flush();
        });
        QObject::connect(&monitor, &eic::cell::CellMonitor::messageServiceChanged, &monitor, [&] {
            if (!printed)
                return;
            if (json)
                out << QJsonDocument(QJsonObject{{"time"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                                                 {"event"_L1, "messageService"_L1}, {"messageService"_L1, monitor.messageService().toJson()}})
                           .toJson(QJsonDocument::Compact) << "\n";
            else
                out << "message service: " << monitor.messageService().summary() << "\n";
            out.flush();
        });
        QObject::connect(&monitor, &eic::cell::CellMonitor::connectionChanged, &monitor, [&] {
            if (printed && !json && monitor.connectionState() != eic::cell::ConnectionState::Live) {
                out << "connection: " << eic::cell::connectionStateName(monitor.connectionState()) << " — " << monitor.connectionDetail() << "\n";
                out.flush();
            }
        });
    }
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &monitor, [&] {
        if (printed)
            return;
        err << "eicctl: the cell at " << context.cluster.server.toString() << " did not answer within " << timeoutSeconds << " s"
            << (monitor.connectionDetail().isEmpty() ? QString() : u": "_s + monitor.connectionDetail()) << "\n";
        err.flush();
        QCoreApplication::exit(Failed);
    });
    deadline.start(timeoutSeconds * 1000);
    monitor.start();
    return QCoreApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"eicctl"_s);
    QCoreApplication::setOrganizationName(u"eic-restore"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(EIC_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s});
    const QCommandLineOption version(QStringList{u"v"_s, u"version"_s});
    const QCommandLineOption profile(u"profile"_s, {}, u"name"_s);
    const QCommandLineOption kubeconfig(u"kubeconfig"_s, {}, u"file"_s);
    const QCommandLineOption context(u"context"_s, {}, u"name"_s);
    const QCommandLineOption ns({u"n"_s, u"namespace"_s}, {}, u"name"_s);
    const QCommandLineOption database(u"database"_s, {}, u"conninfo"_s);
    const QCommandLineOption datastore(u"datastore"_s, {}, u"url"_s);
    const QCommandLineOption datastoreCa(u"datastore-ca"_s, {}, u"file"_s);
    const QCommandLineOption output({u"o"_s, u"output"_s}, {}, u"format"_s, u"text"_s);
    const QCommandLineOption logLevel(u"log-level"_s, {}, u"level"_s, u"warn"_s);
    const QCommandLineOption timeout(u"timeout"_s, {}, u"seconds"_s, u"30"_s);
    const QCommandLineOption watch(u"watch"_s);
    parser.addOptions({help, version, profile, kubeconfig, context, ns, database, datastore, datastoreCa, output, logLevel, timeout, watch});

    auto usage = [&err](const QString &message) {
        err << "eicctl: " << message << "\nSee eicctl --help.\n";
        return Usage;
    };
    if (!parser.parse(app.arguments()))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        out << QString::fromUtf8(kUsage);
        return Done;
    }
    if (parser.isSet(version)) {
        out << u"eicctl %1 (Qt %2)\n"_s.arg(QStringLiteral(EIC_VERSION), QString::fromLatin1(qVersion()));
        return Done;
    }
    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) {
        err << QString::fromUtf8(kUsage);
        return Usage;
    }
    const QString format = parser.value(output);
    if (format != "text"_L1 && format != "json"_L1)
        return usage(u"--output must be text or json (got \"%1\")"_s.arg(format));
    bool levelOk = false;
    const auto level = eic::logging::parseLevel(parser.value(logLevel), &levelOk);
    if (!levelOk)
        return usage(u"--log-level must be trace, debug, info, warn or error"_s);
    bool timeoutOk = false;
    const int timeoutSeconds = parser.value(timeout).toInt(&timeoutOk);
    if (!timeoutOk || timeoutSeconds <= 0)
        return usage(u"--timeout must be a number of seconds"_s);
    eic::logging::init({u"eicctl"_s, {}, spdlog::level::debug, level, true});

    const QString command = args.first();
    if (command != "status"_L1) {
        const QStringList known{u"profile"_s, u"backup"_s, u"plan"_s, u"restore"_s, u"continue"_s, u"resume"_s, u"abort"_s, u"report"_s, u"sandbox"_s};
        if (known.contains(command))
            return usage(u"\"%1\" is not available in this version yet"_s.arg(command));
        return usage(u"unknown command \"%1\""_s.arg(command));
    }
    if (args.size() > 1)
        return usage(u"status takes no arguments (got \"%1\")"_s.arg(args.mid(1).join(u' ')));
    if (parser.isSet(profile))
        return usage(u"--profile is not available in this version yet; use --kubeconfig/--context"_s);

    const QStringList files = parser.isSet(kubeconfig) ? QStringList{parser.value(kubeconfig)} : eic::kube::KubeConfig::defaultFiles();
    auto config = eic::kube::KubeConfig::load(files);
    auto resolved = config ? config->resolve(parser.value(context)) : eic::Result<eic::kube::ResolvedContext>(config.error());
    if (!resolved) {
        err << "eicctl: " << resolved.error().message << "\n";
        return Failed;
    }
    eic::kube::ResolvedContext ctx = *resolved;
    if (parser.isSet(ns))
        ctx.ns = parser.value(ns);
    if (!eic::kube::isDnsLabel(ctx.ns))
        return usage(u"\"%1\" is not a valid namespace name (a DNS-1123 label)"_s.arg(ctx.ns));
    if (ctx.cluster.insecureSkipTlsVerify)
        err << "eicctl: warning: TLS verification is off for " << ctx.cluster.server.toString() << " (insecure-skip-tls-verify)\n";
    quitOnSignals(app);
    return status(parser, ctx, format == "json"_L1, parser.isSet(watch), timeoutSeconds);
}
