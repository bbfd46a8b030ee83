#include "RestoreRunner.h"

#include "kube/KubeClient.h"
#include "kube/Reflector.h"
#include "kube/Retry.h"
#include "stores/postgres/PgInspection.h"
#include "stores/postgres/PgRestore.h"
#include "stores/redis/RedisBackupFile.h"
#include "stores/redis/RedisInspection.h"
#include "stores/redis/RedisJobs.h"
#include "stores/redis/RedisTopology.h"
#include "util/Background.h"

#include <algorithm>
#include <iterator>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>

#include <csignal>
#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

QString microTime(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz000Z"_s);
}

// Calls `each` for every item at once; `done` once all answered, with the first error.
template <typename T>
void parallel(const QList<T> &items, std::function<void(const T &, std::function<void(const Result<bool> &)>)> each,
              std::function<void(const Result<bool> &)> done)
{
    if (items.isEmpty())
        return done(true);
    auto left = std::make_shared<int>(static_cast<int>(items.size()));
    auto firstError = std::make_shared<std::optional<Error>>();
    for (const T &item : items)
        each(item, [left, firstError, done](const Result<bool> &r) {
            if (!r && !firstError->has_value())
                *firstError = r.error();
            if (--*left == 0)
                done(firstError->has_value() ? Result<bool>(**firstError) : Result<bool>(true));
        });
}

} // namespace

RestoreRunner::RestoreRunner(kube::KubeClient *client, QObject *parent)
    : QObject(parent)
    // A connection pool of its own: the dashboard's long-running watches hold most of a shared
    // client's connections to the API server (six per host), and a scale must never queue behind them.
    , m_client(new kube::KubeClient(client->context(), this))
{
    qRegisterMetaType<RunOutcome>();
    m_crashAt = qEnvironmentVariable("EIC_TEST_CRASH_AT");
    m_leaseTimer.setInterval(10000);
    connect(&m_leaseTimer, &QTimer::timeout, this, &RestoreRunner::renewLease);
}

RestoreRunner::~RestoreRunner() = default;

// ---------------------------------------------------------------------------------- journal

void RestoreRunner::log(const QString &name, QJsonObject fields)
{
    if (m_journal && !m_journalError) {
        auto written = m_journal->append(name, fields);
        if (!written) {
            m_journalError = written.error();
            spdlog::error("{}", written.error().toString().toStdString());
        } else {
            fields = *written;
        }
    } else {
        fields["t"_L1] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        fields["event"_L1] = name;
    }
    Q_EMIT event(fields);
    if (!m_crashAt.isEmpty()) {
        const QString key = fields.contains("step"_L1) ? name + u':' + fields.value("step"_L1).toString() : name;
        if (key == m_crashAt) {
            spdlog::warn("test seam: SIGKILL after journal event {}", key.toStdString());
            ::raise(SIGKILL);
        }
    }
}

void RestoreRunner::step(const QString &id, const std::function<void(Then)> &body, const std::function<void()> &next)
{
    if (m_cancelled)
        return rollback(tr("The restore was cancelled."));
    log(u"step-started"_s, {{"step"_L1, id}});
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    body([this, id, clock, next](const Result<bool> &r) {
        if (m_finished)
            return;
        if (!r) {
            log(u"step-failed"_s, {{"step"_L1, id}, {"message"_L1, r.error().message}});
            return rollback(r.error().message);
        }
        if (m_journalError)
            return rollback(m_journalError->message);
        log(u"step-finished"_s, {{"step"_L1, id}, {"seconds"_L1, static_cast<double>(clock->elapsed()) / 1000.0}});
        if (m_cancelled)
            return rollback(tr("The restore was cancelled."));
        next();
    });
}

// ---------------------------------------------------------------------------------- kube

void RestoreRunner::call(const QByteArray &verb, const QString &path, const QByteArray &body, const QByteArray &type,
                         std::function<void(const Result<QJsonObject> &)> cb)
{
    kube::withRetries<QJsonObject>(this, [=, this](auto reply) { m_client->send(verb, path, body, type, this, reply); }, cb);
}

void RestoreRunner::scaleTo(const QString &name, int replicas, bool dryRun, std::function<void(const Result<int> &)> cb)
{
    kube::withRetries<int>(this, [=, this](auto reply) { m_client->patchScale(m_ns, name, replicas, dryRun, this, reply); }, cb);
}

void RestoreRunner::readScale(const QString &name, std::function<void(const Result<int> &)> cb)
{
    kube::withRetries<int>(this, [=, this](auto reply) { m_client->getScale(m_ns, name, this, reply); }, cb);
}

void RestoreRunner::annotate(const QString &name, std::optional<int> replicas, Then cb)
{
    const QJsonValue value = replicas ? QJsonValue(QString::number(*replicas)) : QJsonValue(QJsonValue::Null);
    const QJsonObject patch{{"metadata"_L1, QJsonObject{{"annotations"_L1, QJsonObject{{QLatin1String(kAnnotation), value}}}}}};
    call("PATCH", u"/apis/apps/v1/namespaces/%1/deployments/%2"_s.arg(m_ns, name), QJsonDocument(patch).toJson(QJsonDocument::Compact),
         "application/merge-patch+json", [cb](const Result<QJsonObject> &r) {
             if (!r)
                 return cb(r.error());
             cb(true);
         });
}

// ---------------------------------------------------------------------------------- lease

void RestoreRunner::acquireLease(Then done)
{
    const QString path = u"/apis/coordination.k8s.io/v1/namespaces/%1/leases/%2"_s.arg(m_ns, QLatin1String(kLeaseName));
    call("GET", path, {}, {}, [this, path, done](const Result<QJsonObject> &got) {
        const QString now = microTime(QDateTime::currentDateTimeUtc());
        QJsonObject spec{{"holderIdentity"_L1, m_holder}, {"leaseDurationSeconds"_L1, m_req.leaseDurationSeconds},
                         {"acquireTime"_L1, now}, {"renewTime"_L1, now}};
        if (!got && got.error().code == 404) {
            const QJsonObject lease{{"apiVersion"_L1, "coordination.k8s.io/v1"_L1}, {"kind"_L1, "Lease"_L1},
                                    {"metadata"_L1, QJsonObject{{"name"_L1, QLatin1String(kLeaseName)}, {"namespace"_L1, m_ns}}}, {"spec"_L1, spec}};
            call("POST", u"/apis/coordination.k8s.io/v1/namespaces/%1/leases"_s.arg(m_ns), QJsonDocument(lease).toJson(QJsonDocument::Compact),
                 "application/json", [this, done](const Result<QJsonObject> &created) {
                     leaseWritten(created, done); // 409: someone was faster, or our own create's answer got lost
                 });
            return;
        }
        if (!got)
            return done(got.error());
        const QJsonObject old = got->value("spec"_L1).toObject();
        const QString holder = old.value("holderIdentity"_L1).toString();
        const QDateTime renewed = QDateTime::fromString(old.value("renewTime"_L1).toString(), Qt::ISODateWithMs);
        const int duration = old.value("leaseDurationSeconds"_L1).toInt(60);
        const bool ours = holder.section(u' ', 0, 0) == m_holder.section(u' ', 0, 0); // same run id
        const bool expired = !renewed.isValid() || renewed.addSecs(duration) < QDateTime::currentDateTimeUtc() || holder.isEmpty();
        if (!ours && !expired)
            return done(Error{tr("Another restore of this cell is in progress: the lock (Lease %1/%2) is held by %3, renewed %4 UTC. Wait for it to end, or resume/abort it where it runs.")
                                  .arg(m_ns, QLatin1String(kLeaseName), holder, renewed.toString(u"HH:mm:ss"_s)),
                              {}, 0});
        QJsonObject lease = *got;
        if (ours)
            spec["acquireTime"_L1] = old.value("acquireTime"_L1);
        lease["spec"_L1] = spec;
        call("PUT", path, QJsonDocument(lease).toJson(QJsonDocument::Compact), "application/json",
             [this, done](const Result<QJsonObject> &updated) { leaseWritten(updated, done); });
    });
}

