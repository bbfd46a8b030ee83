// RestoreReport::fromJournal and toJson: a run's journal read into a report, one event at a time.

#include "RestoreReport.h"
#include "ReportText.h"

#include "restore/Events.h"
#include "restore/Journal.h"

#include <QFileInfo>
#include <QHash>

using namespace Qt::StringLiterals;

namespace eic::report {

using text::iso;
using text::Tr;
namespace ev = restore::ev;

// Fills each check's Detail: what was seen when it passed, why it failed or was not made
// (RestoreReport.cpp).
void describeChecks(RestoreReport &r);

namespace {

QDateTime timeOf(const QJsonObject &e)
{
    return QDateTime::fromString(e.value("t"_L1).toString(), Qt::ISODateWithMs);
}

// An event without its name and time.
QJsonObject fieldsOf(QJsonObject e)
{
    e.remove("event"_L1);
    e.remove("t"_L1);
    return e;
}

void addOnce(QStringList &list, const QString &line)
{
    if (!line.isEmpty() && !list.contains(line))
        list.append(line);
}

class JournalReader {
public:
    explicit JournalReader(RestoreReport &report)
        : r(report)
    {
    }

    void read(const QJsonObject &e)
    {
        const QString name = e.value("event"_L1).toString();
        const QDateTime t = timeOf(e);
        if (name == ev::RunStarted)
            runStarted(e, t);
        else if (name == ev::CautionAcknowledged)
            acknowledged(e, t);
        else if (name == ev::ComponentRecorded)
            component(e.value("name"_L1).toString()).before = e.value("replicas"_L1).toInt();
        else if (name == ev::Scaled)
            scaled(e, t);
        else if (name == ev::RolledOut)
            component(e.value("name"_L1).toString()).rolledOut = t;
        else if (name == ev::DataStarted)
            dataStarted(e, t);
        else if (name == ev::DataFinished)
            dataFinished(e, t);
        else if (name == ev::RunFinished)
            runFinished(e, t);
        else if (name == ev::CellIdentity)
            r.cellIdentity = fieldsOf(e);
        else if (name == ev::StoreIdentity)
            r.storeIdentity = fieldsOf(e);
        else if (name == ev::TablesMeasured)
            (e.value("when"_L1).toString() == "after"_L1 ? r.measuredAfter : r.measuredBefore) = e;
        else
            interruption(name, e, t);
    }

private:
    ComponentTimeline &component(const QString &name)
    {
        if (!index.contains(name)) {
            index.insert(name, r.components.size());
            r.components.append({name, -1, -1, {}, {}, {}, {}});
        }
        return r.components[index.value(name)];
    }

    void runStarted(const QJsonObject &e, const QDateTime &t)
    {
        r.began = t;
        r.operatorName = e.value("operator"_L1).toString();
        r.host = e.value("host"_L1).toString();
        r.appVersion = e.value("appVersion"_L1).toString();
        r.context = e.value("context"_L1).toString();
        r.ns = e.value("namespace"_L1).toString();
        r.target = e.value("target"_L1).toString();
        r.mode = e.value("mode"_L1).toString();
        r.profile = e.value("profile"_L1).toString();
        r.ticket = e.value("ticket"_L1).toString();
        r.workspaceMark = e.value("workspaceMark"_L1).toString();
        r.plan = e.value("plan"_L1).toObject();
        for (const QJsonValue &c : r.plan.value("components"_L1).toArray())
            if (c.toObject().value("present"_L1).toBool())
                component(c.toObject().value("name"_L1).toString()).hpa = c.toObject().value("hpa"_L1).toObject().value("name"_L1).toString();
        for (const QJsonValue &c : r.plan.value("cautions"_L1).toArray())
            titles.insert(c.toObject().value("id"_L1).toString(), c.toObject().value("title"_L1).toString());
    }

    // "at": when it was ticked (journals before it have only the time it was written).
    void acknowledged(const QJsonObject &e, const QDateTime &t)
    {
        const QDateTime at = QDateTime::fromString(e.value("at"_L1).toString(), Qt::ISODateWithMs);
        const QString id = e.value("id"_L1).toString();
        r.cautions.append({id, e.value("by"_L1).toString(), e.value("text"_L1).toString(), titles.value(id), at.isValid() ? at : t,
                           e.value("numbers"_L1).toObject()});
    }

    void scaled(const QJsonObject &e, const QDateTime &t)
    {
        ComponentTimeline &c = component(e.value("name"_L1).toString());
        if (e.value("to"_L1).toInt() == 0 && !e.value("rollback"_L1).toBool()) {
            c.stopped = t;
        } else {
            c.started = t;
            c.after = e.value("to"_L1).toInt();
        }
    }

