// eicctl plan | restore | continue | resume | abort: the procedure engine on a terminal
// (shared/CLI.md). Every event of the run is printed as it is journaled.

#include "Cli.h"

#include "kube/KubeClient.h"
#include "profiles/ConnectionStrings.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "restore/CellSurvey.h"
#include "restore/Events.h"
#include "restore/Journal.h"
#include "restore/RestoreRunner.h"
#include "sandbox/SandboxDirectory.h"
#include "util/OsUser.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace eic::cli {

namespace {

void printJson(const QJsonObject &o)
{
    out() << QJsonDocument(o).toJson(QJsonDocument::Compact) << "\n";
    out().flush();
}

// "  ok   permissions", "  FAIL store reachable: why", "  n/a  sessions (not checked: why)":
// a check that was not made never reads as ok.
QString checkLine(const QJsonObject &e)
{
    const restore::CheckOutcome outcome = restore::checkOutcomeOf(e);
    const QString why = restore::checkReasonOf(e);
    const QString what = e.value("check"_L1).toString() + (e.contains("name"_L1) ? u" "_s + e.value("name"_L1).toString() : QString());
    switch (outcome) {
    case restore::CheckOutcome::Passed:
        return u"  ok   %1"_s.arg(what);
    case restore::CheckOutcome::Failed:
        return u"  FAIL %1%2"_s.arg(what, why.isEmpty() ? QString() : u": "_s + why);
    case restore::CheckOutcome::NotChecked:
        break;
    }
    return u"  n/a  %1 (NOT CHECKED: %2)"_s.arg(what, why);
}

// The live list of sessions that keep the wait going, once per change.
QString sessionsLine(const QJsonObject &e)
{
    QStringList who;
    for (const QJsonValue &v : e.value("sessions"_L1).toArray()) {
        const QJsonObject s = v.toObject();
        who.append(u"%1 from %2 (%3)"_s.arg(s.value("name"_L1).toString().isEmpty() ? u"(no name)"_s : s.value("name"_L1).toString(),
                                            s.value("address"_L1).toString().isEmpty() ? u"a local socket"_s : s.value("address"_L1).toString(),
                                            s.value("since"_L1).toString()));
    }
    return u"  waiting for %1 session(s) of the stopped components to end, until %2 UTC: %3 — or Ctrl-C to roll back, or acknowledge terminate-sessions"_s
        .arg(who.size()).arg(e.value("deadline"_L1).toString().mid(11, 8), who.join(u"; "_s));
}

// One line per event, as an admin reads it.
void printEvent(const QJsonObject &e, bool tty)
{
    const QString name = e.value("event"_L1).toString();
    const QString time = e.value("t"_L1).toString().mid(11, 8);
    QString line;
    if (name == "run-started"_L1)
        line = u"run %1 started by %2 on %3"_s.arg(e.value("runId"_L1).toString(), e.value("operator"_L1).toString(), e.value("host"_L1).toString());
    else if (name == "caution-acknowledged"_L1)
        line = u"caution %1 acknowledged by %2"_s.arg(e.value("id"_L1).toString(), e.value("by"_L1).toString());
    else if (name == "step-started"_L1)
        line = u"[%1] ..."_s.arg(e.value("step"_L1).toString());
    else if (name == "step-finished"_L1)
        line = u"[%1] done (%2 s)"_s.arg(e.value("step"_L1).toString()).arg(e.value("seconds"_L1).toDouble(), 0, 'f', 1);
    else if (name == "step-failed"_L1)
        line = u"[%1] FAILED: %2"_s.arg(e.value("step"_L1).toString(), e.value("message"_L1).toString());
    else if (name == restore::ev::Check)
        line = checkLine(e);
    else if (name == "component-recorded"_L1)
        line = u"  recorded %1 = %2 replica(s)"_s.arg(e.value("name"_L1).toString()).arg(e.value("replicas"_L1).toInt());
    else if (name == "scaled"_L1)
        line = u"  %1 scaled to %2%3"_s.arg(e.value("name"_L1).toString()).arg(e.value("to"_L1).toInt()).arg(e.value("rollback"_L1).toBool() ? u" (rollback)"_s : QString());
    else if (name == "rolled-out"_L1)
        line = u"  %1 rolled out (%2 replica(s))"_s.arg(e.value("name"_L1).toString()).arg(e.value("replicas"_L1).toInt());
    else if (name == "pods-gone"_L1)
        line = u"  no pod of the stopped components remains"_s;
    else if (name == "sessions-gone"_L1)
        line = u"  no session of them remains in the %1"_s.arg(e.value("store"_L1).toString());
    else if (name == "sessions-terminated"_L1)
        line = u"  %1 session(s) ended (terminate-sessions)"_s.arg(e.value("count"_L1).toInt());
    else if (name == "data-started"_L1)
        line = u"  data step (%1) started"_s.arg(e.value("mode"_L1).toString());
    else if (name == "data-finished"_L1)
        line = u"  data step: %1"_s.arg(e.value("state"_L1).toString());
    else if (name == "data-progress"_L1) {
        if (!tty)
            return;
        err() << u"\r\x1b[K  %1 %2/%3 keys, %4 keys/s"_s.arg(e.value("phase"_L1).toString()).arg(e.value("keys"_L1).toInteger()).arg(e.value("keysTotal"_L1).toInteger())
                     .arg(e.value("keysPerSecond"_L1).toDouble(), 0, 'f', 0);
        err().flush();
        return;
    } else if (name == "rollback-started"_L1)
        line = u"ROLLING BACK: %1"_s.arg(e.value("reason"_L1).toString());
    else if (name == "observed"_L1)
        line = u"  %1 has %2 replicas now (recorded %3)"_s.arg(e.value("name"_L1).toString()).arg(e.value("replicas"_L1).toInt()).arg(e.value("recorded"_L1).toInt());
    else if (name == restore::ev::SessionsWaiting)
        line = sessionsLine(e);
    else if (name == restore::ev::CellIdentity)
        line = u"  cell: %1, namespace %2%3"_s.arg(e.value("server"_L1).toString(), e.value("namespace"_L1).toString(),
                                                e.value("namespaceUid"_L1).toString().isEmpty() ? QString() : u" (uid "_s + e.value("namespaceUid"_L1).toString() + u')');
    else if (name == restore::ev::StoreIdentity)
        line = u"  store: %1 %2"_s.arg(e.value("kind"_L1).toString(), e.value("address"_L1).toString());
    else if (name == restore::ev::ChildStarted)
        line = u"  started %1 (pid %2)"_s.arg(e.value("program"_L1).toString()).arg(e.value("pid"_L1).toInteger());
    else if (name == restore::ev::ChildEnded && e.value("survivor"_L1).toBool())
        line = u"  ended %1 (pid %2), left running by the interrupted run"_s.arg(e.value("program"_L1).toString()).arg(e.value("pid"_L1).toInteger());
    else if (name == restore::ev::Leftover)
        line = u"  LEFT BEHIND: %1 (%2); remove it with: %3"_s.arg(e.value("what"_L1).toString(), e.value("message"_L1).toString(), e.value("remove"_L1).toString());
    else if (name == restore::ev::CancelRequested)
        line = u"CANCEL requested%1"_s.arg(e.value("step"_L1).toString().isEmpty() ? QString() : u" during "_s + e.value("step"_L1).toString());
    else if (name == "lock-acquired"_L1)
        line = u"  lock taken (Lease %1)"_s.arg(e.value("lease"_L1).toString());
    else if (name == "warning"_L1)
        line = u"  warning: %1"_s.arg(e.value("message"_L1).toString());
    else if (name == "resume-started"_L1 || name == "abort-started"_L1 || name == "continue-started"_L1)
        line = u"%1 by %2"_s.arg(name.section(u'-', 0, 0), e.value("by"_L1).toString());
    else
        return;
    out() << time << "  " << line << "\n";
    out().flush();
}

struct Target {
    cell::RestoreTarget target;
    restore::DataMode mode;
};

Result<Target> parseTarget(const Options &o, bool needMode)
{
    if (o.args.size() >= 2 && o.args.at(1) == "message-service"_L1) {
        restore::PlanInput in;
        in.messageService = true;
        return Error{restore::RestorePlanner::plan(in).refusal, {}, PreflightFailed};
    }
    if (o.args.size() < 2 || (o.args.at(1) != "database"_L1 && o.args.at(1) != "datastore"_L1))
        return Error{u"say what to restore: database or datastore"_s, {}, Usage};
    // A shell glob that matched two backups must not quietly restore one of them.
    if (o.args.size() > 2)
        return Error{u"unexpected argument%1 \"%2\" (only one backup goes after --from; quote a path with spaces)"_s
                         .arg(o.args.size() > 3 ? u"s"_s : QString(), o.args.mid(2).join(u"\" \""_s)), {}, Usage};
    Target t{o.args.at(1) == "database"_L1 ? cell::RestoreTarget::Database : cell::RestoreTarget::Datastore, restore::DataMode::External};
    if (o.mode.isEmpty() && needMode)
        return Error{u"say how the data comes back: --mode external|archive|new-instance"_s, {}, Usage};
    if (!o.mode.isEmpty()) {
        const auto mode = restore::modeFromName(o.mode);
        if (!mode)
            return Error{u"--mode must be external, archive or new-instance (got \"%1\")"_s.arg(o.mode), {}, Usage};
        t.mode = *mode;
    }
    if (t.mode == restore::DataMode::Archive && o.from.isEmpty())
        return Error{u"--mode archive needs --from PATH (a backup taken by eicctl backup)"_s, {}, Usage};
    if (t.mode != restore::DataMode::External && !o.dataCommand.isEmpty())
        return Error{u"--data-command belongs to --mode external"_s, {}, Usage};
    if (!o.pointInTime.isEmpty() && (t.mode != restore::DataMode::External || t.target != cell::RestoreTarget::Database))
        return Error{u"--point-in-time belongs to an external database restore"_s, {}, Usage};
    if (const qsizetype n = o.ticket.simplified().size(); n > 200)
        return Error{u"--ticket holds at most 200 characters (got %1)"_s.arg(n), {}, Usage};
    QStringList known;
    for (const restore::CautionGuide &g : restore::cautionGuide())
        known.append(g.id);
    for (const QString &id : o.accept)
        if (!known.contains(id))
            return Error{u"--accept: unknown caution \"%1\" (known: %2)"_s.arg(id, known.join(u", "_s)), {}, Usage};
    return t;
}

// The store connection the run uses, if the admin gave one (--profile, --database, --datastore).
Result<restore::StoreAccess> storeAccess(const Options &o, cell::RestoreTarget target)
{
    restore::StoreAccess access;
    if (target == cell::RestoreTarget::Database) {
        if (o.database.isEmpty() && o.profile.isEmpty())
            return access;
        auto db = databaseTarget(o);
        if (!db) {
            if (o.database.isEmpty() && db.error().message.contains(u"has no database connection"_s))
                return access;
            return db.error();
        }
        access.database = db->first;
    } else {
        if (o.datastore.isEmpty() && o.profile.isEmpty())
            return access;
        auto ds = datastoreTarget(o);
        if (!ds) {
            if (o.datastore.isEmpty() && ds.error().message.contains(u"has no data store connection"_s))
                return access;
            return ds.error();
        }
        access.datastore = ds->first;
    }
    return access;
}

// Runs the event loop until the runner ends; prints its events; returns its exit code.
int drive(restore::RestoreRunner &runner, const Options &o, const std::function<void()> &go)
{
    const bool tty = ::isatty(STDERR_FILENO);
    int code = Failed;
    QEventLoop loop;
    QObject::connect(&runner, &restore::RestoreRunner::event, &runner, [&](const QJsonObject &e) {
        if (o.json)
            printJson(e);
        else
            printEvent(e, tty);
    });
    QObject::connect(&runner, &restore::RestoreRunner::awaitingData, &runner, [&](const QStringList &instructions) {
        if (o.json)
            return;
        out() << "\nThe data step is yours now:\n";
        for (const QString &line : instructions)
            out() << "  - " << line << "\n";
        out().flush();
    });
    QObject::connect(&runner, &restore::RestoreRunner::finished, &runner, [&](const restore::RunOutcome &r) {
        code = r.exitCode;
        if (o.json)
            printJson({{"event"_L1, "outcome"_L1}, {"exitCode"_L1, r.exitCode}, {"message"_L1, r.message}, {"runId"_L1, r.runId}, {"journal"_L1, r.journal},
                       {"downtimeSeconds"_L1, r.downtimeSeconds}});
        else if (r.exitCode == Done)
            out() << r.message << "\n";
        else
            err() << "eicctl: " << r.message << "\n";
        if (!o.json && !r.journal.isEmpty())
            out() << "journal: " << r.journal << "\n";
        loop.quit();
    });
    auto interrupts = std::make_shared<int>(0);
    interruptHandler() = [&runner, interrupts] {
        err() << (++*interrupts == 1 ? "\neicctl: interrupted; cancelling (what was stopped returns to its recorded count)...\n"
                                     : "\neicctl: still rolling back; it is not interrupted, so that no component stays at 0. Wait for it to end.\n");
        runner.cancel();
    };
    const KeepGoingOnHangup keepGoing; // the journal and eicctl report list tell how it ended
    QTimer::singleShot(0, &runner, go);
    loop.exec();
    interruptHandler() = {};
    out().flush(); // while a reader that is gone cannot kill eicctl yet
    err().flush();
    return code;
}

// "sandbox" when the cell is a sandbox's simulated one: its kubeconfig lies in a directory that
// `eicctl sandbox` marked, whose sandbox.json names the same API server. Else no mark.
QString workspaceMarkOf(const kube::ResolvedContext &ctx)
{
    if (ctx.cluster.sourceFile.isEmpty())
        return {};
    const QDir dir = QFileInfo(ctx.cluster.sourceFile).absoluteDir();
    QFile description(dir.filePath(u"sandbox.json"_s));
    if (!QFileInfo::exists(dir.filePath(QLatin1StringView(sandbox::SandboxDirectory::kMarker))) || !description.open(QIODevice::ReadOnly))
        return {};
    const QUrl api(QJsonDocument::fromJson(description.read(1 << 20)).object().value("apiServer"_L1).toString());
    return api.isValid() && api.adjusted(QUrl::StripTrailingSlash) == ctx.cluster.server.adjusted(QUrl::StripTrailingSlash) ? u"sandbox"_s : QString();
}

struct Prepared {
    std::unique_ptr<kube::KubeClient> client;
    restore::RunRequest request;
};

Result<Prepared> prepare(const Options &o, const Target &t)
{
    auto ctx = cellContext(o);
    if (!ctx)
        return ctx.error();
    Prepared p;
    p.client = std::make_unique<kube::KubeClient>(*ctx);
    p.client->setTimeoutMs(o.timeoutSeconds * 1000);
    auto access = storeAccess(o, t.target);
    if (!access)
        return access.error();
    if (t.mode == restore::DataMode::NewInstance) {
        p.request.newInstance = *access;
        if (t.target == cell::RestoreTarget::Database ? !access->database : !access->datastore)
            return Error{u"--mode new-instance needs the new instance's address: --%1"_s.arg(t.target == cell::RestoreTarget::Database ? u"database CONNINFO"_s : u"datastore URL"_s), {}, Usage};
    } else {
        p.request.store = *access;
        if (t.mode == restore::DataMode::Archive && (t.target == cell::RestoreTarget::Database ? !access->database : !access->datastore))
            return Error{u"--mode archive restores into the store: say which with --%1 or --profile NAME"_s.arg(t.target == cell::RestoreTarget::Database ? u"database CONNINFO"_s : u"datastore URL"_s), {}, Usage};
        p.request.storeAddress = t.target == cell::RestoreTarget::Database ? o.database : o.datastore;
        p.request.storeCaFile = t.target == cell::RestoreTarget::Database ? QString() : o.datastoreCa;
    }
    p.request.operatorName = util::osUser();
    p.request.host = QHostInfo::localHostName();
    p.request.appVersion = QStringLiteral(EIC_VERSION);
    p.request.accepted = o.accept;
    p.request.profile = o.profile;
    p.request.ticket = o.ticket;
    p.request.workspaceMark = workspaceMarkOf(*ctx);
    return p;
}

// The plan for this cell, from a survey of it (nothing changes).
Result<restore::RestorePlan> makePlan(Prepared &p, const Options &o, const Target &t)
{
    restore::PlanInput in;
    in.target = t.target;
    in.mode = t.mode;
    in.ns = p.client->context().ns.isEmpty() ? u"edge-icell"_s : p.client->context().ns;
    in.context = p.client->context().context;
    in.archive = o.from;
    in.dataCommand = o.dataCommand;
    if (!o.pointInTime.isEmpty()) {
        in.pointInTime = QDateTime::fromString(o.pointInTime, Qt::ISODate);
        if (!in.pointInTime.isValid())
            return Error{u"--point-in-time must be an ISO 8601 time, e.g. 2026-11-24T02:00:00Z"_s, {}, Usage};
    }
    in.lastRehearsalDowntimeSeconds = restore::Journal::lastDowntimeSeconds(restore::targetName(t.target));
    std::optional<Result<restore::PlanInput>> surveyed;
    QEventLoop loop;
    QObject guard;
    restore::surveyCell(p.client.get(), in, t.mode == restore::DataMode::NewInstance ? p.request.newInstance : p.request.store, &guard,
                        [&](const Result<restore::PlanInput> &r) {
                            surveyed = r;
                            loop.quit();
                        });
    if (!surveyed)
        loop.exec();
    if (!*surveyed)
        return surveyed->error();
    return restore::RestorePlanner::plan(surveyed->value());
}

Result<bool> updateProfileFor(const Options &o, cell::RestoreTarget target);

// The exit code of a failure before anything ran: usage (2), or its own code, or 1.
int exitFor(const Error &e)
{
    if (e.code == Usage)
        return usage(e.message);
    failed(e.message);
    // Nothing ran yet: a failure here changed nothing (an HTTP status is never an exit code).
    return restore::exitCodeOf(e, PreflightFailed);
}

// What plan and restore share: the target, the connections and the plan from a survey.
struct Planned {
    Target target;
    Prepared prepared;
    restore::RestorePlan plan;
};

Result<Planned> planned(const Options &o, bool needMode)
{
    auto t = parseTarget(o, needMode);
    if (!t)
        return t.error();
    auto p = prepare(o, *t);
    if (!p)
        return p.error();
    auto thePlan = makePlan(p.value(), o, *t);
    if (!thePlan)
        return thePlan.error();
    p.value().request.plan = *thePlan;
    return Planned{*t, std::move(p.value()), *thePlan};
}

} // namespace