// After a create or update of the Lease: held (and renewed from now on), or on a conflict look again.
void RestoreRunner::leaseWritten(const Result<QJsonObject> &written, Then done)
{
    if (!written && written.error().code == 409)
        return acquireLease(done);
    if (!written)
        return done(written.error());
    m_leaseHeld = true;
    m_leaseTimer.start();
    done(true);
}

void RestoreRunner::renewLease()
{
    if (!m_leaseHeld)
        return;
    acquireLease([](const Result<bool> &r) {
        if (!r)
            spdlog::warn("the restore lock could not be renewed: {}", r.error().toString().toStdString());
    });
}

void RestoreRunner::releaseLease(std::function<void()> then)
{
    m_leaseTimer.stop();
    if (!m_leaseHeld)
        return then();
    m_leaseHeld = false;
    call("DELETE", u"/apis/coordination.k8s.io/v1/namespaces/%1/leases/%2"_s.arg(m_ns, QLatin1String(kLeaseName)), {}, {},
         [this, then](const Result<QJsonObject> &r) {
             if (!r && r.error().code != 404)
                 log(u"warning"_s, {{"message"_L1, tr("The lock could not be released (%1); it expires by itself.").arg(r.error().message)}});
             else
                 log(u"lock-released"_s);
             then();
         });
}

// ---------------------------------------------------------------------------------- watches

void RestoreRunner::startWatches()
{
    if (m_deployments)
        return;
    kube::Reflector::Options deployments;
    deployments.collectionPath = u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(m_ns);
    kube::Reflector::Options pods;
    pods.collectionPath = u"/api/v1/namespaces/%1/pods"_s.arg(m_ns);
    m_deployments = new kube::Reflector(m_client, deployments, this);
    m_pods = new kube::Reflector(m_client, pods, this);
    for (kube::Reflector *r : {m_deployments, m_pods}) {
        connect(r, &kube::Reflector::changed, this, &RestoreRunner::recheckWaiters);
        connect(r, &kube::Reflector::synced, this, &RestoreRunner::recheckWaiters);
        r->start();
    }
}

// Pods per component (terminating ones included), for the live views: an event that is not
// journaled, sent when the counts change.
void RestoreRunner::reportPods()
{
    if (!m_pods || !m_deployments || !m_pods->hasSynced() || !m_deployments->hasSynced() || m_recorded.isEmpty())
        return;
    QJsonObject counts;
    for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it) {
        const QJsonObject sel = m_deployments->items().value(m_ns + u'/' + it.key()).value("spec"_L1).toObject().value("selector"_L1).toObject().value("matchLabels"_L1).toObject();
        int n = 0;
        int terminating = 0;
        for (const QJsonObject &pod : m_pods->items()) {
            const QJsonObject meta = pod.value("metadata"_L1).toObject();
            const QJsonObject labels = meta.value("labels"_L1).toObject();
            bool match = !sel.isEmpty();
            for (auto l = sel.begin(); l != sel.end() && match; ++l)
                match = labels.value(l.key()) == l.value();
            if (!match)
                continue;
            ++n;
            if (meta.contains("deletionTimestamp"_L1))
                ++terminating;
        }
        counts[it.key()] = QJsonObject{{"pods"_L1, n}, {"terminating"_L1, terminating}};
    }
    if (counts == m_lastPodCounts)
        return;
    m_lastPodCounts = counts;
    Q_EMIT event(QJsonObject{{"event"_L1, u"pods"_s}, {"t"_L1, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)}, {"counts"_L1, counts}});
}

void RestoreRunner::recheckWaiters()
{
    reportPods();
    const auto waiters = m_waiters;
    for (const auto &w : waiters) {
        if (!m_waiters.contains(w))
            continue;
        std::optional<QString> failure = w->failure ? w->failure() : std::nullopt;
        if (!failure && !w->condition())
            continue;
        m_waiters.removeAll(w);
        w->timer->deleteLater();
        if (failure)
            w->done(Error{*failure, {}, 0});
        else
            w->done(true);
    }
}

void RestoreRunner::waitFor(const QString &what, int timeoutMs, std::function<std::optional<QString>()> failure, std::function<bool()> condition, Then done)
{
    auto w = std::make_shared<Waiter>(Waiter{std::move(condition), std::move(failure), std::move(done), new QTimer(this)});
    w->timer->setSingleShot(true);
    connect(w->timer, &QTimer::timeout, this, [this, w, what, timeoutMs] {
        if (!m_waiters.removeAll(w))
            return;
        w->timer->deleteLater();
        w->done(Error{tr("%1 did not happen within %2 s.").arg(what).arg(timeoutMs / 1000), {}, 0});
    });
    w->timer->start(timeoutMs);
    m_waiters.append(w);
    recheckWaiters();
}

bool RestoreRunner::podsGone() const
{
    if (!m_pods->hasSynced() || !m_deployments->hasSynced())
        return false;
    QList<QJsonObject> selectors;
    for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it) {
        const QJsonObject d = m_deployments->items().value(m_ns + u'/' + it.key());
        selectors.append(d.value("spec"_L1).toObject().value("selector"_L1).toObject().value("matchLabels"_L1).toObject());
    }
    for (const QJsonObject &pod : m_pods->items()) {
        const QJsonObject labels = pod.value("metadata"_L1).toObject().value("labels"_L1).toObject();
        for (const QJsonObject &sel : selectors) {
            if (sel.isEmpty())
                continue;
            bool match = true;
            for (auto it = sel.begin(); it != sel.end() && match; ++it)
                match = labels.value(it.key()) == it.value();
            if (match) {
                const QString ip = pod.value("status"_L1).toObject().value("podIP"_L1).toString();
                if (!ip.isEmpty())
                    m_podIps.insert(ip); // their sessions are looked for after the pods are gone
                return false;
            }
        }
    }
    return true;
}

// kubectl rollout status's rules, for every recorded component.
bool RestoreRunner::rolledOut() const
{
    if (!m_deployments->hasSynced())
        return false;
    for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it) {
        const QJsonObject d = m_deployments->items().value(m_ns + u'/' + it.key());
        if (d.isEmpty())
            return false;
        const QJsonObject spec = d.value("spec"_L1).toObject();
        const QJsonObject status = d.value("status"_L1).toObject();
        const int want = spec.value("replicas"_L1).toInt(1);
        if (want != it.value())
            return false;
        if (d.value("metadata"_L1).toObject().value("generation"_L1).toInteger() > status.value("observedGeneration"_L1).toInteger())
            return false;
        const int updated = status.value("updatedReplicas"_L1).toInt();
        if (updated < want || status.value("replicas"_L1).toInt() > updated || status.value("availableReplicas"_L1).toInt() < updated)
            return false;
    }
    return true;
}

std::optional<QString> RestoreRunner::rolloutFailure() const
{
    for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it) {
        const QJsonObject d = m_deployments->items().value(m_ns + u'/' + it.key());
        for (const QJsonValue &c : d.value("status"_L1).toObject().value("conditions"_L1).toArray()) {
            const QJsonObject cond = c.toObject();
            if (cond.value("type"_L1) == "Progressing"_L1 && cond.value("reason"_L1) == "ProgressDeadlineExceeded"_L1)
                return tr("The rollout of %1 failed: its progress deadline was exceeded (%2).").arg(it.key(), cond.value("message"_L1).toString());
        }
    }
    return std::nullopt;
}

