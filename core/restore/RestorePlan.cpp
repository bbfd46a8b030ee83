#include "RestorePlan.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

// Texts of this file, in the translation context "RestorePlan" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RestorePlan)
};

QString duration(double seconds)
{
    if (seconds < 0)
        return Tr::tr("unknown");
    if (seconds < 90)
        return Tr::tr("%1 s").arg(qRound(seconds));
    if (seconds < 3 * 3600)
        return Tr::tr("%1 min").arg(qRound(seconds / 60));
    if (seconds < 3 * 86400)
        return Tr::tr("%1 h").arg(seconds / 3600, 0, 'f', 1);
    return Tr::tr("%1 days").arg(seconds / 86400, 0, 'f', 1);
}

QString stamp(const QDateTime &t)
{
    return Tr::tr("%1 UTC").arg(t.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s));
}

QString iso(const QDateTime &t) { return t.toUTC().toString(Qt::ISODate); }

// The project's one size style (the Backups view's).
QString size(qint64 bytes) { return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat); }

// An error's sentence inside another sentence.
QString clause(QString text)
{
    while (text.endsWith(u'.'))
        text.chop(1);
    return text;
}

} // namespace

QString modeName(DataMode mode)
{
    switch (mode) {
    case DataMode::External: return u"external"_s;
    case DataMode::Archive: return u"archive"_s;
    case DataMode::NewInstance: return u"new-instance"_s;
    }
    return {};
}

std::optional<DataMode> modeFromName(const QString &name)
{
    for (const DataMode m : {DataMode::External, DataMode::Archive, DataMode::NewInstance})
        if (name == modeName(m))
            return m;
    return std::nullopt;
}

QString targetName(cell::RestoreTarget target)
{
    return target == cell::RestoreTarget::Database ? u"database"_s : u"datastore"_s;
}

QJsonObject Caution::toJson() const
{
    return {{"id"_L1, id}, {"title"_L1, title}, {"text"_L1, text}, {"numbers"_L1, numbers}, {"destructive"_L1, destructive}};
}

QJsonObject PlannedComponent::toJson() const
{
    QJsonObject o{{"name"_L1, name}, {"present"_L1, present}, {"replicas"_L1, replicas}};
    if (!hpa.isEmpty())
        o["hpa"_L1] = QJsonObject{{"name"_L1, hpa}, {"min"_L1, hpaMin}, {"max"_L1, hpaMax}};
    return o;
}

QStringList RestorePlan::cautionIds() const
{
    QStringList ids;
    for (const Caution &c : cautions)
        ids.append(c.id);
    return ids;
}

QList<PlannedComponent> RestorePlan::present() const
{
    QList<PlannedComponent> out;
    for (const PlannedComponent &c : components)
        if (c.present)
            out.append(c);
    return out;
}

QJsonObject RestorePlan::toJson() const
{
    QJsonArray comps;
    for (const PlannedComponent &c : components)
        comps.append(c.toJson());
    QJsonArray st;
    for (const PlanStep &s : steps)
        st.append(QJsonObject{{"id"_L1, s.id}, {"text"_L1, s.text}});
    QJsonArray cs;
    for (const Caution &c : cautions)
        cs.append(c.toJson());
    QJsonObject o{{"target"_L1, targetName(target)}, {"mode"_L1, modeName(mode)}, {"namespace"_L1, ns}, {"context"_L1, context},
                  {"components"_L1, comps}, {"skipped"_L1, QJsonArray::fromStringList(skipped)}, {"steps"_L1, st}, {"cautions"_L1, cs},
                  {"dataInstructions"_L1, QJsonArray::fromStringList(dataInstructions)}};
    if (!refusal.isEmpty())
        o["refusal"_L1] = refusal;
    if (!archive.isEmpty())
        o["archive"_L1] = archive;
    if (!dataCommand.isEmpty())
        o["dataCommand"_L1] = dataCommand;
    if (pointInTime.isValid())
        o["pointInTime"_L1] = pointInTime.toUTC().toString(Qt::ISODate);
    return o;
}