int plan(const Options &o)
{
    auto ready = planned(o, false);
    if (!ready)
        return exitFor(ready.error());
    Planned &p = ready.value();
    if (!o.json)
        out() << p.plan.toText() << "\nPre-flight (server-side dry run; nothing changes):\n";
    out().flush();
    restore::RestoreRunner runner(p.prepared.client.get());
    QJsonArray checks;
    int code = Failed;
    QString message;
    QEventLoop loop;
    QObject::connect(&runner, &restore::RestoreRunner::event, &runner, [&](const QJsonObject &e) {
        if (e.value("event"_L1) == "check"_L1)
            checks.append(e);
        if (!o.json)
            printEvent(e, false);
    });
    QObject::connect(&runner, &restore::RestoreRunner::finished, &runner, [&](const restore::RunOutcome &r) {
        code = r.exitCode;
        message = r.message;
        loop.quit();
    });
    QTimer::singleShot(0, &runner, [&] { runner.dryRun(p.prepared.request); });
    loop.exec();
    if (o.json)
        printJson(QJsonObject{{"plan"_L1, p.plan.toJson()}, {"preflight"_L1, QJsonObject{{"ok"_L1, code == Done}, {"message"_L1, message}, {"checks"_L1, checks}}}});
    else if (code == Done)
        out() << message << "\n";
    else
        err() << "eicctl: " << message << "\n";
    return code;
}

