#include "PreflightStep.h"

#include "kube/DeploymentScaler.h"
#include "kube/KubeClient.h"
#include "kube/LeaseLock.h"
#include "kube/Retry.h"
#include "restore/CellIdentity.h"
#include "stores/postgres/BackupVerification.h"
#include "stores/redis/RedisBackupFile.h"
#include "util/Background.h"

using namespace Qt::StringLiterals;

namespace eic::restore {

void PreflightStep::run(Done done)
{
    m_done = std::move(done);
    m_pending = 1; // held until every check is launched
    checkPermissions();
    if (m_run.plan.mode != DataMode::NewInstance)
        checkScales();
    checkLock();
    checkCell();
    checkStore();
    if (m_run.plan.mode == DataMode::Archive)
        checkArchive();
    ended({}, true);
}

void PreflightStep::ended(const QString &check, const Result<bool> &r)
{
    if (!check.isEmpty())
        writer().check(check, r ? CheckOutcome::Passed : CheckOutcome::Failed, r ? QString() : r.error().message);
    if (!r)
        m_problems.append(r.error().message);
    if (--m_pending == 0)
        m_done(m_problems.isEmpty() ? Result<bool>(true) : Result<bool>(Error{m_problems.join(u" "_s), {}, ExitPreflightFailed}));
}

void PreflightStep::notChecked(const QString &check, const QString &why)
{
    writer().check(check, CheckOutcome::NotChecked, why);
    m_run.notCheckedBecause(check, why);
}

void PreflightStep::checkPermissions()
{
    struct Review {
        QString verb, group, resource, sub;
    };
    QList<Review> reviews;
    for (const char *verb : {"get", "list", "watch"}) {
        reviews.append({QLatin1String(verb), u"apps"_s, u"deployments"_s, {}});
        reviews.append({QLatin1String(verb), {}, u"pods"_s, {}});
    }
    if (m_run.plan.mode != DataMode::NewInstance) {
        reviews.append({u"get"_s, u"apps"_s, u"deployments"_s, u"scale"_s});
        reviews.append({u"patch"_s, u"apps"_s, u"deployments"_s, u"scale"_s});
        reviews.append({u"patch"_s, u"apps"_s, u"deployments"_s, {}});
    }
    for (const char *verb : {"get", "create", "update", "delete"})
        reviews.append({QLatin1String(verb), u"coordination.k8s.io"_s, u"leases"_s, {}});
    ++m_pending;
    kube::forEachAtOnce<Review>(reviews, [this](const Review &rv, std::function<void(const Result<bool> &)> cb) {
        kube::withRetries<bool>(this, [this, rv](auto reply) { m_run.client->accessReview(rv.verb, rv.group, rv.resource, rv.sub, m_run.ns, this, reply); },
                                [rv, cb](const Result<bool> &allowed) {
                                    if (!allowed)
                                        return cb(allowed.error());
                                    const QString what = rv.sub.isEmpty() ? rv.resource : rv.resource + u'/' + rv.sub;
                                    cb(*allowed ? Result<bool>(true)
                                                : Result<bool>(Error{tr("You may not %1 %2 in the namespace: ask the cluster admin for this permission.").arg(rv.verb, what), {}, 0}));
                                });
    }, [this](const Result<bool> &r) { ended(u"permissions"_s, r); });
}

void PreflightStep::checkScales()
{
    ++m_pending;
    kube::forEachAtOnce<PlannedComponent>(m_run.plan.present(), [this](const PlannedComponent &c, std::function<void(const Result<bool> &)> cb) {
        m_run.scaler->scale(c.name, 0, true, this, [c, cb](const Result<int> &r) {
            cb(r ? Result<bool>(true) : Result<bool>(Error{tr("A dry-run scale of %1 to 0 was refused: %2").arg(c.name, r.error().message), {}, 0}));
        });
    }, [this](const Result<bool> &r) { ended(u"dry-run scale"_s, r); });
}

void PreflightStep::checkLock()
{
    ++m_pending;
    if (m_run.dryRun)
        return m_run.lock->peek(this, [this](const Result<std::optional<QString>> &r) {
            if (!r)
                return ended(u"lock"_s, r.error());
            ended(u"lock"_s, r->has_value() ? Result<bool>(Error{**r, {}, 0}) : Result<bool>(true));
        });
    m_run.lock->acquire(this, [this](const Result<bool> &r) {
        if (r)
            writer().log(ev::LockAcquired, {{"lease"_L1, kLeaseName}, {"holder"_L1, m_run.holder}});
        ended(u"lock"_s, r);
    });
}

void PreflightStep::checkCell()
{
    QStringList names;
    for (const PlannedComponent &c : m_run.plan.present())
        names.append(c.name);
    ++m_pending;
    CellIdentity::read(*m_run.scaler, m_run.client->context(), names, this, [this](const Result<CellIdentity> &id) {
        if (id) {
            m_run.cellIdentity = id->toJson();
            writer().log(ev::CellIdentity, m_run.cellIdentity);
        }
        ended(u"cell identity"_s, id ? Result<bool>(true) : Result<bool>(id.error()));
    });
}

void PreflightStep::checkStore()
{
    if (!m_run.hasStore()) {
        if (m_run.plan.mode == DataMode::External) {
            // One line in the final sentence for all that a missing connection leaves unchecked.
            writer().check(u"store reachable"_s, CheckOutcome::NotChecked, tr("no store connection given; sessions, writes and the store's identity are not checked"));
            m_run.notCheckedBecause(tr("the %1 itself: reachable, its identity, the sessions of the stopped components, accepting writes").arg(m_run.storeWord()),
                                    tr("no store connection given"));
            return;
        }
        ++m_pending;
        return ended(u"store reachable"_s, Error{tr("No %1 connection was given: the %2 mode needs one (--profile or --%3).")
                                                    .arg(m_run.storeWord(), modeName(m_run.plan.mode), m_run.database() ? u"database"_s : u"datastore"_s),
                                                {}, 0});
    }
    m_probe = m_run.probe();
    m_probe->setParent(this);
    ++m_pending;
    // The identity answers only once the store does: it is also the reachability check.
    m_probe->identity(!m_run.dryRun, [this](const Result<stores::StoreIdentity> &id) {
        if (!id)
            return ended(u"store reachable"_s, id.error());
        m_run.storeIdentity = id->toJson();
        if (!m_run.dryRun)
            writer().log(ev::StoreIdentity, m_run.storeIdentity);
        if (m_run.plan.mode != DataMode::Archive)
            return ended(u"store reachable"_s, true);
        m_probe->mayRestore([this](const Result<bool> &r) { ended(u"store reachable"_s, r); });
    });
}

void PreflightStep::checkArchive()
{
    ++m_pending;
    const QString archive = m_run.plan.archive;
    if (archive.isEmpty())
        return ended(u"archive verified"_s, Error{tr("The archive mode needs a backup: --from PATH."), {}, 0});
    if (m_run.database()) {
        // Every file's checksum, before anything stops: a damaged backup must not cost downtime.
        // Its fingerprint lets the data step skip reading it again while nothing changed.
        auto seen = std::make_shared<stores::BackupFingerprint>();
        runInBackground<stores::BackupVerification>(
            this, [archive, seen, cancelled = m_run.cancelled] { return stores::BackupVerification::check(archive, [cancelled] { return cancelled->load(); }, seen.get()); },
            [this, seen](stores::BackupVerification verified) {
                // What could not be checked (an older backup's manifest has no checksum) is said, never passed.
                for (const stores::BackupCheck &c : std::as_const(verified.checks))
                    if (c.outcome == stores::BackupCheck::NotChecked)
                        notChecked(tr("archive: %1").arg(c.item), c.sentence);
                if (verified.passed())
                    m_run.archiveFingerprint = *seen;
                ended(u"archive verified"_s, verified.passed() ? Result<bool>(true) : Result<bool>(verified.error()));
            });
        return;
    }
    runInBackground<Result<stores::RedisBackupSummary>>(this, [archive] { return stores::RedisBackupReader::scan(archive); },
                                                        [this](Result<stores::RedisBackupSummary> s) {
                                                            ended(u"archive verified"_s, s ? Result<bool>(true) : Result<bool>(s.error()));
                                                        });
}

} // namespace eic::restore