// ---------------------------------------------------------------------------------- start

void RestoreRunner::start(const RunRequest &request)
{
    m_req = request;
    m_plan = request.plan;
    m_ns = m_plan.ns;
    if (!kube::isDnsLabel(m_ns))
        return finish(PreflightFailed, tr("\"%1\" is not a valid namespace name.").arg(m_ns), {});
    if (!m_plan.refusal.isEmpty())
        return finish(PreflightFailed, m_plan.refusal, {});
    // The suggestion names what is required; an optional caution (terminate-sessions ends
    // sessions) is the admin's own decision, never pasted in by accident.
    QStringList missing, required, optional;
    for (const Caution &c : std::as_const(m_plan.cautions)) {
        (c.required() ? required : optional).append(c.id);
        if (c.required() && !request.accepted.contains(c.id))
            missing.append(c.id);
    }
    if (!missing.isEmpty())
        return finish(CautionMissing, tr("Not acknowledged: %1. Read them (eicctl plan) and pass --accept %2 to go on%3. Nothing was changed.")
                                          .arg(missing.join(u", "_s), required.join(u','),
                                               optional.isEmpty() ? QString() : tr(" (optional, add it only if you mean it: %1)").arg(optional.join(u", "_s))),
                      {});
    if (const QStringList open = Journal::unfinished(); !open.isEmpty())
        return finish(NeedsResume, tr("An interrupted restore (%1) must be finished first: eicctl resume, or eicctl abort to roll it back. Nothing was changed.")
                                       .arg(QFileInfo(open.first()).completeBaseName()),
                      {});
    const QString runId = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s) + u'-' + QString::number(QRandomGenerator::global()->bounded(0x10000), 16).rightJustified(4, u'0');
    auto journal = Journal::create(runId);
    if (!journal)
        return finish(PreflightFailed, journal.error().message, {});
    m_journal = std::move(journal.value());
    m_holder = u"%1 %2@%3"_s.arg(runId, request.operatorName, request.host);
    log(u"run-started"_s, {{"runId"_L1, runId}, {"plan"_L1, m_plan.toJson()}, {"operator"_L1, request.operatorName}, {"host"_L1, request.host},
                           {"appVersion"_L1, request.appVersion}, {"context"_L1, m_plan.context}, {"namespace"_L1, m_ns},
                           {"profile"_L1, request.profile}, {"storeAddress"_L1, request.storeAddress}, {"storeCaFile"_L1, request.storeCaFile},
                           {"accepted"_L1, QJsonArray::fromStringList(request.accepted)},
                           {"target"_L1, targetName(m_plan.target)}, {"mode"_L1, modeName(m_plan.mode)}});
    for (const Caution &c : std::as_const(m_plan.cautions))
        if (request.accepted.contains(c.id))
            log(u"caution-acknowledged"_s, {{"id"_L1, c.id}, {"by"_L1, request.operatorName}, {"text"_L1, c.text}, {"numbers"_L1, c.numbers}});
    startWatches();
    log(u"step-started"_s, {{"step"_L1, u"preflight"_s}});
    preflight([this](const Result<bool> &ok) {
        if (!ok) {
            log(u"preflight-failed"_s, {{"message"_L1, ok.error().message}});
            return releaseLease([this, ok] {
                log(u"run-finished"_s, {{"outcome"_L1, u"preflight-failed"_s}, {"message"_L1, ok.error().message}});
                finish(PreflightFailed, ok.error().message + tr(" Nothing was changed."), u"preflight-failed"_s);
            });
        }
        log(u"step-finished"_s, {{"step"_L1, u"preflight"_s}});
        runFrom(m_plan.mode == DataMode::NewInstance ? u"data"_s : u"record"_s);
    });
}

void RestoreRunner::dryRun(const RunRequest &request)
{
    m_req = request;
    m_plan = request.plan;
    m_ns = m_plan.ns;
    m_dryRun = true;
    if (!m_plan.refusal.isEmpty())
        return finish(PreflightFailed, m_plan.refusal, {});
    m_holder = u"dry-run %1@%2"_s.arg(request.operatorName, request.host);
    preflight([this](const Result<bool> &ok) {
        if (!ok)
            return finish(PreflightFailed, ok.error().message + tr(" Nothing was changed."), {});
        finish(Done, tr("Pre-flight passed; nothing was changed."), {});
    });
}