Result<RestorePlan> RestorePlan::fromJson(const QJsonObject &o)
{
    RestorePlan p;
    const QString target = o.value("target"_L1).toString();
    if (target != "database"_L1 && target != "datastore"_L1)
        return Error{Tr::tr("The journal's plan names no target."), {}, 0};
    p.target = target == "database"_L1 ? cell::RestoreTarget::Database : cell::RestoreTarget::Datastore;
    const auto mode = modeFromName(o.value("mode"_L1).toString());
    if (!mode)
        return Error{Tr::tr("The journal's plan names no data-step mode."), {}, 0};
    p.mode = *mode;
    p.ns = o.value("namespace"_L1).toString();
    p.context = o.value("context"_L1).toString();
    p.refusal = o.value("refusal"_L1).toString();
    for (const QJsonValue &v : o.value("components"_L1).toArray()) {
        const QJsonObject c = v.toObject();
        PlannedComponent pc;
        pc.name = c.value("name"_L1).toString();
        pc.present = c.value("present"_L1).toBool();
        pc.replicas = c.value("replicas"_L1).toInt();
        const QJsonObject hpa = c.value("hpa"_L1).toObject();
        pc.hpa = hpa.value("name"_L1).toString();
        pc.hpaMin = hpa.value("min"_L1).toInt();
        pc.hpaMax = hpa.value("max"_L1).toInt();
        p.components.append(pc);
    }
    for (const QJsonValue &v : o.value("skipped"_L1).toArray())
        p.skipped.append(v.toString());
    for (const QJsonValue &v : o.value("steps"_L1).toArray())
        p.steps.append({v.toObject().value("id"_L1).toString(), v.toObject().value("text"_L1).toString()});
    for (const QJsonValue &v : o.value("cautions"_L1).toArray()) {
        const QJsonObject c = v.toObject();
        p.cautions.append({c.value("id"_L1).toString(), c.value("title"_L1).toString(), c.value("text"_L1).toString(),
                           c.value("numbers"_L1).toObject(), c.value("destructive"_L1).toBool()});
    }
    for (const QJsonValue &v : o.value("dataInstructions"_L1).toArray())
        p.dataInstructions.append(v.toString());
    p.archive = o.value("archive"_L1).toString();
    p.dataCommand = o.value("dataCommand"_L1).toString();
    p.pointInTime = QDateTime::fromString(o.value("pointInTime"_L1).toString(), Qt::ISODate);
    if (p.ns.isEmpty())
        return Error{Tr::tr("The journal's plan names no namespace."), {}, 0};
    return p;
}

QString RestorePlan::toText() const
{
    QString t;
    const QString what = target == cell::RestoreTarget::Database ? Tr::tr("PostgreSQL database") : Tr::tr("Redis/Valkey data store");
    t += Tr::tr("Restore of the %1 of cell %2 (context %3), data step: %4\n").arg(what, ns, context.isEmpty() ? u"-"_s : context, modeName(mode));
    if (!refusal.isEmpty()) {
        t += Tr::tr("REFUSED: %1\n").arg(refusal);
        return t;
    }
    const auto stop = present();
    if (mode == DataMode::NewInstance) {
        t += Tr::tr("\nNo component is stopped: the store came back as a new instance.\n");
    } else {
        t += Tr::tr("\nComponents to stop and start again (%1):\n").arg(stop.size());
        for (const PlannedComponent &c : stop) {
            QString hpa = c.hpa.isEmpty() ? QString() : Tr::tr("  (HPA %1, %2-%3)").arg(c.hpa).arg(c.hpaMin).arg(c.hpaMax);
            t += u"  %1 %2 replica(s)%3\n"_s.arg(c.name, -28).arg(c.replicas).arg(hpa);
        }
        for (const QString &s : skipped)
            t += Tr::tr("  %1 skipped: the cell has no such deployment\n").arg(s, -28);
    }
    t += Tr::tr("\nSteps:\n");
    int n = 1;
    for (const PlanStep &s : steps)
        t += u"  %1. %2\n"_s.arg(n++).arg(s.text);
    if (!dataInstructions.isEmpty()) {
        t += Tr::tr("\nThe data step:\n");
        for (const QString &line : dataInstructions)
            t += u"  - %1\n"_s.arg(line);
    }
    QStringList required;
    for (const Caution &c : cautions)
        if (c.required())
            required.append(c.id);
    t += Tr::tr("\nCautions (acknowledge with --accept %1; terminate-sessions is optional):\n").arg(required.join(u','));
    for (const Caution &c : cautions)
        t += u"  [%1] %2\n      %3\n"_s.arg(c.id, c.title, c.text);
    return t;
}