int restore(const Options &o)
{
    auto ready = planned(o, true);
    if (!ready)
        return exitFor(ready.error());
    Planned &p = ready.value();
    if (p.target.mode == restore::DataMode::NewInstance && !o.profile.isEmpty()) {
        const cell::RestoreTarget target = p.target.target;
        p.prepared.request.updateProfile = [o, target] { return updateProfileFor(o, target); };
    }
    restore::RestoreRunner runner(p.prepared.client.get());
    return drive(runner, o, [&] { runner.start(p.prepared.request); });
}

namespace {

// resume/continue/abort finish the run as it was planned: options that would change what it
// does are refused with a sentence; a connection option the run does not use is noted and
// ignored (while the cell is down, a retyped command must not fail over an extra option).
std::optional<int> checkResumeOptions(Options &o, const restore::JournalState &state, const QString &how)
{
    QStringList changing;
    for (const auto &[given, name] : {std::pair{!o.mode.isEmpty(), "--mode"}, {!o.from.isEmpty(), "--from"}, {!o.accept.isEmpty(), "--accept"},
                                      {!o.dataCommand.isEmpty(), "--data-command"}, {!o.pointInTime.isEmpty(), "--point-in-time"}})
        if (given)
            changing.append(QLatin1String(name));
    if (!changing.isEmpty())
        return usage(u"the run %1 goes on as it was planned (%2 %3 restore, acknowledged: %4); %5 would change what it does. Nothing was changed: "
                     "run eicctl %6 without %5, or eicctl abort and start a new restore."_s
                         .arg(state.runId, restore::modeName(state.plan.mode), restore::targetName(state.plan.target),
                              state.accepted.isEmpty() ? u"none"_s : state.accepted.join(u','), changing.join(u", "_s), how));
    if (!o.ticket.isEmpty())
        err() << "eicctl: note: --ticket is not used: the run " << state.runId << " keeps its own ("
              << (state.start.value("ticket"_L1).toString().isEmpty() ? u"none"_s : state.start.value("ticket"_L1).toString()) << ").\n";
    const bool database = state.plan.target == cell::RestoreTarget::Database;
    QString &unused = database ? o.datastore : o.database;
    if (!unused.isEmpty()) {
        err() << "eicctl: note: --" << (database ? "datastore" : "database") << " is not used: the run " << state.runId << " restores the "
              << (database ? "database" : "data store") << ".\n";
        unused.clear();
    }
    if (how == "continue"_L1 && restore::dataStateFromName(state.dataState) != restore::DataState::Awaiting)
        return usage(u"the run %1 does not wait for a data step (its data step: %2); use eicctl resume or abort"_s.arg(state.runId, state.dataState));
    return std::nullopt;
}

// The store is reached as the run reached it: its profile, or the address it was given
// (journaled without a password; that comes from PGPASSWORD/.pgpass or REDISCLI_AUTH again).
Options reachingTheStore(const Options &o, const restore::JournalState &state)
{
    Options with = o;
    const bool database = state.plan.target == cell::RestoreTarget::Database;
    if (with.profile.isEmpty() && o.database.isEmpty() && o.datastore.isEmpty()) {
        with.profile = state.start.value("profile"_L1).toString();
        if (with.profile.isEmpty()) {
            (database ? with.database : with.datastore) = state.start.value("storeAddress"_L1).toString();
            if (!database && with.datastoreCa.isEmpty())
                with.datastoreCa = state.start.value("storeCaFile"_L1).toString();
        }
    }
    return with;
}

} // namespace