// Nothing changes here: access reviews, dry-run scales, the lock's state, the stores, the archive.
void RestoreRunner::preflight(Then done)
{
    struct Review {
        QString verb, group, resource, sub;
    };
    QList<Review> reviews;
    for (const char *verb : {"get", "list", "watch"}) {
        reviews.append({QLatin1String(verb), u"apps"_s, u"deployments"_s, {}});
        reviews.append({QLatin1String(verb), {}, u"pods"_s, {}});
    }
    if (m_plan.mode != DataMode::NewInstance) {
        reviews.append({u"get"_s, u"apps"_s, u"deployments"_s, u"scale"_s});
        reviews.append({u"patch"_s, u"apps"_s, u"deployments"_s, u"scale"_s});
        reviews.append({u"patch"_s, u"apps"_s, u"deployments"_s, {}});
    }
    for (const char *verb : {"get", "create", "update", "delete"})
        reviews.append({QLatin1String(verb), u"coordination.k8s.io"_s, u"leases"_s, {}});
    auto problems = std::make_shared<QStringList>();
    auto checks = std::make_shared<int>(0);
    auto finishCheck = [this, problems, checks, done](const QString &check, const Result<bool> &r) {
        if (!check.isEmpty())
            log(u"check"_s, {{"check"_L1, check}, {"ok"_L1, r.ok()}, {"message"_L1, r ? QString() : r.error().message}});
        if (!r)
            problems->append(r.error().message);
        if (--*checks == 0)
            done(problems->isEmpty() ? Result<bool>(true) : Result<bool>(Error{problems->join(u" "_s), {}, PreflightFailed}));
    };
    ++*checks; // held until every check is launched
    // Permissions.
    ++*checks;
    parallel<Review>(reviews, [this](const Review &rv, std::function<void(const Result<bool> &)> cb) {
        kube::withRetries<bool>(this, [this, rv](auto reply) { m_client->accessReview(rv.verb, rv.group, rv.resource, rv.sub, m_ns, this, reply); },
                                [rv, cb](const Result<bool> &allowed) {
                                    if (!allowed)
                                        return cb(allowed.error());
                                    const QString what = rv.sub.isEmpty() ? rv.resource : rv.resource + u'/' + rv.sub;
                                    cb(*allowed ? Result<bool>(true)
                                                : Result<bool>(Error{tr("You may not %1 %2 in the namespace: ask the cluster admin for this permission.").arg(rv.verb, what), {}, 403}));
                                });
    }, [finishCheck](const Result<bool> &r) { finishCheck(u"permissions"_s, r); });
    // A server-side dry run of each scale to 0.
    if (m_plan.mode != DataMode::NewInstance) {
        ++*checks;
        parallel<PlannedComponent>(m_plan.present(), [this](const PlannedComponent &c, std::function<void(const Result<bool> &)> cb) {
            scaleTo(c.name, 0, true, [c, cb](const Result<int> &r) {
                cb(r ? Result<bool>(true) : Result<bool>(Error{tr("A dry-run scale of %1 to 0 was refused: %2").arg(c.name, r.error().message), {}, 0}));
            });
        }, [finishCheck](const Result<bool> &r) { finishCheck(u"dry-run scale"_s, r); });
    }
    // The lock: free (dry run: only looked at), or taken now for the run.
    ++*checks;
    if (m_dryRun) {
        call("GET", u"/apis/coordination.k8s.io/v1/namespaces/%1/leases/%2"_s.arg(m_ns, QLatin1String(kLeaseName)), {}, {}, [finishCheck](const Result<QJsonObject> &r) {
            if (!r && r.error().code == 404)
                return finishCheck(u"lock"_s, true);
            if (!r)
                return finishCheck(u"lock"_s, r.error());
            const QJsonObject spec = r->value("spec"_L1).toObject();
            const QDateTime renewed = QDateTime::fromString(spec.value("renewTime"_L1).toString(), Qt::ISODateWithMs);
            if (renewed.isValid() && renewed.addSecs(spec.value("leaseDurationSeconds"_L1).toInt(60)) > QDateTime::currentDateTimeUtc())
                return finishCheck(u"lock"_s, Error{tr("Another restore of this cell is in progress (lock held by %1).").arg(spec.value("holderIdentity"_L1).toString()), {}, 0});
            finishCheck(u"lock"_s, true);
        });
    } else {
        acquireLease([this, finishCheck](const Result<bool> &r) {
            if (r)
                log(u"lock-acquired"_s, {{"lease"_L1, QLatin1String(kLeaseName)}, {"holder"_L1, m_holder}});
            finishCheck(u"lock"_s, r);
        });
    }
    // The stores.
    const StoreAccess &access = m_plan.mode == DataMode::NewInstance ? m_req.newInstance : m_req.store;
    const bool database = m_plan.target == cell::RestoreTarget::Database;
    if (m_plan.mode != DataMode::External || (database ? access.database.has_value() : access.datastore.has_value())) {
        ++*checks;
        if (database && !access.database)
            finishCheck(u"store reachable"_s, Error{tr("No database connection was given: the %1 mode needs one (--profile or --database).").arg(modeName(m_plan.mode)), {}, 0});
        else if (!database && !access.datastore)
            finishCheck(u"store reachable"_s, Error{tr("No data store connection was given: the %1 mode needs one (--profile or --datastore).").arg(modeName(m_plan.mode)), {}, 0});
        else if (database) {
            // Reachable, and (archive mode) allowed to restore: superuser, or owner of the database and its tables.
            auto *session = new stores::PgSession(this);
            const bool archive = m_plan.mode == DataMode::Archive;
            const QString user = access.database->user;
            session->open(*access.database, [this, session, finishCheck, archive, user](const Result<bool> &r) {
                if (!r || !archive) {
                    session->deleteLater();
                    return finishCheck(u"store reachable"_s, r);
                }
                stores::PgInspection::inspect(session, this, [session, finishCheck, user](const Result<stores::PgInspection> &i) {
                    session->deleteLater();
                    if (!i)
                        return finishCheck(u"store reachable"_s, i.error());
                    finishCheck(u"store reachable"_s, i->mayRestore()
                                                          ? Result<bool>(true)
                                                          : Result<bool>(Error{tr("The database user \"%1\" may not restore %2: it is neither a superuser nor the owner of the database and all its tables (%3 are owned by others).")
                                                                                   .arg(user, i->database).arg(i->tablesOwnedByOthers),
                                                                               {}, 0}));
                });
            });
        } else {
            // Through the topology (a sentinel names its master), and (archive mode) with the rights
            // the restore needs: ACL DRYRUN of RESTORE and FLUSHALL where the user may ask.
            const bool archive = m_plan.mode == DataMode::Archive;
            stores::resolveRedisMasters(*access.datastore, this, [this, finishCheck, archive](const Result<QList<stores::RedisNode>> &masters) {
                if (!masters)
                    return finishCheck(u"store reachable"_s, masters.error());
                auto *conn = new stores::RedisConnection(this);
                const stores::RedisOptions o = masters->first().options;
                conn->open(o, [this, conn, finishCheck, archive, o](const Result<bool> &r) {
                    if (!r || !archive) {
                        conn->deleteLater();
                        return finishCheck(u"store reachable"_s, r);
                    }
                    const QByteArray user = o.username.isEmpty() ? QByteArray("default") : o.username.toUtf8();
                    // Probes that cannot change anything: the ACL is checked before the command
                    // looks at its arguments, so NOPERM answers "not allowed", anything else "allowed".
                    conn->batch({{"RESTORE", "eic-restore:probe", "0", "not-a-dump-payload"}, {"FLUSHALL", "not-an-option"}},
                                [conn, finishCheck, user](const Result<QList<stores::RedisReply>> &replies) {
                                    conn->deleteLater();
                                    if (!replies)
                                        return finishCheck(u"store reachable"_s, replies.error());
                                    QStringList refused;
                                    for (const stores::RedisReply &reply : *replies)
                                        if (reply.isError() && reply.str.startsWith("NOPERM"))
                                            refused.append(QString::fromUtf8(reply.str));
                                    finishCheck(u"store reachable"_s, refused.isEmpty() ? Result<bool>(true)
                                                                                        : Result<bool>(Error{tr("The data store user \"%1\" may not restore: %2. Grant +restore +flushall (or use another user).")
                                                                                                                 .arg(QString::fromUtf8(user), refused.join(u"; "_s)),
                                                                                                             {}, 0}));
                                });
                });
            });
        }
    } else {
        log(u"check"_s, {{"check"_L1, u"store reachable"_s}, {"ok"_L1, true}, {"skipped"_L1, tr("no store connection given; sessions and writes are not checked")}});
    }
    // The archive, verified completely.
    if (m_plan.mode == DataMode::Archive) {
        ++*checks;
        const QString archive = m_plan.archive;
        if (archive.isEmpty()) {
            finishCheck(u"archive verified"_s, Error{tr("The archive mode needs a backup: --from PATH."), {}, 0});
        } else if (database) {
            // Every file's checksum, before anything stops: a damaged backup must not cost downtime.
            // Its fingerprint lets the data step skip reading it again while nothing changed.
            auto seen = std::make_shared<stores::BackupFingerprint>();
            runInBackground<Result<bool>>(this, [archive, seen, cancelled = m_checksCancelled] {
                                              return stores::PgRestore::verifyBackup(archive, [cancelled] { return cancelled->load(); }, seen.get());
                                          },
                                          [this, seen, finishCheck](Result<bool> verified) {
                                              if (verified)
                                                  m_archiveFingerprint = *seen;
                                              finishCheck(u"archive verified"_s, verified);
                                          });
        } else {
            runInBackground<Result<stores::RedisBackupSummary>>(this, [archive] { return stores::RedisBackupReader::scan(archive); },
                                                                [finishCheck](Result<stores::RedisBackupSummary> s) {
                                                                    finishCheck(u"archive verified"_s, s ? Result<bool>(true) : Result<bool>(s.error()));
                                                                });
        }
    }
    finishCheck({}, true); // the hold taken above
}

// ---------------------------------------------------------------------------------- steps