namespace {

// What the plan's parts share once the components are chosen.
struct Facts {
    bool database = false;
    bool stops = false; // a new instance stops nothing
    QList<PlannedComponent> stop;
    QStringList names;
    int pods = 0;
    QString storeWord() const { return database ? Tr::tr("database") : Tr::tr("data store"); }
};

bool hasAnyOfTheCell(const PlanInput &in, const cell::ComponentCatalogue &catalogue)
{
    return std::any_of(in.deployments.begin(), in.deployments.end(),
                       [&](const PlannedComponent &c) { return c.present && catalogue.find(c.name) != nullptr; });
}

// vendor: the message service is protected by replication, not by backup. A single instance has
// no replica: that is said plainly, never as if replication protected it.
QString messageServiceRefusal(const PlanInput &in, const cell::ComponentCatalogue &catalogue)
{
    const QString name = catalogue.messageServiceName();
    const QString ns = catalogue.messageServiceNamespace();
    const int replicas = in.messageServiceReplicas;
    if (replicas >= 3)
        return Tr::tr("The message service (StatefulSet %1 in %2, %3 replicas) is protected by replication (high availability), not by backup: there is no restore of it. Check its replication on the dashboard.")
            .arg(name, ns).arg(replicas);
    if (replicas > 0)
        return Tr::tr("The message service (StatefulSet %1 in %2) runs as a single instance: it has no replica and no backup, so nothing protects its data, and there is no restore of it. "
                      "Only high availability (3 instances, set in Edge Lifecycle Management) protects it against the loss of its volume.")
            .arg(name, ns);
    if (replicas == 0)
        return Tr::tr("The message service (StatefulSet %1 in %2) was not found or runs no instance, and there is no restore of it: the vendor protects it by replication (high availability), not by backup.")
            .arg(name, ns);
    return Tr::tr("There is no restore of the message service (StatefulSet %1 in %2): it is protected by replication (high availability, 3 instances) only where it runs with replicas, "
                  "never by backup. Whether this cell's does could not be read; the dashboard shows it.")
        .arg(name, ns);
}

// The vendor's reasons not to restore, and ours: a namespace without the cell would have its
// store restored under a cell that is running elsewhere.
QString refusalFor(const PlanInput &in, const cell::ComponentCatalogue &catalogue)
{
    if (in.messageService)
        return messageServiceRefusal(in, catalogue);
    if (!hasAnyOfTheCell(in, catalogue))
        return Tr::tr("No component of an Edge Integration Cell was found in namespace %1: eicctl status -n %1 shows what is there; check -n and the kubeconfig context.")
            .arg(in.ns);
    const bool database = in.target == cell::RestoreTarget::Database;
    const QStringList mine = database ? QStringList{u"postgres"_s, u"postgresql"_s} : QStringList{u"redis"_s, u"valkey"_s};
    for (const QString &b : in.builtinStores)
        if (mine.contains(b))
            return Tr::tr("The cell uses a built-in (non-production) %1 (StatefulSet %2): backup and restore aren't supported for built-in services. Move to a managed or self-operated %1 first.")
                .arg(database ? u"PostgreSQL"_s : u"Redis"_s, b);
    return {};
}

// Catalogue order; a deployment an older cell lacks is skipped, not an error.
void chooseComponents(const PlanInput &in, const cell::ComponentCatalogue &catalogue, RestorePlan &p)
{
    for (const QString &name : catalogue.stoppedBy(in.target)) {
        const auto found = std::find_if(in.deployments.begin(), in.deployments.end(), [&](const PlannedComponent &c) { return c.name == name; });
        if (found == in.deployments.end() || !found->present)
            p.skipped.append(name);
        else
            p.components.append(*found);
    }
}

Facts factsOf(const PlanInput &in, const RestorePlan &p)
{
    Facts f;
    f.database = in.target == cell::RestoreTarget::Database;
    f.stops = in.mode != DataMode::NewInstance;
    f.stop = p.present();
    for (const PlannedComponent &c : f.stop) {
        f.names.append(c.name);
        f.pods += c.replicas;
    }
    return f;
}

// The data step's line in the plan; fills in what the admin does where that is theirs.
QString dataStep(const PlanInput &in, const Facts &f, RestorePlan &p)
{
    switch (in.mode) {
    case DataMode::External:
        p.dataInstructions = {f.database ? Tr::tr("Restore the database with your provider's tooling (e.g. the cloud console's restore, pgBackRest, or pg_restore of a dump).")
                                         : Tr::tr("Restore the data store with your provider's tooling (e.g. the cloud console's restore, or an RDB/AOF file loaded at start-up)."),
                              Tr::tr("Keep its address and credentials: the cell reconnects to the same instance."),
                              Tr::tr("Then confirm: eicctl continue (or \"I have restored\" in the wizard); eicctl abort starts the components again without it.")};
        if (in.pointInTime.isValid())
            p.dataInstructions.append(Tr::tr("Restore to %1 (UTC), as acknowledged in the point-in-time caution.").arg(in.pointInTime.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
        return in.dataCommand.isEmpty() ? Tr::tr("You restore the %1 with your provider's tooling, then confirm (eicctl continue)").arg(f.storeWord())
                                        : Tr::tr("Run the data command; its exit status decides");
    case DataMode::Archive:
        return f.database ? Tr::tr("Restore the archive %1 with pg_restore (checksums verified first)").arg(in.archive)
                          : Tr::tr("Empty the data store and restore the archive %1 (verified first)").arg(in.archive);
    case DataMode::NewInstance:
        p.dataInstructions = {Tr::tr("The managed service restored into a new instance: the profile's connection is changed to it and tested."),
                              Tr::tr("The cell's own connection properties must be changed in Edge Lifecycle Management (Edit Edge Integration Cell solution); this tool cannot do that for you.")};
        return Tr::tr("Verify the new instance and update the profile's connection to it");
    }
    return {};
}

void addSteps(const PlanInput &in, const Facts &f, RestorePlan &p)
{
    p.steps.append({u"preflight"_s, in.mode == DataMode::Archive
                                        ? Tr::tr("Pre-flight: permissions, a server-side dry run of every scale, the store reachable, the lock free, the archive verified")
                                        : Tr::tr("Pre-flight: permissions, a server-side dry run of every scale, the stores reachable, the lock free")});
    if (f.stops) {
        p.steps.append({u"record"_s, Tr::tr("Record the replica count of %n component(s) in the journal and as annotation eic-restore/original-replicas", nullptr, int(f.stop.size()))});
        p.steps.append({u"stop"_s, Tr::tr("Scale %1 to 0, all at once").arg(f.names.join(u", "_s))});
        p.steps.append({u"quiesce"_s, Tr::tr("Wait until no pod of them exists (terminating ones included) and no session of theirs remains in the %1")
                                          .arg(f.database ? Tr::tr("database (pg_stat_activity)") : Tr::tr("data store (CLIENT LIST)"))});
    }
    p.steps.append({u"data"_s, dataStep(in, f, p) + Tr::tr("; then the store must accept writes")});
    if (f.stops)
        p.steps.append({u"start"_s, Tr::tr("Scale each component back to its recorded count, all at once, and wait for every rollout")});
    p.steps.append({u"verify"_s, Tr::tr("Verify: components healthy, store checks passed")});
    p.steps.append({u"cleanup"_s, f.stops ? Tr::tr("Remove the annotations and release the lock") : Tr::tr("Release the lock")});
}

// The cautions, one function each, in the order the plan lists them; each says whether it applies.
using CautionRule = std::optional<Caution> (*)(const PlanInput &, const Facts &);

Caution caution(const QString &id, bool destructive)
{
    return Caution{id, cautionTitle(id), {}, {}, destructive};
}

// vendor: any restore of PostgreSQL or Redis interrupts the cell's service.
std::optional<Caution> serviceInterruption(const PlanInput &in, const Facts &f)
{
    Caution c = caution(u"service-interruption"_s, true);
    c.numbers = QJsonObject{{"components"_L1, QJsonArray::fromStringList(f.names)}, {"pods"_L1, f.pods}};
    if (in.lastRehearsalDowntimeSeconds >= 0)
        c.numbers["lastRehearsalDowntimeSeconds"_L1] = in.lastRehearsalDowntimeSeconds;
    if (f.stops)
        c.text = Tr::tr("%1 with %2 stop until the restore is done: %3.%4")
                     .arg(Tr::tr("%n component(s)", nullptr, int(f.stop.size())), Tr::tr("%n pod(s)", nullptr, f.pods), f.names.join(u", "_s))
                     .arg(in.lastRehearsalDowntimeSeconds >= 0 ? Tr::tr(" The last rehearsal kept them down for %1.").arg(duration(in.lastRehearsalDowntimeSeconds)) : QString());
    else
        c.text = Tr::tr("The cell cannot use its %1 until its connection properties point to the new instance.").arg(f.storeWord());
    return c;
}

// What a database that was not inspected leaves unknown.
QString notInspected(const PlanInput &in)
{
    return in.databaseInspectionError.isEmpty() ? Tr::tr("the database was not inspected (no connection to it was given)")
                                                : Tr::tr("the database could not be inspected (%1)").arg(clause(in.databaseInspectionError));
}

// vendor: a point-in-time recovery of PostgreSQL loses data; a complete recovery is preferred.
// The loss is measured from the newest commit where the server records commit times, else up
// to the time of the plan, labelled as an estimate.
std::optional<Caution> pointInTime(const PlanInput &in, const Facts &f)
{
    if (!f.database || !in.pointInTime.isValid())
        return std::nullopt;
    Caution c = caution(u"point-in-time"_s, true);
    c.numbers = QJsonObject{{"target"_L1, iso(in.pointInTime)}};
    QString lost;
    if (in.latestDataTime.isValid()) {
        const double seconds = static_cast<double>(std::max<qint64>(0, in.pointInTime.secsTo(in.latestDataTime)));
        c.numbers["latest"_L1] = iso(in.latestDataTime);
        c.numbers["latestExact"_L1] = in.latestDataExact;
        c.numbers["lostSeconds"_L1] = seconds;
        if (!in.latestDataExact)
            lost = Tr::tr(": up to %1 (an estimate, counted to %2: the server does not record commit times, track_commit_timestamp is off).").arg(duration(seconds), stamp(in.latestDataTime));
        else if (seconds > 0)
            lost = Tr::tr(": up to %1 (the newest commit is from %2; track_commit_timestamp is on, so this is exact).").arg(duration(seconds), stamp(in.latestDataTime));
        else
            lost = Tr::tr(", but no commit is newer than it (the newest is from %1; track_commit_timestamp is on, so this is exact).").arg(stamp(in.latestDataTime));
    } else {
        lost = Tr::tr("; how much is not known: %1.").arg(notInspected(in));
    }
    c.text = Tr::tr("The database goes back to %1: everything written after it is lost%2 The vendor prefers a complete recovery.").arg(stamp(in.pointInTime), lost);
    return c;
}

// An archive restore replaces the whole database: whatever was written since the backup is gone.
std::optional<Caution> replaceDatabase(const PlanInput &in, const Facts &f)
{
    if (!f.database || in.mode != DataMode::Archive)
        return std::nullopt;
    Caution c = caution(u"replace-database"_s, true);
    c.numbers = QJsonObject{{"archive"_L1, in.archive}};
    const QString name = in.databaseName.isEmpty() ? Tr::tr("The database") : u"`%1`"_s.arg(in.databaseName);
    const QString who = in.storeAddress.isEmpty() ? name : Tr::tr("%1 at %2").arg(name, in.storeAddress);
    QString backup = in.archiveError.isEmpty() ? Tr::tr("the backup %1").arg(in.archive)
                                               : Tr::tr("the backup %1 (its manifest could not be read: %2)").arg(in.archive, clause(in.archiveError));
    // pg_restore --clean recreates the backup's objects only: a later table stays, and it says so.
    QString since = Tr::tr("everything written since it was taken to the backup's tables is lost (a table created later stays as it is)");
    if (in.archiveTakenAt.isValid()) {
        c.numbers["backupTakenAt"_L1] = iso(in.archiveTakenAt);
        c.numbers["backupBytes"_L1] = in.archiveBytes;
        c.numbers["backupTables"_L1] = in.archiveTables;
        backup = Tr::tr("the backup taken at %1 (%2, %n table(s))", nullptr, in.archiveTables).arg(stamp(in.archiveTakenAt), size(in.archiveBytes));
        if (in.surveyedAt.isValid()) {
            const double seconds = static_cast<double>(std::max<qint64>(0, in.archiveTakenAt.secsTo(in.surveyedAt)));
            c.numbers["lostSeconds"_L1] = seconds;
            since = Tr::tr("everything written to its tables since (%1) is lost (a table created later stays as it is)").arg(duration(seconds));
        }
    }
    QString live;
    if (in.databaseInspected) {
        c.numbers["liveBytes"_L1] = in.databaseBytes;
        c.numbers["liveTables"_L1] = in.databaseTables;
        live = Tr::tr("The live database is %1 with %n table(s) now.", nullptr, in.databaseTables).arg(size(in.databaseBytes));
    } else {
        c.numbers["inspected"_L1] = false;
        live = in.databaseInspectionError.isEmpty()
                   ? Tr::tr("The live database was not inspected (no connection to it was given), so its size and tables are not known.")
                   : Tr::tr("The live database could not be inspected: %1.").arg(clause(in.databaseInspectionError));
    }
    c.text = Tr::tr("%1 is replaced by %2; %3. %4").arg(who, backup, since, live);
    return c;
}

// An archive is a snapshot whatever the store's persistence: what counts is when it was taken,
// not the server's last RDB save.
Caution archiveSnapshot(const PlanInput &in)
{
    Caution c = caution(u"snapshot-only"_s, true);
    c.numbers = QJsonObject{{"archive"_L1, in.archive}};
    QString now;
    if (in.datastoreInspected) {
        c.numbers["keys"_L1] = static_cast<qint64>(in.datastoreKeys);
        now = Tr::tr(" The store holds %n key(s) now", nullptr, static_cast<int>(in.datastoreKeys));
        now += in.archiveKeys >= 0 ? Tr::tr("; the archive holds %n.", nullptr, static_cast<int>(in.archiveKeys)) : u"."_s;
    }
    if (in.archiveKeys >= 0)
        c.numbers["archiveKeys"_L1] = in.archiveKeys;
    if (!in.archiveTakenAt.isValid()) {
        c.text = Tr::tr("The archive's time could not be read (%1): the data store goes back to the archive, and whatever was written after it was taken is lost.%2")
                     .arg(in.archiveError.isEmpty() ? Tr::tr("its header names none") : clause(in.archiveError), now);
        return c;
    }
    c.numbers["archiveTakenAt"_L1] = iso(in.archiveTakenAt);
    QString age;
    if (in.surveyedAt.isValid()) {
        const double seconds = static_cast<double>(std::max<qint64>(0, in.archiveTakenAt.secsTo(in.surveyedAt)));
        c.numbers["archiveAgeSeconds"_L1] = seconds;
        age = Tr::tr(" (%1 ago)").arg(duration(seconds));
    }
    c.text = Tr::tr("The archive was taken at %1%2: the data store goes back to it, and whatever was written after it is lost.%3").arg(stamp(in.archiveTakenAt), age, now);
    return c;
}

// vendor: without an append-only file only a snapshot may be restorable; later writes are lost.
std::optional<Caution> snapshotOnly(const PlanInput &in, const Facts &f)
{
    if (f.database || !f.stops)
        return std::nullopt;
    if (in.mode == DataMode::Archive)
        return archiveSnapshot(in);
    Caution c = caution(u"snapshot-only"_s, true);
    if (in.datastoreInspected && !in.aofEnabled) {
        c.numbers = QJsonObject{{"snapshotAgeSeconds"_L1, in.snapshotAgeSeconds}, {"keys"_L1, static_cast<qint64>(in.datastoreKeys)}};
        c.text = in.snapshotAgeSeconds >= 0
                     ? Tr::tr("The data store keeps no append-only file: a restore brings back a snapshot, and whatever was written after it is lost. The current snapshot is %1 old; %2.").arg(duration(in.snapshotAgeSeconds), Tr::tr("the store holds %n key(s) now", nullptr, static_cast<int>(in.datastoreKeys)))
                     : Tr::tr("The data store keeps no append-only file and has never saved a snapshot: whatever is not in the backup is lost. The store holds %n key(s) now.", nullptr, static_cast<int>(in.datastoreKeys));
        return c;
    }
    if (in.datastoreInspectionError.isEmpty())
        return std::nullopt;
    // Not known is not safe: the admin acknowledges the loss that may come.
    c.numbers = QJsonObject{{"inspected"_L1, false}};
    c.text = Tr::tr("The data store could not be inspected (%1), so whether it keeps an append-only file is not known. If it does not, a restore brings back a snapshot and whatever was written after it is lost.")
                 .arg(in.datastoreInspectionError);
    return c;
}

// An autoscaler disables itself at 0 replicas: the admin should not be surprised by it.
std::optional<Caution> autoscaler(const PlanInput &, const Facts &f)
{
    QStringList scaled;
    for (const PlannedComponent &c : f.stop)
        if (!c.hpa.isEmpty())
            scaled.append(u"%1 (%2-%3)"_s.arg(c.name).arg(c.hpaMin).arg(c.hpaMax));
    if (!f.stops || scaled.isEmpty())
        return std::nullopt;
    Caution c = caution(u"autoscaler"_s, false);
    c.numbers = QJsonObject{{"components"_L1, QJsonArray::fromStringList(scaled)}};
    c.text = Tr::tr("A HorizontalPodAutoscaler targets %1: it disables itself while they are at 0 and resumes once they run again; the recorded counts are restored first.").arg(scaled.join(u", "_s));
    return c;
}

std::optional<Caution> terminateSessions(const PlanInput &, const Facts &f)
{
    if (!f.stops)
        return std::nullopt;
    Caution c = caution(u"terminate-sessions"_s, false);
    c.numbers = QJsonObject{{"required"_L1, false}};
    c.text = Tr::tr("If a session of the stopped components is still connected to the %1 when they are gone, it is ended (%2). Without this acknowledgement the restore waits, and then rolls back.")
                 .arg(f.storeWord(), f.database ? u"pg_terminate_backend"_s : u"CLIENT KILL"_s);
    return c;
}

std::optional<Caution> flushDatastore(const PlanInput &in, const Facts &f)
{
    if (f.database || in.mode != DataMode::Archive)
        return std::nullopt;
    Caution c = caution(u"flush-datastore"_s, true);
    c.numbers = in.datastoreInspected ? QJsonObject{{"keys"_L1, static_cast<qint64>(in.datastoreKeys)}} : QJsonObject{{"inspected"_L1, false}};
    c.text = in.datastoreInspected
                 ? Tr::tr("FLUSHALL removes all %n key(s) of the data store before the archive is loaded, so that it holds exactly the backup.", nullptr, static_cast<int>(in.datastoreKeys))
                 : Tr::tr("FLUSHALL removes all keys of the data store (how many could not be read) before the archive is loaded, so that it holds exactly the backup.");
    return c;
}

constexpr CautionRule kCautions[] = {serviceInterruption, replaceDatabase, pointInTime, snapshotOnly, autoscaler, terminateSessions, flushDatastore};

} // namespace

RestorePlan RestorePlanner::plan(const PlanInput &in, const cell::ComponentCatalogue &catalogue)
{
    RestorePlan p;
    p.target = in.target;
    p.mode = in.mode;
    p.ns = in.ns;
    p.context = in.context;
    p.archive = in.archive;
    p.dataCommand = in.dataCommand;
    p.pointInTime = in.pointInTime;
    p.refusal = refusalFor(in, catalogue);
    if (!p.refusal.isEmpty())
        return p;
    chooseComponents(in, catalogue, p);
    const Facts facts = factsOf(in, p);
    addSteps(in, facts, p);
    for (const CautionRule rule : kCautions)
        if (auto c = rule(in, facts))
            p.cautions.append(*c);
    return p;
}

namespace {
struct CautionTr {
    Q_DECLARE_TR_FUNCTIONS(CautionGuide)
};
} // namespace

QList<CautionGuide> cautionGuide()
{
    return {
        {u"service-interruption"_s, CautionTr::tr("The cell's service is interrupted"),
         CautionTr::tr("Every component that uses the store is scaled to 0 and stays down until the data is back and verified: the cell "
           "processes no messages meanwhile. The plan names the components, counts their pods, and gives the downtime of the "
           "last rehearsal.")},
        {u"replace-database"_s, CautionTr::tr("The database is replaced by the backup"),
         CautionTr::tr("Restoring an archive replaces every table of the backup with its content: everything written to them since the backup "
           "was taken is lost (a table created later stays as it is). The plan gives the backup's time, size and tables against the live database's.")},
        {u"point-in-time"_s, CautionTr::tr("A point-in-time recovery loses data"),
         CautionTr::tr("The database goes back to the moment you give; everything written after it is gone. The vendor prefers a complete "
           "recovery; choose a point in time only when the latest state is itself damaged.")},
        {u"snapshot-only"_s, CautionTr::tr("Only a snapshot can be restored"),
         CautionTr::tr("The data store keeps no append-only file, so the most a restore brings back is a snapshot: writes after it are "
           "lost. The plan tells how old the current snapshot is; restoring an archive, how old the archive is.")},
        {u"autoscaler"_s, CautionTr::tr("Autoscalers pause"),
         CautionTr::tr("A HorizontalPodAutoscaler cannot scale a deployment that is at 0; it resumes by itself when the deployment runs "
           "again. eic-restore puts back the recorded counts first, then the autoscaler takes over.")},
        {u"terminate-sessions"_s, CautionTr::tr("Sessions still connected may be ended"),
         CautionTr::tr("Optional. If a stopped component's session is still connected to the store when its pods are gone, eic-restore "
           "ends it (pg_terminate_backend, CLIENT KILL). Without this acknowledgement the restore waits for the session, "
           "and rolls back when it stays.")},
        {u"flush-datastore"_s, CautionTr::tr("The data store is emptied first"),
         CautionTr::tr("Restoring an archive into the data store starts with FLUSHALL, so that it holds exactly the backup afterwards: "
           "every key not in the backup is gone.")},
    };
}

QString cautionTitle(const QString &id)
{
    for (const CautionGuide &g : cautionGuide())
        if (g.id == id)
            return g.title;
    return id;
}

} // namespace eic::restore
