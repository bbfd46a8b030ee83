// eicctl: the headless twin of the GUI (shared/CLI.md). It wires the core to a terminal.

#include "Cli.h"
#include "kube/KubeClient.h"
#include "log/Logging.h"
#include "restore/Journal.h"

#include "profiles/SecretStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <memory>
#include <sys/socket.h>
#include <unistd.h>
#include <sys/stat.h>
#include <cerrno>

using namespace Qt::StringLiterals;

namespace {

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
  profile list                              the saved profiles
  profile show NAME                         one profile (never a secret: only whether each is stored)
  profile add NAME [connection options]     --kubeconfig/--context, or --server URL --ca-file FILE --token-file FILE;
                                            --database CONNINFO [--database-kind K]; --datastore URL [--datastore-ca FILE]
                                            [--datastore-kind K]; --backup-folder DIR; --notes TEXT. Passwords come from
                                            PGPASSWORD / REDISCLI_AUTH or a prompt, never from an argument.
                                            K: external, built-in, managed-azure, managed-aws, managed-other
  profile remove NAME                       the profile and its keychain entries
  profile test NAME                         connect to the cell, the database and the data store and report
  backup database [--to DIR] [--jobs N]     pg_dump (directory format, N jobs) with a manifest and checksums;
                                            --profile NAME or --database CONNINFO; default folder: the profile's
  backup datastore [--to DIR]               SCAN + DUMP of every database into one verified file;
                                            --profile NAME or --datastore URL (password: REDISCLI_AUTH)
  plan database|datastore [restore options] print the plan and its cautions, and run the pre-flight (permissions,
                                            a server-side dry run of every scale, stores, lock, archive); changes nothing
  restore database|datastore --mode M       run the procedure: record counts, stop, quiesce, data step, start, verify.
      --mode external                       you restore with your provider's tooling, then `eicctl continue`;
        [--data-command CMD]                or CMD runs and its exit status decides; [--point-in-time TIMESTAMP]
      --mode archive --from PATH            restore a backup taken by `eicctl backup`
      --mode new-instance                   the store came back as a new instance: --database/--datastore give its
                                            address; the profile is updated, no component is stopped
      --accept ID[,ID...]                   acknowledge cautions: service-interruption, replace-database,
                                            point-in-time, snapshot-only, autoscaler, terminate-sessions,
                                            flush-datastore
      --ticket REF                          a change or ticket reference, stated in the run's report (optional)
  continue                                  external mode: the store is restored; verify and start the components
  resume | abort                            finish or roll back an interrupted restore found in the journal; only on
                                            the run's own cell and store (-n, --database, --datastore are checked)
  report list                               the restore runs in the journal, with their outcome and downtime
  report export ID --format json|html|pdf [--to FILE]
                                            a report rendered from the run's journal (PDF: A4, timeline picture);
                                            prints the file's SHA-256
  sandbox start [--dir DIR]                 a rehearsal cell on this machine: eic-sim plus a throwaway PostgreSQL and
                                            Redis with sample data, in DIR (default: a new temp dir); prints how to
                                            connect (`source DIR/env`) and returns
  sandbox run [--dir DIR]                   the same in the foreground, until Ctrl-C
  sandbox stop [--dir DIR] [--force]        stop the sandbox and remove its directory; it lists the backups, runs
                                            and reports made in it first, and removes them only with --force or a
                                            "y" on the terminal (else it refuses and keeps the sandbox running)

  -h, --help                Show this help (after a command: that command's).
  -v, --version             Show the version.

Exit codes: 0 done, 1 failed (rolled back), 2 usage, 3 caution not acknowledged,
4 pre-flight failed (nothing changed), 5 an interrupted restore needs resume or abort (or
refuses a cell or store that is not the run's), 6 done, but something was left behind (named).
)";

// `eicctl COMMAND --help`: that command's lines of the help (with restore's options for plan),
// where it connects, and the exit codes; the whole help for a word that is no command.
QString commandHelp(const QString &command)
{
    const QStringList lines = QString::fromUtf8(kUsage).split(u'\n');
    const qsizetype commands = lines.indexOf(u"Commands:"_s);
    const QStringList wanted = command == "plan"_L1 ? QStringList{command, u"restore"_s} : QStringList{command};
    QStringList mine;
    bool inside = false;
    for (qsizetype i = commands + 1; i < lines.size() && !lines.at(i).isEmpty(); ++i) {
        const QString &line = lines.at(i);
        if (!line.startsWith(u"    "_s)) { // a command's first line: "  name ..." or "  resume | abort ..."
            const QStringList words = line.left(44).split(u' ', Qt::SkipEmptyParts);
            inside = false;
            for (qsizetype w = 0; w < words.size(); ++w)
                inside = inside || ((w == 0 || words.at(w - 1) == "|"_L1) && wanted.contains(words.at(w)));
        }
        if (inside)
            mine.append(line);
    }
    if (mine.isEmpty())
        return QString::fromUtf8(kUsage);
    const qsizetype where = lines.indexOf(u"Where it connects:"_s);
    const auto exits = std::find_if(lines.begin(), lines.end(), [](const QString &l) { return l.startsWith(u"Exit codes:"_s); });
    return u"Usage: eicctl [options] %1\n\n%2\n\n%3\n\n%4\n(eicctl --help lists every command.)\n"_s
        .arg(command, mine.join(u'\n'), lines.mid(where, commands - where - 1).join(u'\n'), QStringList(exits, lines.end()).join(u'\n').trimmed());
}

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
        if (auto &handler = eic::cli::interruptHandler())
            handler();
        else
            QCoreApplication::exit(eic::cli::Done);
    });
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    // Under nohup SIGHUP stays ignored: the admin asked for that.
    struct sigaction hangup = {};
    if (::sigaction(SIGHUP, nullptr, &hangup) == 0 && hangup.sa_handler != SIG_IGN)
        std::signal(SIGHUP, onSignal);
}