void RestoreRunner::runFrom(const QString &stepId)
{
    // The steps in order; the ones about components are skipped when nothing is stopped.
    struct StepDef {
        QLatin1StringView id;
        void (RestoreRunner::*body)(Then);
        bool aboutComponents;
    };
    static const StepDef steps[] = {
        {"record"_L1, &RestoreRunner::record, true},   {"stop"_L1, &RestoreRunner::stopAll, true},
        {"quiesce"_L1, &RestoreRunner::quiesce, true}, {"data"_L1, &RestoreRunner::dataStep, false},
        {"start"_L1, &RestoreRunner::startAll, true},  {"verify"_L1, &RestoreRunner::verify, false},
        {"cleanup"_L1, &RestoreRunner::cleanup, false},
    };
    const auto *const end = std::end(steps);
    const auto *it = std::find_if(std::begin(steps), end, [&stepId](const StepDef &d) { return stepId == d.id; });
    if (it == end)
        return rollback(u"internal error: no step \"%1\""_s.arg(stepId));
    const QString id = it->id;
    auto body = [this, fn = it->body](Then d) { (this->*fn)(std::move(d)); };
    if (it + 1 != end) {
        auto go = [this, next = QString(it[1].id)] { runFrom(next); };
        if (it->aboutComponents && m_plan.mode == DataMode::NewInstance)
            return go();
        return step(id, body, go);
    }
    step(id, body, [this] {
        log(u"run-finished"_s, {{"outcome"_L1, u"complete"_s}, {"downtimeSeconds"_L1, m_downtime}, {"dataStep"_L1, m_dataState}});
        finish(Done, m_plan.mode == DataMode::NewInstance
                         ? tr("The profile now points to the new instance, and it accepts writes. Change the cell's connection properties in Edge Lifecycle Management.")
                         : tr("Restore complete: the %1 was restored and every component is back at its recorded count (down for %2 s).")
                               .arg(m_plan.target == cell::RestoreTarget::Database ? tr("database") : tr("data store"))
                               .arg(m_downtime, 0, 'f', 1),
               u"complete"_s);
    });
}

// The count each component has now, into the journal (fsynced) and onto the deployment,
// before anything is scaled. A component recorded by an earlier attempt keeps that count.
void RestoreRunner::record(Then done)
{
    parallel<PlannedComponent>(m_plan.present(), [this](const PlannedComponent &c, std::function<void(const Result<bool> &)> cb) {
        if (m_recorded.contains(c.name))
            return annotate(c.name, m_recorded.value(c.name), cb);
        readScale(c.name, [this, c, cb](const Result<int> &replicas) {
            if (!replicas)
                return cb(Error{tr("The replica count of %1 cannot be read: %2").arg(c.name, replicas.error().message), {}, 0});
            m_recorded.insert(c.name, *replicas);
            log(u"component-recorded"_s, {{"name"_L1, c.name}, {"replicas"_L1, *replicas}, {"hpa"_L1, c.hpa}});
            if (m_journalError)
                return cb(*m_journalError);
            annotate(c.name, *replicas, cb);
        });
    }, done);
}

void RestoreRunner::stopAll(Then done)
{
    if (!m_downClock.isValid())
        m_downClock.start();
    QList<QString> names = m_recorded.keys();
    std::sort(names.begin(), names.end());
    parallel<QString>(names, [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        scaleTo(name, 0, false, [this, name, cb](const Result<int> &r) {
            if (!r)
                return cb(Error{tr("%1 could not be scaled to 0: %2").arg(name, r.error().message), {}, 0});
            log(u"scaled"_s, {{"name"_L1, name}, {"from"_L1, m_recorded.value(name)}, {"to"_L1, 0}});
            cb(true);
        });
    }, done);
}

void RestoreRunner::quiesce(Then done)
{
    waitFor(tr("The stop of every pod of the stopped components"), m_req.quiesceTimeoutMs, {}, [this] { return podsGone(); },
            [this, done](const Result<bool> &r) {
                if (!r)
                    return done(r);
                log(u"pods-gone"_s);
                sessionsGone(std::max(1, m_req.quiesceTimeoutMs / 500), done);
            });
}

// Whether a store session belongs to one of the stopped components: its client/application name
// starts with a component's name, or it comes from the address of one of their pods.
bool RestoreRunner::isComponentSession(const QString &name, const QString &host) const
{
    if (!host.isEmpty() && m_podIps.contains(host))
        return true;
    for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it)
        if (!name.isEmpty() && name.startsWith(it.key()))
            return true;
    return false;
}

// No session of the stopped components may remain in the store (pg_stat_activity, CLIENT LIST);
// other clients (monitoring, a sentinel, the admin's own tools) are left alone.
void RestoreRunner::sessionsGone(int attemptsLeft, Then done)
{
    const bool database = m_plan.target == cell::RestoreTarget::Database;
    const bool terminate = m_req.accepted.contains(u"terminate-sessions"_s);
    auto after = [this, attemptsLeft, done, terminate, database](int count, QStringList who) {
        const QString store = database ? u"database"_s : u"datastore"_s;
        if (count == 0) {
            log(u"sessions-gone"_s, {{"store"_L1, store}});
            return done(true);
        }
        who.removeDuplicates();
        if (terminate)
            log(u"sessions-terminated"_s, {{"store"_L1, store}, {"count"_L1, count}, {"clients"_L1, QJsonArray::fromStringList(who)}});
        if (attemptsLeft <= 1)
            return done(Error{tr("%1 session(s) of the stopped components are still connected to the %2 (%3). End them, or acknowledge terminate-sessions.")
                                  .arg(count).arg(database ? tr("database") : tr("data store"), who.join(u", "_s)),
                              {}, 0});
        QTimer::singleShot(terminate ? 100 : 500, this, [this, attemptsLeft, done] { sessionsGone(attemptsLeft - 1, done); });
    };
    if (database && m_req.store.database) {
        auto *session = new stores::PgSession(this);
        session->open(*m_req.store.database, [this, session, done, terminate, after](const Result<bool> &opened) {
            if (!opened) {
                session->deleteLater();
                return done(opened.error());
            }
            session->query(u"SELECT pid, application_name, coalesce(host(client_addr), '') FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"_s,
                           [this, session, terminate, after, done](const Result<stores::PgResult> &r) {
                               if (!r) {
                                   session->deleteLater();
                                   return done(r.error());
                               }
                               QStringList pids;
                               QStringList who;
                               for (const QStringList &row : r->rows)
                                   if (isComponentSession(row.value(1), row.value(2))) {
                                       pids.append(row.value(0));
                                       who.append(row.value(1).isEmpty() ? row.value(2) : row.value(1));
                                   }
                               if (terminate && !pids.isEmpty())
                                   session->query(u"SELECT pg_terminate_backend(pid) FROM unnest('{%1}'::int[]) AS pid"_s.arg(pids.join(u',')),
                                                  [session](const Result<stores::PgResult> &) { session->deleteLater(); });
                               else
                                   session->deleteLater();
                               after(static_cast<int>(pids.size()), who);
                           });
        });
        return;
    }
    if (!database && m_req.store.datastore) {
        auto *conn = new stores::RedisConnection(this);
        conn->open(*m_req.store.datastore, [this, conn, done, terminate, after](const Result<bool> &opened) {
            if (!opened) {
                conn->deleteLater();
                return done(opened.error());
            }
            conn->command({"CLIENT", "LIST"}, [this, conn, terminate, after](const Result<stores::RedisReply> &list) {
                if (!list || list->isError()) {
                    conn->deleteLater();
                    log(u"check"_s, {{"check"_L1, u"sessions"_s}, {"ok"_L1, true}, {"skipped"_L1, tr("CLIENT LIST is not allowed for this user")}});
                    return after(0, {});
                }
                QList<QByteArray> ids;
                QStringList who;
                for (const QByteArray &line : list->str.split('\n')) {
                    QHash<QByteArray, QByteArray> f;
                    for (const QByteArray &kv : line.trimmed().split(' ')) {
                        const qsizetype eq = kv.indexOf('=');
                        if (eq > 0)
                            f.insert(kv.left(eq), kv.mid(eq + 1));
                    }
                    const QByteArray addr = f.value("addr");
                    const QString host = QString::fromUtf8(addr.left(addr.lastIndexOf(':')));
                    const QString name = QString::fromUtf8(f.value("name"));
                    if (f.contains("id") && name != "eic-restore"_L1 && isComponentSession(name, host)) {
                        ids.append(f.value("id"));
                        who.append(name.isEmpty() ? host : name);
                    }
                }
                if (terminate && !ids.isEmpty()) {
                    QList<QList<QByteArray>> kills;
                    for (const QByteArray &id : std::as_const(ids))
                        kills.append({"CLIENT", "KILL", "ID", id});
                    conn->batch(kills, [conn](const Result<QList<stores::RedisReply>> &) { conn->deleteLater(); });
                } else {
                    conn->deleteLater();
                }
                after(static_cast<int>(ids.size()), who);
            });
        });
        return;
    }
    log(u"check"_s, {{"check"_L1, u"sessions"_s}, {"ok"_L1, true}, {"skipped"_L1, tr("no store connection given")}});
    done(true);
}

