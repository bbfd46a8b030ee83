#include "RestoreSummary.h"

#include <QCoreApplication>
#include <QLocale>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RestoreSummary)
};

constexpr double kStopSeconds = 30;
constexpr double kStartSeconds = 60;
constexpr double kArchiveBytesPerSecond = 50e6;
constexpr double kExternalDataSeconds = 300;

int podsOf(const RestorePlan &plan)
{
    int pods = 0;
    for (const auto &c : plan.present())
        pods += c.replicas;
    return pods;
}

QString storeWords(const RestorePlan &plan, const SummaryFacts &facts)
{
    const bool database = plan.target == cell::RestoreTarget::Database;
    const QString at = facts.storeAddress.isEmpty() ? Tr::tr("(no connection given)") : facts.storeAddress;
    if (plan.mode == DataMode::NewInstance)
        return database ? Tr::tr("point the cell at the new database %1").arg(at) : Tr::tr("point the cell at the new data store %1").arg(at);
    if (plan.mode == DataMode::External)
        return database ? Tr::tr("you restore the database at %1 yourself").arg(at) : Tr::tr("you restore the data store at %1 yourself").arg(at);
    const QString name = facts.storeAddress.section(u'/', -1);
    QString backup = Tr::tr("the backup %1").arg(plan.archive.section(u'/', -1));
    if (facts.backup)
        backup = Tr::tr("the backup of %1 (%2)").arg(QLocale().toString(facts.backup->created, u"yyyy-MM-dd HH:mm"_s), sizeText(facts.backup->bytes));
    return database ? Tr::tr("replace database `%1` at %2 with %3").arg(name, at, backup)
                    : Tr::tr("replace every key of the data store at %1 with %2").arg(at, backup);
}

} // namespace

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString durationText(double seconds)
{
    if (seconds < 0)
        return Tr::tr("unknown");
    if (seconds < 90)
        return Tr::tr("%n s", nullptr, qRound(seconds));
    if (seconds < 3 * 3600)
        return Tr::tr("%n min", nullptr, qRound(seconds / 60));
    if (seconds < 3 * 86400)
        return Tr::tr("%1 h").arg(seconds / 3600, 0, 'f', 1);
    return Tr::tr("%1 days").arg(seconds / 86400, 0, 'f', 1);
}

DowntimeEstimate expectedDowntime(const RestorePlan &plan, const SummaryFacts &facts)
{
    if (facts.lastDowntimeSeconds >= 0)
        return {facts.lastDowntimeSeconds, true};
    double data = kExternalDataSeconds;
    if (plan.mode == DataMode::Archive)
        data = facts.backup ? static_cast<double>(facts.backup->bytes) / kArchiveBytesPerSecond : kExternalDataSeconds;
    else if (plan.mode == DataMode::NewInstance)
        data = 10;
    return {kStopSeconds + data + kStartSeconds, false};
}

QString planSummary(const RestorePlan &plan, const SummaryFacts &facts)
{
    const QList<PlannedComponent> stop = plan.present();
    const QString cluster = facts.clusterUrl.isEmpty() ? Tr::tr("the cell") : facts.clusterUrl;
    const DowntimeEstimate down = expectedDowntime(plan, facts);
    const QString how = down.measured ? Tr::tr("as long as the last run") : Tr::tr("an estimate: no run or drill of this target yet");
    const QString components = Tr::tr("Stop %n component(s)", nullptr, int(stop.size()));
    const QString pods = Tr::tr("%n pod(s)", nullptr, podsOf(plan));
    return Tr::tr("%1 (%2) on %3; %4; expected downtime ~%5 (%6).")
        .arg(components, pods, cluster, storeWords(plan, facts), durationText(down.seconds), how);
}

QString confirmationWord(const QString &profile, const QString &clusterUrl, const QString &context)
{
    if (!profile.trimmed().isEmpty())
        return profile.trimmed();
    const QString host = QUrl(clusterUrl).host();
    if (!host.isEmpty())
        return host;
    return clusterUrl.trimmed().isEmpty() ? context.trimmed() : clusterUrl.trimmed();
}

QString storeAddressOf(const StoreAccess &store, cell::RestoreTarget target)
{
    if (target == cell::RestoreTarget::Database && store.database) {
        const auto &d = *store.database;
        const QString host = d.host.isEmpty() ? (d.service.isEmpty() ? u"localhost"_s : u"service=%1"_s.arg(d.service)) : d.host;
        return u"%1:%2/%3"_s.arg(host).arg(d.port).arg(d.dbname);
    }
    if (target == cell::RestoreTarget::Datastore && store.datastore) {
        const auto &r = *store.datastore;
        return u"%1:%2/%3"_s.arg(r.host).arg(r.port).arg(r.database);
    }
    return {};
}

} // namespace eic::restore