// Options that take one text and go into Options as given.
struct TextOption {
    QStringList names;
    QString valueName;
    QString eic::cli::Options::*field;
};
const QList<TextOption> &textOptions()
{
    using O = eic::cli::Options;
    static const QList<TextOption> options{
        {{u"profile"_s}, u"name"_s, &O::profile},           {{u"kubeconfig"_s}, u"file"_s, &O::kubeconfig},
        {{u"context"_s}, u"name"_s, &O::context},           {{u"n"_s, u"namespace"_s}, u"name"_s, &O::ns},
        {{u"database"_s}, u"conninfo"_s, &O::database},     {{u"database-kind"_s}, u"kind"_s, &O::databaseKind},
        {{u"datastore"_s}, u"url"_s, &O::datastore},        {{u"datastore-ca"_s}, u"file"_s, &O::datastoreCa},
        {{u"datastore-kind"_s}, u"kind"_s, &O::datastoreKind}, {{u"server"_s}, u"url"_s, &O::server},
        {{u"ca-file"_s}, u"file"_s, &O::caFile},            {{u"token-file"_s}, u"file"_s, &O::tokenFile},
        {{u"backup-folder"_s}, u"dir"_s, &O::backupFolder}, {{u"notes"_s}, u"text"_s, &O::notes},
        {{u"to"_s}, u"dir"_s, &O::to},                      {{u"mode"_s}, u"mode"_s, &O::mode},
        {{u"from"_s}, u"path"_s, &O::from},                 {{u"point-in-time"_s}, u"timestamp"_s, &O::pointInTime},
        {{u"data-command"_s}, u"cmd"_s, &O::dataCommand},   {{u"format"_s}, u"format"_s, &O::format},
        {{u"dir"_s}, u"dir"_s, &O::dir},                   {{u"ticket"_s}, u"ref"_s, &O::ticket},
    };
    return options;
}

// The options with rules of their own: output, log level, timeout, jobs, accept, namespace.
std::optional<int> checkedValues(const QCommandLineParser &parser, eic::cli::Options &o)
{
    using namespace eic::cli;
    const QString format = parser.value(u"output"_s);
    if (format != "text"_L1 && format != "json"_L1)
        return usage(u"--output must be text or json (got \"%1\")"_s.arg(format));
    o.json = format == "json"_L1;
    bool levelOk = false;
    const auto level = eic::logging::parseLevel(parser.value(u"log-level"_s), &levelOk);
    if (!levelOk)
        return usage(u"--log-level must be trace, debug, info, warn or error"_s);
    bool timeoutOk = false;
    o.timeoutSeconds = parser.value(u"timeout"_s).toInt(&timeoutOk);
    if (!timeoutOk || o.timeoutSeconds <= 0)
        return usage(u"--timeout must be a number of seconds"_s);
    o.watch = parser.isSet(u"watch"_s);
    o.force = parser.isSet(u"force"_s);
    for (const QString &list : parser.values(u"accept"_s))
        for (const QString &id : list.split(u',', Qt::SkipEmptyParts))
            o.accept.append(id.trimmed());
    if (parser.isSet(u"jobs"_s)) {
        bool jobsOk = false;
        o.jobs = parser.value(u"jobs"_s).toInt(&jobsOk);
        if (!jobsOk || o.jobs < 1 || o.jobs > 64)
            return usage(u"--jobs must be a number from 1 to 64"_s);
    }
    if (!o.ns.isEmpty() && !eic::kube::isDnsLabel(o.ns))
        return usage(u"\"%1\" is not a valid namespace name (a DNS-1123 label)"_s.arg(o.ns));
    eic::logging::init({u"eicctl"_s, {}, spdlog::level::debug, level, true});
    return std::nullopt;
}

