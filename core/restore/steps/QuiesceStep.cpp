#include "QuiesceStep.h"

#include "kube/ClusterWatch.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace eic::restore {

void QuiesceStep::run(Done done)
{
    m_done = std::move(done);
    m_deadline = QDeadlineTimer(m_run.req.quiesceTimeoutMs);
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &QuiesceStep::pollSessions);
    m_run.watch->waitUntil(this, tr("The stop of every pod of the stopped components"), m_run.req.quiesceTimeoutMs, {}, [this] { return podsGone(); },
                           [this](const Result<bool> &r) {
                               if (!r)
                                   return m_done(r);
                               writer().log(ev::PodsGone);
                               if (!m_run.hasStore()) {
                                   writer().check(u"sessions"_s, CheckOutcome::NotChecked, tr("no store connection given"));
                                   return m_done(true);
                               }
                               m_probe = m_run.probe();
                               m_probe->setParent(this);
                               pollSessions();
                           });
}

// Pods per component, for the live views (not journaled), and whether none is left.
bool QuiesceStep::podsGone()
{
    if (!m_run.watch->synced())
        return false;
    QJsonObject counts;
    bool gone = true;
    for (const QString &name : m_run.names()) {
        const auto pods = m_run.watch->podsOf(name);
        m_run.podIps.unite(pods.ips); // their sessions are looked for once the pods are gone
        counts[name] = QJsonObject{{"pods"_L1, pods.count}, {"terminating"_L1, pods.terminating}};
        gone = gone && pods.count == 0;
    }
    if (counts != m_lastPods) {
        m_lastPods = counts;
        writer().live(ev::Pods, {{"counts"_L1, counts}});
    }
    return gone;
}

bool QuiesceStep::isComponentSession(const stores::StoreSession &s) const
{
    if (!s.address.isEmpty() && m_run.podIps.contains(s.address))
        return true;
    for (const QString &name : m_run.names())
        if (!s.name.isEmpty() && s.name.startsWith(name))
            return true;
    return false;
}

void QuiesceStep::endNow()
{
    if (!m_probe || m_polling)
        return; // the pods are not gone yet, or the answer in flight is read with the new rule
    m_poll.stop();
    pollSessions();
}

void QuiesceStep::pollSessions()
{
    m_polling = true;
    m_probe->sessions([this](const Result<QList<stores::StoreSession>> &all) {
        m_polling = false;
        if (!all && all.error().message.contains(u"CLIENT LIST"_s)) {
            m_run.notCheckedBecause(tr("sessions of the stopped components"), all.error().message);
            writer().check(u"sessions"_s, CheckOutcome::NotChecked, all.error().message);
            return m_done(true);
        }
        if (!all)
            return m_done(all.error());
        QList<stores::StoreSession> theirs;
        QJsonArray who;
        for (const stores::StoreSession &s : *all)
            if (isComponentSession(s)) {
                theirs.append(s);
                who.append(s.toJson());
            }
        const QString store = m_run.database() ? u"database"_s : u"datastore"_s;
        if (theirs.isEmpty()) {
            writer().log(ev::SessionsGone, {{"store"_L1, store}});
            return m_done(true);
        }
        const bool terminate = m_run.req.accepted.contains(u"terminate-sessions"_s);
        if (terminate) {
            QStringList names;
            for (const auto &s : std::as_const(theirs))
                names.append(s.name.isEmpty() ? s.address : s.name);
            names.removeDuplicates();
            writer().log(ev::SessionsTerminated, {{"store"_L1, store}, {"count"_L1, theirs.size()}, {"clients"_L1, QJsonArray::fromStringList(names)}});
            m_probe->endSessions(theirs, [](const Result<bool> &) {});
        } else if (const QString key = QString::fromUtf8(QJsonDocument(who).toJson(QJsonDocument::Compact)); key != m_lastWaiting) {
            m_lastWaiting = key;
            const QDateTime deadline = QDateTime::currentDateTimeUtc().addMSecs(m_deadline.remainingTime());
            writer().live(ev::SessionsWaiting, {{"store"_L1, store}, {"sessions"_L1, who}, {"deadline"_L1, deadline.toString(Qt::ISODate)}});
        }
        if (m_deadline.hasExpired()) {
            QStringList names;
            for (const auto &s : std::as_const(theirs))
                names.append(s.name.isEmpty() ? s.address : s.name);
            names.removeDuplicates();
            return m_done(Error{tr("%n session(s) of the stopped components are still connected to the %1 (%2). End them, or acknowledge terminate-sessions.", nullptr,
                                   static_cast<int>(theirs.size()))
                                    .arg(m_run.storeWord(), names.join(u", "_s)),
                                {}, 0});
        }
        m_poll.start(terminate ? 100 : 500);
    });
}

} // namespace eic::restore