    void dataStarted(const QJsonObject &e, const QDateTime &t)
    {
        r.dataStarted = t;
        if (e.contains("backup"_L1))
            r.backup = e.value("backup"_L1).toObject();
    }

    void dataFinished(const QJsonObject &e, const QDateTime &t)
    {
        r.dataFinished = t;
        r.dataState = e.value("state"_L1).toString();
        r.dataDetails = e.value("details"_L1).toObject();
        for (const auto key : {"confirmedBy"_L1, "exitCode"_L1, "profileUpdated"_L1, "message"_L1})
            if (e.contains(key))
                r.dataDetails[key] = e.value(key);
        if (const QString sha = e.value("backupSha256"_L1).toString(); !sha.isEmpty())
            r.backup["sha256"_L1] = sha;
    }

    void runFinished(const QJsonObject &e, const QDateTime &t)
    {
        for (const QJsonValue &v : e.value("notChecked"_L1).toArray())
            addOnce(r.notChecked, v.toString());
        for (const QJsonValue &v : e.value("leftovers"_L1).toArray())
            addOnce(r.leftovers, v.toString());
        r.ended = t;
        // How far the data step got, as the run saw it at its end (a rollback says it too).
        if (const QString data = e.value("dataStep"_L1).toString(); !data.isEmpty())
            r.dataState = data;
        r.outcome = e.value("outcome"_L1).toString();
        r.outcomeMessage = e.value("reason"_L1).toString(e.value("message"_L1).toString());
        r.downtimeSeconds = e.value("downtimeSeconds"_L1).toDouble(-1);
    }

    void interruption(const QString &name, const QJsonObject &e, const QDateTime &t)
    {
        if (name == ev::CancelRequested) {
            r.cancelRequested = t;
            r.cancelStep = e.value("step"_L1).toString();
        } else if (name == ev::SessionsTerminated) {
            QStringList clients;
            for (const QJsonValue &v : e.value("clients"_L1).toArray())
                clients.append(v.toString());
            sessions = Tr::tr("%n session(s) of the stopped components were still connected and were ended (terminate-sessions): %1", nullptr,
                              e.value("count"_L1).toInt())
                           .arg(clients.isEmpty() ? Tr::tr("no name") : clients.join(u", "_s));
        } else if (name == ev::StepFailed) {
            addOnce(r.blocked, Tr::tr("The %1 failed: %2").arg(RestoreReport::words(e.value("step"_L1).toString()), e.value("message"_L1).toString()));
            r.errors.append(e.value("message"_L1).toString());
        } else if (name == ev::RollbackStarted) {
            r.rollbackStarted = t;
            r.rollbackReason = e.value("reason"_L1).toString();
            r.errors.append(Tr::tr("Rolled back: %1").arg(r.rollbackReason));
            if (!sessions.isEmpty())
                addOnce(r.blocked, sessions);
        } else {
            checkOrError(name, e);
        }
    }

    void checkOrError(const QString &name, const QJsonObject &e)
    {
        if (name == ev::Check) {
            QJsonObject c = e;
            c.remove("event"_L1);
            // An older journal's "skipped" (ok: true) is not checked: spelled out, never passed.
            const restore::CheckOutcome outcome = restore::checkOutcomeOf(e);
            c["outcome"_L1] = restore::checkOutcomeName(outcome);
            c["ok"_L1] = outcome == restore::CheckOutcome::Passed;
            r.checks.append(c);
            // A rollback's run-finished lists nothing: the checks themselves say what was not made.
            if (outcome == restore::CheckOutcome::NotChecked)
                addOnce(r.notChecked, u"%1 (%2)"_s.arg(e.value("check"_L1).toString(), restore::checkReasonOf(e)));
        } else if (name == ev::Leftover) {
            addOnce(r.leftovers, e.value("what"_L1).toString());
        } else if (name == ev::PreflightFailed || name == ev::RollbackFailed || name == ev::Warning) {
            r.errors.append(e.value("message"_L1).toString());
        }
    }

