#include "log/Logging.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

// Kept in agreement with shared/CLI.md. Commands not built yet say so and exit with 2.
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
  --log-level LEVEL         trace, debug, info, warn, error

Commands:
  status [--watch]                          component health of the cell
  profile list|show|add|remove|test         manage connection profiles
  backup database|datastore [--to DIR]      take a backup with a manifest and checksums
  plan database|datastore                   print the plan and its cautions; changes nothing
  restore database|datastore --mode external|archive|new-instance
  continue | resume | abort                 finish or roll back a restore
  report list | export ID --format json|html|pdf
  sandbox start [--dir DIR] | stop          a simulated cell with throwaway stores

  -h, --help                Show this help.
  -v, --version             Show the version.

Exit codes: 0 done, 1 failed (rolled back), 2 usage, 3 caution not acknowledged,
4 pre-flight failed (nothing changed), 5 an interrupted restore needs resume or abort.
)";

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"eicctl"_s);
    QCoreApplication::setOrganizationName(u"eic-restore"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(EIC_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || args.contains(u"-h"_s) || args.contains(u"--help"_s)) {
        out << QString::fromUtf8(kUsage);
        return args.isEmpty() ? 2 : 0;
    }
    if (args.contains(u"-v"_s) || args.contains(u"--version"_s)) {
        out << u"eicctl %1 (Qt %2)\n"_s.arg(QStringLiteral(EIC_VERSION), QString::fromLatin1(qVersion()));
        return 0;
    }
    eic::logging::init({u"eicctl"_s, {}, spdlog::level::info, spdlog::level::warn, true});
    err << u"eicctl: the command \"%1\" is not available in this version yet; see eicctl --help.\n"_s.arg(args.first());
    return 2;
}