int resumeRun(const Options &given, const QString &how)
{
    Options o = given;
    const QStringList open = restore::Journal::unfinished();
    auto ctx = cellContext(o);
    if (!ctx)
        return failed(ctx.error().message);
    kube::KubeClient client(*ctx);
    client.setTimeoutMs(o.timeoutSeconds * 1000);
    restore::RestoreRunner runner(&client);
    if (open.isEmpty()) {
        if (how != "abort"_L1) {
            err() << "eicctl: no interrupted restore in the journal (" << restore::Journal::runsDir()
                  << "). If deployments still carry eic-restore/original-replicas, eicctl abort puts them back.\n";
            return Failed;
        }
        const QString ns = ctx->ns.isEmpty() ? u"edge-icell"_s : ctx->ns;
        return drive(runner, o, [&] { runner.abortFromAnnotations(ns); });
    }
    auto state = restore::JournalState::load(open.first());
    if (!state)
        return failed(state.error().message);
    if (const auto refused = checkResumeOptions(o, *state, how))
        return *refused;
    restore::RunRequest request;
    request.operatorName = util::osUser();
    request.host = QHostInfo::localHostName();
    request.appVersion = QStringLiteral(EIC_VERSION);
    // abort uses the store only to check it is the run's, when one is given.
    Options reach = how == "abort"_L1 ? o : reachingTheStore(o, *state);
    if (how == "abort"_L1)
        reach.profile.clear(); // no password prompt for a store abort does not write to
    auto access = storeAccess(reach, state->plan.target);
    if (!access && how != "abort"_L1)
        return failed(access.error().message);
    if (access)
        request.store = *access;
    const bool database = state->plan.target == cell::RestoreTarget::Database;
    // An archive restore that has not finished its data step writes into the store again.
    if (how != "abort"_L1 && state->plan.mode == restore::DataMode::Archive && restore::dataStateFromName(state->dataState) != restore::DataState::Done
        && (database ? !request.store.database : !request.store.datastore))
        return usage(u"the run %1 restores a backup and needs its store: --%2 or --profile NAME (or eicctl abort to roll it back)"_s
                         .arg(state->runId, database ? u"database CONNINFO"_s : u"datastore URL"_s));
    const restore::ResumeCommand command = how == "abort"_L1 ? restore::ResumeCommand::Abort
                                         : how == "continue"_L1 ? restore::ResumeCommand::Continue
                                                                : restore::ResumeCommand::Resume;
    // -n names the namespace to check against the run's; without it, the run's own.
    return drive(runner, o, [&] { runner.resume(open.first(), request, command, o.ns); });
}

namespace {

Result<bool> updateProfileFor(const Options &o, cell::RestoreTarget target)
{
    profiles::ProfileStore store;
    if (auto loaded = store.load(); !loaded)
        return loaded.error();
    const profiles::Profile *found = store.find(o.profile);
    if (!found)
        return Error{u"There is no profile \"%1\"."_s.arg(o.profile), {}, 0};
    profiles::Profile p = *found;
    if (target == cell::RestoreTarget::Database) {
        auto db = profiles::parseDatabaseConninfo(o.database);
        if (!db)
            return db.error();
        p.database = *db;
    } else {
        auto ds = profiles::parseDatastoreUrl(o.datastore);
        if (!ds)
            return ds.error();
        p.datastore = ds.value();
        p.datastore.caFile = o.datastoreCa;
    }
    return store.update(p);
}

} // namespace

} // namespace eic::cli