    RestoreReport &r;
    QHash<QString, qsizetype> index;
    QHash<QString, QString> titles; // caution id -> its title, from the plan
    QString sessions;               // sessions-terminated, said once the rollback says they blocked
};

// Downtime from the timeline, for a run that did not measure it (a rollback, a resumed run):
// from the first stop to the last start; -1 without both.
double downtimeFromTimeline(const QList<ComponentTimeline> &components)
{
    QDateTime first, last;
    for (const ComponentTimeline &c : components) {
        if (c.stopped.isValid() && (!first.isValid() || c.stopped < first))
            first = c.stopped;
        const QDateTime up = c.rolledOut.isValid() ? c.rolledOut : c.started;
        if (up.isValid() && (!last.isValid() || up > last))
            last = up;
    }
    return first.isValid() && last.isValid() && last > first ? static_cast<double>(first.msecsTo(last)) / 1000.0 : -1;
}

} // namespace

Result<RestoreReport> RestoreReport::fromJournal(const QString &path)
{
    auto events = restore::Journal::read(path);
    if (!events)
        return events.error();
    if (events->isEmpty() || events->constFirst().value("event"_L1) != ev::RunStarted)
        return Error{Tr::tr("%1 is not the journal of a run.").arg(path), {}, 0};
    RestoreReport r;
    r.runId = QFileInfo(path).completeBaseName();
    r.outcome = u"unfinished"_s;
    JournalReader reader(r);
    for (const QJsonObject &e : *events)
        reader.read(e);
    if (r.dataState.isEmpty())
        r.dataState = r.dataStarted.isValid() ? u"started"_s : u"not started"_s;
    if (r.downtimeSeconds < 0)
        r.downtimeSeconds = downtimeFromTimeline(r.components);
    // A rollback that no step's failure explains was asked for (a cancel, an abort).
    if (r.rollbackStarted.isValid() && r.blocked.isEmpty())
        r.blocked.append(r.cancelRequested.isValid() ? Tr::tr("Nothing failed: the cancel was asked for.") : r.rollbackReason);
    describeChecks(r);
    return r;
}

QJsonObject RestoreReport::toJson() const
{
    QJsonArray cs;
    for (const Acknowledgement &a : cautions)
        cs.append(QJsonObject{{"id"_L1, a.id}, {"title"_L1, a.title}, {"acknowledgedBy"_L1, a.by}, {"acknowledgedAt"_L1, iso(a.at)}, {"text"_L1, a.text}, {"numbers"_L1, a.numbers}});
    QJsonArray comps;
    for (const ComponentTimeline &c : components)
        comps.append(QJsonObject{{"name"_L1, c.name}, {"replicasBefore"_L1, c.before}, {"replicasAfter"_L1, c.after}, {"hpa"_L1, c.hpa},
                                 {"stoppedAt"_L1, iso(c.stopped)}, {"startedAt"_L1, iso(c.started)}, {"availableAt"_L1, iso(c.rolledOut)}});
    return {{"schema"_L1, "eic-restore/report"_L1},
            {"schemaVersion"_L1, 1},
            {"runId"_L1, runId},
            {"operator"_L1, operatorName},
            {"host"_L1, host},
            {"appVersion"_L1, appVersion},
            {"ticket"_L1, ticket},
            {"workspaceMark"_L1, workspaceMark},
            {"cell"_L1, QJsonObject{{"context"_L1, context}, {"namespace"_L1, ns}, {"profile"_L1, profile}, {"server"_L1, cellIdentity.value("server"_L1)},
                                    {"namespaceUid"_L1, cellIdentity.value("namespaceUid"_L1)}}},
            {"store"_L1, storeIdentity},
            {"backup"_L1, backup},
            {"target"_L1, target},
            {"mode"_L1, mode},
            {"began"_L1, iso(began)},
            {"ended"_L1, iso(ended)},
            {"outcome"_L1, outcome},
            {"outcomeMessage"_L1, outcomeMessage},
            {"downtimeSeconds"_L1, downtimeSeconds},
            {"interruption"_L1, QJsonObject{{"cancelRequested"_L1, iso(cancelRequested)}, {"cancelStep"_L1, cancelStep}, {"blocked"_L1, QJsonArray::fromStringList(blocked)},
                                            {"rollbackStarted"_L1, iso(rollbackStarted)}, {"rollbackEnded"_L1, rollbackStarted.isValid() ? iso(ended) : QString()}}},
            {"plan"_L1, plan},
            {"cautions"_L1, cs},
            {"components"_L1, comps},
            {"dataStep"_L1, QJsonObject{{"state"_L1, dataState}, {"started"_L1, iso(dataStarted)}, {"finished"_L1, iso(dataFinished)}, {"details"_L1, dataDetails}}},
            {"measured"_L1, QJsonObject{{"before"_L1, fieldsOf(measuredBefore)}, {"after"_L1, fieldsOf(measuredAfter)}}},
            {"checks"_L1, checks},
            {"notChecked"_L1, QJsonArray::fromStringList(notChecked)},
            {"leftovers"_L1, QJsonArray::fromStringList(leftovers)},
            {"errors"_L1, QJsonArray::fromStringList(errors)}};
}

} // namespace eic::report
