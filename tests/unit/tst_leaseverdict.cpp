// lockVerdict: whether a run may take the restore's Lease, from what the Lease says and the
// clock; LeaseState::fromJson reads a Lease as the API server returns it (MicroTime stamps).

#include "kube/LeaseLock.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::kube::LeaseState;
using eic::kube::LockVerdict;

namespace {

const QDateTime kNow(QDate(2026, 12, 1), QTime(20, 41, 30), Qt::UTC);

LeaseState lease(const QString &holder, qint64 renewedSecondsAgo, int durationSeconds = 60)
{
    LeaseState s;
    s.exists = true;
    s.holder = holder;
    s.renewed = kNow.addSecs(-renewedSecondsAgo);
    s.acquired = s.renewed;
    s.durationSeconds = durationSeconds;
    return s;
}

} // namespace

class TestLeaseVerdict : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void verdict_data();
    void verdict();
    void fromApiServer_data();
    void fromApiServer();
};

void TestLeaseVerdict::verdict_data()
{
    QTest::addColumn<LeaseState>("state");
    QTest::addColumn<QString>("runId");
    QTest::addColumn<LockVerdict>("expected");

    LeaseState invalidRenew = lease(u"run-2 other@host"_s, 0);
    invalidRenew.renewed = {};
    QTest::newRow("no lease") << LeaseState{} << u"run-1"_s << LockVerdict::Free;
    QTest::newRow("ours, fresh") << lease(u"run-1 admin@host"_s, 5) << u"run-1"_s << LockVerdict::Ours;
    // Our own crashed run comes back for its lock however long it was away.
    QTest::newRow("ours, expired") << lease(u"run-1 admin@host"_s, 3600) << u"run-1"_s << LockVerdict::Ours;
    QTest::newRow("another, fresh") << lease(u"run-2 other@host"_s, 5) << u"run-1"_s << LockVerdict::HeldByOther;
    QTest::newRow("another, 59 s of 60") << lease(u"run-2 other@host"_s, 59) << u"run-1"_s << LockVerdict::HeldByOther;
    QTest::newRow("another, its own duration") << lease(u"run-2 other@host"_s, 200, 300) << u"run-1"_s << LockVerdict::HeldByOther;
    QTest::newRow("another, expired") << lease(u"run-2 other@host"_s, 61) << u"run-1"_s << LockVerdict::Expired;
    QTest::newRow("another, expired by its duration") << lease(u"run-2 other@host"_s, 301, 300) << u"run-1"_s << LockVerdict::Expired;
    // The run id is the whole first word: run-10 is not run-1, and a user name is not a run id.
    QTest::newRow("a longer run id") << lease(u"run-10 admin@host"_s, 5) << u"run-1"_s << LockVerdict::HeldByOther;
    QTest::newRow("run id elsewhere in the holder") << lease(u"run-2 run-1@host"_s, 5) << u"run-1"_s << LockVerdict::HeldByOther;
    QTest::newRow("no run id asking") << lease(u" admin@host"_s, 5) << QString() << LockVerdict::HeldByOther;
    QTest::newRow("empty holder") << lease(QString(), 5) << u"run-1"_s << LockVerdict::Expired;
    QTest::newRow("invalid renew time") << invalidRenew << u"run-1"_s << LockVerdict::Expired;
}

void TestLeaseVerdict::verdict()
{
    QFETCH(LeaseState, state);
    QFETCH(QString, runId);
    QFETCH(LockVerdict, expected);
    QCOMPARE(eic::kube::lockVerdict(state, runId, kNow), expected);
}

void TestLeaseVerdict::fromApiServer_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("holder");
    QTest::addColumn<int>("duration");
    QTest::addColumn<QDateTime>("renewed");
    QTest::addColumn<LockVerdict>("expected");

    // As kubectl get lease -o json shows one: MicroTime with six digits.
    QTest::newRow("held by another")
        << QByteArray(R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease",
              "metadata":{"name":"eic-restore","namespace":"edge-icell","uid":"3f1c2b9e-8d7a-4e51-9a0b-5c6d7e8f9012","resourceVersion":"48213"},
              "spec":{"holderIdentity":"20261201-204000-ab12 night-admin@ops-1","leaseDurationSeconds":45,
                      "acquireTime":"2026-12-01T20:40:00.000000Z","renewTime":"2026-12-01T20:41:00.250000Z"}})")
        << u"20261201-204000-ab12 night-admin@ops-1"_s << 45 << QDateTime(QDate(2026, 12, 1), QTime(20, 41, 0, 250), Qt::UTC) << LockVerdict::HeldByOther;
    QTest::newRow("expired")
        << QByteArray(R"({"kind":"Lease","metadata":{"name":"eic-restore"},
              "spec":{"holderIdentity":"20261201-190000-cd34 admin@ops-2","leaseDurationSeconds":60,
                      "acquireTime":"2026-12-01T19:00:00.000000Z","renewTime":"2026-12-01T20:40:29.999000Z"}})")
        << u"20261201-190000-cd34 admin@ops-2"_s << 60 << QDateTime(QDate(2026, 12, 1), QTime(20, 40, 29, 999), Qt::UTC) << LockVerdict::Expired;
    // The server fills no defaults into a Lease created with an empty spec.
    QTest::newRow("empty spec") << QByteArray(R"({"kind":"Lease","metadata":{"name":"eic-restore"},"spec":{}})")
                                << QString() << 60 << QDateTime() << LockVerdict::Expired;
    QTest::newRow("no lease (404)") << QByteArray("{}") << QString() << 60 << QDateTime() << LockVerdict::Free;
}

void TestLeaseVerdict::fromApiServer()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, holder);
    QFETCH(int, duration);
    QFETCH(QDateTime, renewed);
    QFETCH(LockVerdict, expected);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    const LeaseState s = LeaseState::fromJson(doc.object());
    QCOMPARE(s.holder, holder);
    QCOMPARE(s.durationSeconds, duration);
    QCOMPARE(s.renewed, renewed);
    QCOMPARE(eic::kube::lockVerdict(s, u"20261201-204100-ef56"_s, kNow), expected);
}

QTEST_GUILESS_MAIN(TestLeaseVerdict)
#include "tst_leaseverdict.moc"
