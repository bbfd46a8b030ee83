#include "LeaseLock.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::kube {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(LeaseLock)
};

QString microTime(const QDateTime &t)
{
    return t.toUTC().toString(u"yyyy-MM-ddTHH:mm:ss.zzz000Z"_s);
}

} // namespace

LeaseState LeaseState::fromJson(const QJsonObject &lease)
{
    const QJsonObject spec = lease.value("spec"_L1).toObject();
    LeaseState s;
    s.exists = !lease.isEmpty();
    s.holder = spec.value("holderIdentity"_L1).toString();
    s.renewed = QDateTime::fromString(spec.value("renewTime"_L1).toString(), Qt::ISODateWithMs);
    s.acquired = QDateTime::fromString(spec.value("acquireTime"_L1).toString(), Qt::ISODateWithMs);
    s.durationSeconds = spec.value("leaseDurationSeconds"_L1).toInt(60);
    return s;
}

LockVerdict lockVerdict(const LeaseState &lease, const QString &runId, const QDateTime &now)
{
    if (!lease.exists)
        return LockVerdict::Free;
    if (!runId.isEmpty() && lease.holder.section(u' ', 0, 0) == runId)
        return LockVerdict::Ours;
    if (lease.holder.isEmpty() || !lease.renewed.isValid() || lease.renewed.addSecs(lease.durationSeconds) < now)
        return LockVerdict::Expired;
    return LockVerdict::HeldByOther;
}

LeaseLock::LeaseLock(const DeploymentScaler &api, QString name, QString holder, int durationSeconds, QObject *parent)
    : QObject(parent), m_api(api), m_name(std::move(name)), m_holder(std::move(holder)), m_duration(durationSeconds)
{
    m_renew.setInterval(10000);
    connect(&m_renew, &QTimer::timeout, this, [this] {
        acquire(this, [](const Result<bool> &r) {
            if (!r)
                spdlog::warn("the restore lock could not be renewed: {}", r.error().toString().toStdString());
        });
    });
}

QString LeaseLock::path() const
{
    return u"/apis/coordination.k8s.io/v1/namespaces/%1/leases/%2"_s.arg(m_api.ns(), m_name);
}

void LeaseLock::acquire(QObject *receiver, std::function<void(const Result<bool> &)> done)
{
    m_api.call("GET", path(), {}, {}, receiver, [this, receiver, done](const Result<QJsonObject> &got) {
        const QString now = microTime(QDateTime::currentDateTimeUtc());
        QJsonObject spec{{"holderIdentity"_L1, m_holder}, {"leaseDurationSeconds"_L1, m_duration}, {"acquireTime"_L1, now}, {"renewTime"_L1, now}};
        if (!got && got.error().code == 404) {
            const QJsonObject lease{{"apiVersion"_L1, "coordination.k8s.io/v1"_L1}, {"kind"_L1, "Lease"_L1},
                                    {"metadata"_L1, QJsonObject{{"name"_L1, m_name}, {"namespace"_L1, m_api.ns()}}}, {"spec"_L1, spec}};
            // 409 on create: someone was faster, or our own create's answer got lost; look again.
            return m_api.call("POST", u"/apis/coordination.k8s.io/v1/namespaces/%1/leases"_s.arg(m_api.ns()), QJsonDocument(lease).toJson(QJsonDocument::Compact),
                              "application/json", receiver, [this, receiver, done](const Result<QJsonObject> &r) { written(r, receiver, done); });
        }
        if (!got)
            return done(got.error());
        const LeaseState old = LeaseState::fromJson(*got);
        const LockVerdict verdict = lockVerdict(old, m_holder.section(u' ', 0, 0), QDateTime::currentDateTimeUtc());
        if (verdict == LockVerdict::HeldByOther)
            return done(Error{Tr::tr("Another restore of this cell is in progress: the lock (Lease %1/%2) is held by %3, renewed %4 UTC. Wait for it to end, or resume/abort it where it runs.")
                                  .arg(m_api.ns(), m_name, old.holder, old.renewed.toUTC().toString(u"HH:mm:ss"_s)),
                              {}, 0});
        QJsonObject lease = *got;
        if (verdict == LockVerdict::Ours)
            spec["acquireTime"_L1] = got->value("spec"_L1).toObject().value("acquireTime"_L1);
        lease["spec"_L1] = spec;
        m_api.call("PUT", path(), QJsonDocument(lease).toJson(QJsonDocument::Compact), "application/json", receiver,
                   [this, receiver, done](const Result<QJsonObject> &r) { written(r, receiver, done); });
    });
}

void LeaseLock::written(const Result<QJsonObject> &r, QObject *receiver, std::function<void(const Result<bool> &)> done)
{
    if (!r && r.error().code == 409)
        return acquire(receiver, done);
    if (!r)
        return done(r.error());
    m_held = true;
    if (!m_renew.isActive())
        m_renew.start();
    done(true);
}

void LeaseLock::peek(QObject *receiver, std::function<void(const Result<std::optional<QString>> &)> done)
{
    m_api.call("GET", path(), {}, {}, receiver, [this, done](const Result<QJsonObject> &r) {
        if (!r && r.error().code == 404)
            return done(std::optional<QString>());
        if (!r)
            return done(r.error());
        const LeaseState s = LeaseState::fromJson(*r);
        if (lockVerdict(s, {}, QDateTime::currentDateTimeUtc()) != LockVerdict::HeldByOther)
            return done(std::optional<QString>());
        done(std::optional<QString>(Tr::tr("Another restore of this cell is in progress (lock held by %1).").arg(s.holder)));
    });
}

void LeaseLock::release(QObject *receiver, std::function<void(const Result<bool> &)> done)
{
    m_renew.stop();
    if (!m_held)
        return done(true);
    m_api.call("DELETE", path(), {}, {}, receiver, [this, done](const Result<QJsonObject> &r) {
        if (!r && r.error().code != 404)
            return done(r.error());
        m_held = false;
        done(true);
    });
}

} // namespace eic::kube