void RestoreRunner::dataStep(Then done)
{
    const bool database = m_plan.target == cell::RestoreTarget::Database;
    auto dataDone = [this, done](const Result<bool> &r, const QString &state, QJsonObject details) {
        m_cancelHook = {};
        // An attempt that wrote nothing does not undo what an interrupted earlier one may have written.
        const bool earlierWrote = !m_dataStateBefore.isEmpty() && m_dataStateBefore != "not started"_L1 && m_dataStateBefore != "not done"_L1;
        m_dataState = r ? u"done"_s : (state == "not done"_L1 && earlierWrote ? u"partly done"_s : state);
        details["ok"_L1] = r.ok();
        details["state"_L1] = m_dataState;
        if (!r)
            details["message"_L1] = r.error().message;
        log(u"data-finished"_s, details);
        if (!r)
            return done(r);
        const StoreAccess &access = m_plan.mode == DataMode::NewInstance ? m_req.newInstance : m_req.store;
        checkWrites(access, done);
    };
    m_dataState = u"started"_s;
    log(u"data-started"_s, {{"mode"_L1, modeName(m_plan.mode)}});
    switch (m_plan.mode) {
    case DataMode::External: {
        if (m_plan.dataCommand.isEmpty()) {
            m_dataState = u"awaiting"_s;
            log(u"data-awaiting"_s, {{"instructions"_L1, QJsonArray::fromStringList(m_plan.dataInstructions)}});
            m_leaseTimer.stop();
            Q_EMIT awaitingData(m_plan.dataInstructions);
            m_finished = true;
            RunOutcome o{NeedsResume, tr("The components are stopped. Restore the %1 now with your provider's tooling, then run: eicctl continue (or eicctl abort to start them again without a restore).")
                                          .arg(database ? tr("database") : tr("data store")),
                          m_journal ? m_journal->runId() : QString(), m_journal ? m_journal->path() : QString(), -1, {}};
            Q_EMIT finished(o);
            return;
        }
        auto *process = new QProcess(this);
        process->setProgram(u"/bin/sh"_s);
        process->setArguments({u"-c"_s, m_plan.dataCommand});
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"EIC_RESTORE_RUN"_s, m_journal ? m_journal->runId() : QString());
        env.insert(u"EIC_RESTORE_TARGET"_s, targetName(m_plan.target));
        process->setProcessEnvironment(env);
        // The admin's command behaves as in a terminal (a pipe in it ends its writer as usual),
        // even when eicctl ignores SIGPIPE; an ignored SIGHUP stays ignored, as under nohup.
        process->setChildProcessModifier([] { std::signal(SIGPIPE, SIG_DFL); });
        process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process->setStandardOutputFile(QProcess::nullDevice());
        m_cancelHook = [process] { process->terminate(); };
        connect(process, &QProcess::finished, this, [process, dataDone](int code, QProcess::ExitStatus status) {
            process->deleteLater();
            if (status == QProcess::NormalExit && code == 0)
                return dataDone(true, {}, {{"exitCode"_L1, 0}});
            dataDone(Error{status == QProcess::NormalExit ? tr("The data command exited with status %1: the store may be partly restored.").arg(code)
                                                          : tr("The data command was killed: the store may be partly restored."),
                           {}, 0},
                     u"failed (the command's effect is unknown)"_s, {{"exitCode"_L1, code}});
        });
        connect(process, &QProcess::errorOccurred, this, [process, dataDone](QProcess::ProcessError e) {
            if (e != QProcess::FailedToStart)
                return;
            process->deleteLater();
            dataDone(Error{tr("The data command could not be started: %1").arg(process->errorString()), {}, 0}, u"not done"_s, {});
        });
        process->start();
        return;
    }
    case DataMode::Archive: {
        if (database ? !m_req.store.database : !m_req.store.datastore)
            return dataDone(Error{tr("The backup cannot be restored without a connection to the %1: give --%2 or --profile. Nothing was written.")
                                      .arg(database ? tr("database") : tr("data store"), database ? u"database"_s : u"datastore"_s),
                                  {}, 0},
                            u"not done"_s, {});
        if (database) {
            auto *job = new stores::PgRestore(this);
            stores::PgRestore::Options o;
            o.connection = *m_req.store.database;
            o.backupDir = m_plan.archive;
            o.terminateSessions = m_req.accepted.contains(u"terminate-sessions"_s);
            o.verified = m_archiveFingerprint;
            m_cancelHook = [job] { job->cancel(); };
            connect(job, &stores::PgRestore::finished, this, [job, dataDone](const Result<stores::RestoreOutcome> &r) {
                job->deleteLater();
                if (!r)
                    return dataDone(r.error(), job->databaseChanged() ? u"partly done"_s : u"not done"_s, {});
                dataDone(true, {}, {{"details"_L1, r->toJson()}});
            });
            job->start(o);
            return;
        }
        auto *runner = new stores::RedisJobRunner(this);
        m_cancelHook = [runner] { runner->cancel(); };
        connect(runner, &stores::RedisJobRunner::progress, this, [this](const stores::RedisProgress &p) {
            Q_EMIT event(QJsonObject{{"event"_L1, u"data-progress"_s}, {"phase"_L1, p.phase}, {"keys"_L1, static_cast<qint64>(p.keys)},
                                     {"keysTotal"_L1, static_cast<qint64>(p.keysTotal)}, {"keysPerSecond"_L1, p.keysPerSecond}, {"etaSeconds"_L1, p.etaSeconds}});
        });
        connect(runner, &stores::RedisJobRunner::restoreFinished, this, [runner, dataDone](const Result<stores::RedisRestoreResult> &r) {
            runner->deleteLater();
            if (!r)
                return dataDone(r.error(), r.error().code == stores::RedisRestore::PreflightFailed ? u"not done"_s : u"partly done"_s, {});
            dataDone(true, {}, {{"details"_L1, r->toJson()}});
        });
        runner->startRestore({*m_req.store.datastore, m_plan.archive, true, 2000});
        return;
    }
    case DataMode::NewInstance: {
        Result<bool> updated = m_req.updateProfile ? m_req.updateProfile() : Result<bool>(true);
        if (!updated)
            return dataDone(updated.error(), u"not done"_s, {});
        return dataDone(true, {}, {{"profileUpdated"_L1, static_cast<bool>(m_req.updateProfile)}});
    }
    }
}

