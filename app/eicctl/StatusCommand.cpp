// eicctl status [--watch]: the dashboard's model on a terminal, from the same watches.

#include "Cli.h"

#include "cell/CellSession.h"
#include "cell/StatusFormatter.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace eic::cli {

namespace {

QString stamp()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

// --watch: a line per change of a component or of the message service, once the table is out.
void printChanges(cell::CellMonitor &monitor, bool json, const bool *printed)
{
    QObject::connect(&monitor, &cell::CellMonitor::componentChanged, &monitor, [&monitor, json, printed](int row) {
        if (!*printed)
            return;
        const auto &c = monitor.components().at(row);
        if (json)
            out() << QJsonDocument(QJsonObject{{"time"_L1, stamp()}, {"event"_L1, "component"_L1}, {"component"_L1, c.toJson()}})
                         .toJson(QJsonDocument::Compact)
                  << "\n";
        else
            out() << cell::StatusFormatter::changeLine(c) << "\n";
        out().flush();
    });
    QObject::connect(&monitor, &cell::CellMonitor::messageServiceChanged, &monitor, [&monitor, json, printed] {
        if (!*printed)
            return;
        if (json)
            out() << QJsonDocument(QJsonObject{{"time"_L1, stamp()}, {"event"_L1, "messageService"_L1},
                                               {"messageService"_L1, monitor.messageService().toJson()}})
                         .toJson(QJsonDocument::Compact)
                  << "\n";
        else
            out() << "message service: " << monitor.messageService().summary() << "\n";
        out().flush();
    });
}

} // namespace

int status(const Options &options)
{
    if (options.args.size() > 1)
        return usage(u"status takes no arguments (got \"%1\")"_s.arg(options.args.mid(1).join(u' ')));
    auto context = cellContext(options);
    if (!context)
        return failed(context.error().message);
    if (context->cluster.insecureSkipTlsVerify)
        err() << "eicctl: warning: TLS verification is off for " << context->cluster.server.toString() << " (insecure-skip-tls-verify)\n";

    cell::CellSession session(*context);
    cell::CellMonitor &monitor = *session.monitor;
    const bool json = options.json;
    const bool watch = options.watch;
    auto printAll = [&] {
        if (json)
            out() << QJsonDocument(monitor.toJson()).toJson(watch ? QJsonDocument::Compact : QJsonDocument::Indented) << (watch ? "\n" : "");
        else
            out() << cell::StatusFormatter::table(monitor);
        out().flush();
    };
    bool printed = false;
    QObject::connect(&monitor, &cell::CellMonitor::connectionChanged, &monitor, [&] {
        if (monitor.connectionState() == cell::ConnectionState::Failed) {
            // 401/403 do not heal by waiting.
            failed(monitor.connectionDetail());
            QCoreApplication::exit(Failed);
            return;
        }
        if (!printed && monitor.synced() && monitor.connectionState() == cell::ConnectionState::Live) {
            printed = true;
            printAll();
            const bool found = monitor.cellFound();
            if (!found) {
                err() << "eicctl: " << monitor.notFoundHint() << "\n";
                err().flush();
            }
            if (!watch)
                QCoreApplication::exit(found ? Done : Failed);
        } else if (printed && watch && !json && monitor.connectionState() != cell::ConnectionState::Live) {
            out() << "connection: " << cell::connectionStateName(monitor.connectionState()) << " — " << monitor.connectionDetail() << "\n";
            out().flush();
        }
    });
    if (watch)
        printChanges(monitor, json, &printed);
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &monitor, [&] {
        if (printed)
            return;
        failed(u"the cell at %1 did not answer within %2 s%3"_s.arg(context->cluster.server.toString()).arg(options.timeoutSeconds)
                   .arg(monitor.connectionDetail().isEmpty() ? QString() : u": "_s + monitor.connectionDetail()));
        QCoreApplication::exit(Failed);
    });
    deadline.start(options.timeoutSeconds * 1000);
    monitor.start();
    return QCoreApplication::exec();
}

} // namespace eic::cli