// The command line into Options; a usage error (or --help, --version) is the exit code to end with.
std::optional<int> parseCommandLine(const QCoreApplication &app, eic::cli::Options &o)
{
    using namespace eic::cli;
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsOptions);
    parser.addOptions({QCommandLineOption(QStringList{u"h"_s, u"help"_s}), QCommandLineOption(QStringList{u"v"_s, u"version"_s}),
                       QCommandLineOption(QStringList{u"o"_s, u"output"_s}, {}, u"format"_s, u"text"_s),
                       QCommandLineOption(u"log-level"_s, {}, u"level"_s, u"warn"_s), QCommandLineOption(u"timeout"_s, {}, u"seconds"_s, u"30"_s),
                       QCommandLineOption(u"watch"_s), QCommandLineOption(u"force"_s), QCommandLineOption(u"jobs"_s, {}, u"n"_s), QCommandLineOption(u"accept"_s, {}, u"ids"_s)});
    for (const TextOption &t : textOptions())
        parser.addOption(QCommandLineOption(t.names, {}, t.valueName));
    if (!parser.parse(app.arguments()))
        return usage(parser.errorText());
    if (parser.isSet(u"help"_s)) {
        const QStringList words = parser.positionalArguments();
        out() << (words.isEmpty() ? QString::fromUtf8(kUsage) : commandHelp(words.first()));
        return Done;
    }
    if (parser.isSet(u"version"_s)) {
        out() << u"eicctl %1 (Qt %2)\n"_s.arg(QStringLiteral(EIC_VERSION), QString::fromLatin1(qVersion()));
        return Done;
    }
    o.args = parser.positionalArguments();
    if (o.args.isEmpty()) {
        err() << QString::fromUtf8(kUsage);
        return Usage;
    }
    for (const TextOption &t : textOptions())
        o.*(t.field) = parser.value(t.names.constLast());
    return checkedValues(parser, o);
}
} // namespace

int runCommand(const eic::cli::Options &o)
{
    using namespace eic::cli;
    const QString command = o.args.first();
    // At start-up: an interrupted restore is found in the journal and named, whatever the command.
    if (!QStringList{u"resume"_s, u"abort"_s, u"continue"_s, u"restore"_s}.contains(command))
        if (const QStringList open = eic::restore::Journal::unfinished(); !open.isEmpty())
            err() << "eicctl: an interrupted restore (" << QFileInfo(open.first()).completeBaseName()
                  << ") needs `eicctl resume` (finish it) or `eicctl abort` (roll it back)\n";
    if (command == "status"_L1)
        return status(o);
    if (command == "profile"_L1)
        return profile(o);
    if (command == "backup"_L1)
        return backup(o);
    if (command == "plan"_L1)
        return plan(o);
    if (command == "restore"_L1)
        return restore(o);
    if (command == "continue"_L1 || command == "resume"_L1 || command == "abort"_L1)
        return resumeRun(o, command);
    if (command == "report"_L1)
        return report(o);
    if (command == "sandbox"_L1)
        return sandboxCommand(o);
    return usage(u"unknown command \"%1\""_s.arg(command));
}

int main(int argc, char *argv[])
{
    using namespace eic::cli;
    eic::profiles::KeychainSecretStore::preventBusAutolaunch(); // no D-Bus session is started by eicctl
    // Reports draw (QPainter, QPdfWriter): that needs a QGuiApplication, on no screen at all.
    bool drawing = false;
    for (int i = 1; i < argc; ++i)
        drawing = drawing || std::strcmp(argv[i], "report") == 0;
    if (drawing && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (drawing && qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        // The offscreen platform asks for it; a private one, rather than a warning on every run.
        const QByteArray runtime = QByteArray("/tmp/eicctl-runtime-") + QByteArray::number(::getuid());
        struct stat st {};
        if ((::mkdir(runtime.constData(), 0700) == 0 || errno == EEXIST) && ::lstat(runtime.constData(), &st) == 0 && S_ISDIR(st.st_mode)
            && st.st_uid == ::getuid() && (st.st_mode & 077) == 0)
            qputenv("XDG_RUNTIME_DIR", runtime); // ours alone; otherwise Qt's own fallback and its warning
    }
    std::unique_ptr<QCoreApplication> application(drawing ? new QGuiApplication(argc, argv) : new QCoreApplication(argc, argv));
    QCoreApplication &app = *application;
    QCoreApplication::setApplicationName(u"eicctl"_s);
    QCoreApplication::setOrganizationName(u"eic-restore"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(EIC_VERSION));

    eic::cli::Options o;
    if (const auto done = parseCommandLine(app, o))
        return *done;
    quitOnSignals(app);
    return runCommand(o);
}