// After the data step the store must accept writes: not in recovery, not LOADING, a master.
void RestoreRunner::checkWrites(const StoreAccess &access, Then done)
{
    const bool database = m_plan.target == cell::RestoreTarget::Database;
    if (database && access.database) {
        auto *session = new stores::PgSession(this);
        session->open(*access.database, [this, session, done](const Result<bool> &opened) {
            if (!opened) {
                session->deleteLater();
                return done(opened.error());
            }
            session->query(u"SELECT pg_is_in_recovery()"_s, [this, session, done](const Result<stores::PgResult> &r) {
                session->deleteLater();
                const bool ok = r && r->rows.value(0).value(0) == "f"_L1;
                log(u"check"_s, {{"check"_L1, u"store accepts writes"_s}, {"ok"_L1, ok}});
                done(ok ? Result<bool>(true) : Result<bool>(Error{r ? tr("The database is still in recovery: it does not accept writes yet.") : r.error().message, {}, 0}));
            });
        });
        return;
    }
    if (!database && access.datastore) {
        auto *conn = new stores::RedisConnection(this);
        conn->open(*access.datastore, [this, conn, done](const Result<bool> &opened) {
            if (!opened) {
                conn->deleteLater();
                return done(opened.error());
            }
            stores::inspectRedis(conn, [this, conn, done](const Result<stores::RedisInspection> &i) {
                conn->deleteLater();
                const bool ok = i && !i->loading && i->role == "master"_L1;
                log(u"check"_s, {{"check"_L1, u"store accepts writes"_s}, {"ok"_L1, ok}});
                const QString role = i && i->role == "slave"_L1 ? tr("a read-only replica") : i ? i->role : QString();
                done(ok ? Result<bool>(true) : Result<bool>(Error{i ? tr("The data store does not accept writes (%1%2).").arg(role, i->loading ? tr(", loading") : QString()) : i.error().message, {}, 0}));
            });
        });
        return;
    }
    log(u"check"_s, {{"check"_L1, u"store accepts writes"_s}, {"ok"_L1, true}, {"skipped"_L1, tr("no store connection given")}});
    done(true);
}

void RestoreRunner::startAll(Then done)
{
    QList<QString> names = m_recorded.keys();
    std::sort(names.begin(), names.end());
    parallel<QString>(names, [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        scaleTo(name, m_recorded.value(name), false, [this, name, cb](const Result<int> &r) {
            if (!r)
                return cb(Error{tr("%1 could not be scaled back to %2: %3").arg(name).arg(m_recorded.value(name)).arg(r.error().message), {}, 0});
            log(u"scaled"_s, {{"name"_L1, name}, {"from"_L1, 0}, {"to"_L1, m_recorded.value(name)}});
            cb(true);
        });
    }, [this, done](const Result<bool> &r) {
        if (!r)
            return done(r);
        waitFor(tr("The rollout of every component"), m_req.rolloutTimeoutMs, [this] { return rolloutFailure(); }, [this] { return rolledOut(); },
                [this, done](const Result<bool> &rolled) {
                    if (rolled) {
                        if (m_downClock.isValid())
                            m_downtime = static_cast<double>(m_downBeforeMs + m_downClock.elapsed()) / 1000.0;
                        for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it)
                            log(u"rolled-out"_s, {{"name"_L1, it.key()}, {"replicas"_L1, it.value()}});
                    }
                    done(rolled);
                });
    });
}

void RestoreRunner::verify(Then done)
{
    // Components healthy: every one at its recorded count and available (the rollout rules).
    QStringList problems;
    for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it) {
        const QJsonObject status = m_deployments->items().value(m_ns + u'/' + it.key()).value("status"_L1).toObject();
        const int available = status.value("availableReplicas"_L1).toInt();
        const bool ok = available >= it.value();
        log(u"check"_s, {{"check"_L1, u"component healthy"_s}, {"name"_L1, it.key()}, {"ok"_L1, ok}, {"available"_L1, available}, {"recorded"_L1, it.value()}});
        if (!ok)
            problems.append(tr("%1 has %2 of %3 replicas available").arg(it.key()).arg(available).arg(it.value()));
    }
    done(problems.isEmpty() ? Result<bool>(true) : Result<bool>(Error{problems.join(u"; "_s), {}, 0}));
}

void RestoreRunner::cleanup(Then done)
{
    QList<QString> names = m_recorded.keys();
    parallel<QString>(names, [this](const QString &name, std::function<void(const Result<bool> &)> cb) { annotate(name, std::nullopt, cb); },
                      [this, done](const Result<bool> &r) {
                          if (!r)
                              log(u"warning"_s, {{"message"_L1, tr("An annotation could not be removed: %1").arg(r.error().message)}});
                          releaseLease([done] { done(true); });
                      });
}

// ---------------------------------------------------------------------------------- rollback

void RestoreRunner::rollback(const QString &reason)
{
    if (m_rollingBack || m_finished)
        return;
    m_rollingBack = true;
    if (m_cancelHook)
        m_cancelHook();
    for (const auto &w : std::as_const(m_waiters))
        w->timer->deleteLater();
    m_waiters.clear();
    log(u"rollback-started"_s, {{"reason"_L1, reason}, {"dataStep"_L1, m_dataState}});
    QList<QString> names = m_recorded.keys();
    std::sort(names.begin(), names.end());
    parallel<QString>(names, [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
        scaleTo(name, m_recorded.value(name), false, [this, name, cb](const Result<int> &r) {
            if (!r)
                return cb(Error{tr("%1 could not be scaled back to %2: %3").arg(name).arg(m_recorded.value(name)).arg(r.error().message), {}, 0});
            log(u"scaled"_s, {{"name"_L1, name}, {"to"_L1, m_recorded.value(name)}, {"rollback"_L1, true}});
            cb(true);
        });
    }, [this, reason, names](const Result<bool> &scaled) {
        // What the store holds now, in words: an interrupted archive restore may have written.
        const bool database = m_plan.target == cell::RestoreTarget::Database;
        const bool interrupted = m_dataState == "started"_L1 || m_dataState == "partly done"_L1;
        const QString data = m_dataState == "not started"_L1 || m_dataState == "not done"_L1 ? tr("The data step was not done; the store is as it was.")
                           : m_dataState == "done"_L1                                     ? tr("The data step was done.")
                           : interrupted && m_plan.mode == DataMode::Archive
                               ? (database ? tr("The data step: %1 — the database may be partly restored; restore it again before relying on it.").arg(m_dataState)
                                           : tr("The data step: %1 — the data store may have been emptied and partly loaded; restore it again before relying on it.").arg(m_dataState))
                               : tr("The data step: %1.").arg(m_dataState);
        if (!scaled) {
            // The cluster did not take a scale even after retries: the journal keeps the counts.
            log(u"rollback-failed"_s, {{"message"_L1, scaled.error().message}});
            m_finished = true;
            Q_EMIT finished(RunOutcome{NeedsResume, tr("%1 The rollback could not finish: %2 Run eicctl abort again when the cluster answers; the recorded counts are in the journal and on the deployments.")
                                                         .arg(reason, scaled.error().message),
                                       m_journal ? m_journal->runId() : QString(), m_journal ? m_journal->path() : QString(), -1, {}});
            return;
        }
        startWatches();
        waitFor(tr("The rollout of every component after the rollback"), m_req.rolloutTimeoutMs, [this] { return rolloutFailure(); }, [this] { return rolledOut(); },
                [this, reason, names, data](const Result<bool> &rolled) {
                    const QString rollout = rolled ? QString() : tr(" (Not every rollout finished: %1)").arg(rolled.error().message);
                    parallel<QString>(names, [this](const QString &name, std::function<void(const Result<bool> &)> cb) { annotate(name, std::nullopt, cb); },
                                      [this, reason, data, rollout](const Result<bool> &) {
                                          releaseLease([this, reason, data, rollout] {
                                              QStringList counts;
                                              for (auto it = m_recorded.cbegin(); it != m_recorded.cend(); ++it)
                                                  counts.append(u"%1=%2"_s.arg(it.key()).arg(it.value()));
                                              counts.sort();
                                              log(u"run-finished"_s, {{"outcome"_L1, u"rolled-back"_s}, {"reason"_L1, reason}, {"dataStep"_L1, m_dataState}});
                                              finish(m_aborting && rollout.isEmpty() ? Done : Failed, tr("%1 Rolled back: every component is at its recorded count (%2).%3 %4")
                                                                 .arg(reason, counts.join(u", "_s), rollout, data),
                                                     u"rolled-back"_s);
                                          });
                                      });
                });
    });
}

void RestoreRunner::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    *m_checksCancelled = true;
    log(u"cancel-requested"_s);
    if (m_cancelHook || !m_waiters.isEmpty())
        rollback(tr("The restore was cancelled."));
}

void RestoreRunner::finish(int exitCode, const QString &message, const QString &outcome)
{
    if (m_finished)
        return;
    m_finished = true;
    m_leaseTimer.stop();
    if (m_deployments)
        m_deployments->stop();
    if (m_pods)
        m_pods->stop();
    Q_EMIT finished(RunOutcome{exitCode, message, m_journal ? m_journal->runId() : QString(), m_journal ? m_journal->path() : QString(), m_downtime, outcome});
}

// ---------------------------------------------------------------------------------- resume

void RestoreRunner::resume(const QString &journalPath, const RunRequest &request, bool abort, bool dataConfirmed)
{
    auto state = JournalState::load(journalPath);
    if (!state)
        return finish(Failed, state.error().message, {});
    if (state->finished)
        return finish(Done, tr("The run %1 is already finished (%2).").arg(state->runId, state->outcome), {});
    auto journal = Journal::reopen(journalPath);
    if (!journal)
        return finish(Failed, journal.error().message, {});
    m_journal = std::move(journal.value());
    m_req = request;
    m_plan = state->plan;
    m_ns = m_plan.ns;
    m_req.plan = m_plan;
    m_req.accepted = state->start.value("accepted"_L1).toVariant().toStringList();
    m_recorded = state->recorded;
    m_dataState = state->dataState;
    m_holder = u"%1 %2@%3"_s.arg(state->runId, request.operatorName, request.host);
    // Acknowledgements of the run itself count again (they were journaled).
    auto events = Journal::read(journalPath);
    if (events)
        for (const QJsonObject &e : *events)
            if (e.value("event"_L1) == "caution-acknowledged"_L1)
                m_req.accepted.append(e.value("id"_L1).toString());
    for (const QString &extra : request.accepted)
        if (!m_req.accepted.contains(extra))
            m_req.accepted.append(extra);
    // An archive run whose data step is not done writes into its store again: without the store
    // (its connection, its password) nothing is touched, rather than stopping and rolling back.
    const bool database = m_plan.target == cell::RestoreTarget::Database;
    if (!abort && m_plan.mode == DataMode::Archive && m_dataState != "done"_L1 && (database ? !m_req.store.database : !m_req.store.datastore))
        return finish(NeedsResume, tr("The run %1 restores a backup, and finishing it needs the %2's connection and password. Nothing was changed: give them (the profile, or eicctl resume --%3), or abort the run.")
                                       .arg(state->runId, database ? tr("database") : tr("data store"), database ? u"database"_s : u"datastore"_s),
                      {});
    m_dataStateBefore = m_dataState;
    log(abort ? u"abort-started"_s : (dataConfirmed ? u"continue-started"_s : u"resume-started"_s),
        {{"by"_L1, request.operatorName}, {"host"_L1, request.host}, {"dataStep"_L1, m_dataState}});
    // The components have been down since the stop step began, in whichever process that was.
    if (state->downSince.isValid()) {
        m_downBeforeMs = std::max<qint64>(0, state->downSince.msecsTo(QDateTime::currentDateTimeUtc()));
        m_downClock.start();
    }
    startWatches();
    acquireLease([this, abort, dataConfirmed](const Result<bool> &locked) {
        if (!locked)
            return finish(NeedsResume, locked.error().message, {});
        log(u"lock-acquired"_s, {{"lease"_L1, QLatin1String(kLeaseName)}, {"holder"_L1, m_holder}});
        // Re-read the cluster's real state; never assume.
        QList<QString> names = m_recorded.keys();
        std::sort(names.begin(), names.end());
        parallel<QString>(names, [this](const QString &name, std::function<void(const Result<bool> &)> cb) {
            readScale(name, [this, name, cb](const Result<int> &r) {
                if (!r)
                    return cb(r.error());
                log(u"observed"_s, {{"name"_L1, name}, {"replicas"_L1, *r}, {"recorded"_L1, m_recorded.value(name)}});
                cb(true);
            });
        }, [this, abort, dataConfirmed](const Result<bool> &observed) {
            if (!observed)
                return finish(NeedsResume, tr("The cluster cannot be read (%1); run the same command again when it answers.").arg(observed.error().message), {});
            if (abort) {
                m_aborting = true;
                return rollback(tr("Aborted by %1.").arg(m_req.operatorName));
            }
            if (m_dataState == "awaiting"_L1 && dataConfirmed) {
                // The admin says the store is restored: it must accept writes before anything starts.
                return checkWrites(m_req.store, [this](const Result<bool> &writable) {
                    if (!writable) {
                        // The run still waits for the data step: the admin may confirm again.
                        QString why = writable.error().message;
                        if (why.endsWith(u'.'))
                            why.chop(1);
                        log(u"warning"_s, {{"message"_L1, tr("%1 — the components stay stopped; confirm again once the store accepts writes.").arg(why)}});
                        Q_EMIT awaitingData(m_plan.dataInstructions);
                        return finish(NeedsResume, tr("The store does not accept writes yet (%1). When it does, confirm again (eicctl continue); eicctl abort starts the components without a restore.")
                                                       .arg(writable.error().message),
                                      {});
                    }
                    m_dataState = u"done"_s;
                    log(u"data-finished"_s, {{"ok"_L1, true}, {"state"_L1, u"done"_s}, {"confirmedBy"_L1, m_req.operatorName}});
                    runFrom(u"start"_s);
                });
            }
            if (m_dataState == "awaiting"_L1) {
                m_finished = true;
                Q_EMIT awaitingData(m_plan.dataInstructions);
                Q_EMIT finished(RunOutcome{NeedsResume, tr("The run waits for the data step: restore the store, then eicctl continue (or eicctl abort)."),
                                           m_journal->runId(), m_journal->path(), -1, {}});
                return;
            }
            // Data done: start the components; otherwise stop again (idempotent) and do it again.
            runFrom(m_dataState == "done"_L1 ? u"start"_s : u"record"_s);
        });
    });
}

void RestoreRunner::abortFromAnnotations(const QString &ns)
{
    m_ns = ns;
    m_aborting = true;
    m_holder = u"abort-%1 %2@%3"_s.arg(QDateTime::currentDateTimeUtc().toString(u"yyyyMMddHHmmss"_s), m_req.operatorName, m_req.host);
    acquireLease([this](const Result<bool> &locked) {
        if (!locked)
            return finish(NeedsResume, locked.error().message + tr(" If you are sure that run is gone, remove its lock (kubectl -n %1 delete lease %2) and run eicctl abort again.").arg(m_ns, QLatin1String(kLeaseName)), {});
        call("GET", u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(m_ns), {}, {}, [this](const Result<QJsonObject> &list) {
            if (!list)
                return releaseLease([this, list] { finish(Failed, list.error().message, {}); });
            for (const QJsonValue &v : list->value("items"_L1).toArray()) {
                const QJsonObject meta = v.toObject().value("metadata"_L1).toObject();
                const QJsonValue a = meta.value("annotations"_L1).toObject().value(QLatin1String(kAnnotation));
                bool ok = false;
                const int n = a.toString().toInt(&ok);
                if (ok && n >= 0)
                    m_recorded.insert(meta.value("name"_L1).toString(), n);
            }
            if (m_recorded.isEmpty())
                return releaseLease([this] {
                    finish(Done, tr("Nothing to roll back: no journal of an unfinished run, and no deployment in %1 carries %2.").arg(m_ns, QLatin1String(kAnnotation)), {});
                });
            rollback(tr("No journal was found; the counts come from the annotations %1.").arg(QLatin1String(kAnnotation)));
        });
    });
}

} // namespace eic::restore
