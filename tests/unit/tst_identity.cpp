// What binds a run to its cell and its store: CellIdentity::differs and StoreIdentity::differs
// name the difference (or none) between the identity a journal recorded and the one read now;
// a cell identity survives the journal (JSON round trip).

#include "restore/CellIdentity.h"
#include "stores/StoreProbe.h"

#include <QTest>

using namespace Qt::StringLiterals;
using eic::restore::CellIdentity;
using eic::stores::StoreIdentity;

namespace {

CellIdentity theCell()
{
    CellIdentity id;
    id.server = u"https://cell.example:6443"_s;
    id.caFingerprint = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_s;
    id.ns = u"edge-icell"_s;
    id.namespaceUid = u"0b7e5c1a-1111-4c2d-9e3f-000000000001"_s;
    id.deploymentUids = {{u"edc"_s, u"uid-edc"_s}, {u"worker"_s, u"uid-worker"_s}};
    return id;
}

StoreIdentity pg(const QJsonObject &fields, const QString &address = u"db.example:5432/eic"_s)
{
    return {u"postgresql"_s, address, fields};
}

StoreIdentity redis(const QJsonValue &marker, const QString &address = u"redis.example:6379/0"_s)
{
    StoreIdentity id{u"redis"_s, address, {}};
    if (!marker.isUndefined())
        id.fields["marker"_L1] = marker;
    return id;
}

} // namespace

class TestIdentity : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cell_data();
    void cell();
    void cellSurvivesTheJournal();
    void store_data();
    void store();
};

void TestIdentity::cell_data()
{
    QTest::addColumn<CellIdentity>("was");
    QTest::addColumn<CellIdentity>("now");
    QTest::addColumn<QString>("difference"); // a word the sentence must hold; empty: the same cell

    CellIdentity c = theCell();
    QTest::newRow("same cell") << theCell() << c << QString();
    c = theCell();
    c.server = u"https://other.example:6443"_s;
    QTest::newRow("other server") << theCell() << c << u"other.example"_s;
    c = theCell();
    c.caFingerprint = u"60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"_s;
    QTest::newRow("other CA") << theCell() << c << u"another CA"_s;
    c = theCell();
    c.ns = u"edge-other"_s;
    QTest::newRow("other namespace") << theCell() << c << u"edge-other"_s;
    // A Role that cannot read Namespaces leaves the UID unknown: that is not a difference.
    c = theCell();
    c.namespaceUid.clear();
    c.namespaceUnreadable = u"namespaces \"edge-icell\" is forbidden"_s;
    QTest::newRow("namespace UID unknown now") << theCell() << c << QString();
    QTest::newRow("namespace UID unknown then") << c << theCell() << QString();
    c = theCell();
    c.namespaceUid = u"0b7e5c1a-2222-4c2d-9e3f-000000000002"_s;
    QTest::newRow("namespace re-created") << theCell() << c << u"0b7e5c1a-2222"_s;
    c = theCell();
    c.deploymentUids.remove(u"worker"_s);
    QTest::newRow("a recorded deployment missing") << theCell() << c << u"worker"_s;
    c = theCell();
    c.deploymentUids[u"edc"_s] = u"uid-edc-new"_s;
    QTest::newRow("a deployment re-created") << theCell() << c << u"uid-edc-new"_s;
    // A deployment the run did not record is none of its business.
    c = theCell();
    c.deploymentUids.insert(u"esac"_s, u"uid-esac"_s);
    QTest::newRow("an extra deployment") << theCell() << c << QString();
}

void TestIdentity::cell()
{
    QFETCH(CellIdentity, was);
    QFETCH(CellIdentity, now);
    QFETCH(QString, difference);
    const auto d = CellIdentity::fromJson(was.toJson()).differs(now);
    if (difference.isEmpty()) {
        QVERIFY2(!d, qPrintable(d.value_or(QString())));
        return;
    }
    QVERIFY(d);
    QVERIFY2(d->contains(difference), qPrintable(*d));
}

void TestIdentity::cellSurvivesTheJournal()
{
    const CellIdentity was = theCell();
    const CellIdentity back = CellIdentity::fromJson(was.toJson());
    QCOMPARE(back.server, was.server);
    QCOMPARE(back.caFingerprint, was.caFingerprint);
    QCOMPARE(back.ns, was.ns);
    QCOMPARE(back.namespaceUid, was.namespaceUid);
    QCOMPARE(back.deploymentUids, was.deploymentUids);
    QVERIFY(!was.differs(back));
    QVERIFY(!back.differs(was));
    CellIdentity unreadable = theCell();
    unreadable.namespaceUid.clear();
    unreadable.namespaceUnreadable = u"forbidden"_s;
    QCOMPARE(CellIdentity::fromJson(unreadable.toJson()).namespaceUnreadable, u"forbidden"_s);
    QCOMPARE(CellIdentity::fromJson(unreadable.toJson()).toJson(), unreadable.toJson());
}

void TestIdentity::store_data()
{
    QTest::addColumn<StoreIdentity>("was");
    QTest::addColumn<StoreIdentity>("now");
    QTest::addColumn<QString>("difference"); // a word the sentence must hold; empty: the same store

    const QJsonObject db{{"systemIdentifier"_L1, "7301234567890123456"_L1}, {"databaseOid"_L1, "16384"_L1}, {"database"_L1, "eic"_L1}};
    QJsonObject otherSystem = db;
    otherSystem["systemIdentifier"_L1] = "7309999999999999999"_L1;
    QJsonObject otherOid = db;
    otherOid["databaseOid"_L1] = "16999"_L1;
    QJsonObject noSystem = db;
    noSystem["systemIdentifier"_L1] = QJsonValue(QJsonValue::Null); // pg_control_system() refused
    QTest::newRow("same database") << pg(db) << pg(db) << QString();
    // A failover or a DNS change moves the address; the database is still the one the run had.
    QTest::newRow("same database, another address") << pg(db) << pg(db, u"10.0.0.7:5432/eic"_s) << QString();
    QTest::newRow("other systemIdentifier") << pg(db) << pg(otherSystem) << u"7309999999999999999"_s;
    QTest::newRow("other databaseOid") << pg(db) << pg(otherOid) << u"16999"_s;
    QTest::newRow("identifier unknown now, OID equal") << pg(db) << pg(noSystem) << QString();
    QTest::newRow("identifier unknown then, OID equal") << pg(noSystem) << pg(db) << QString();
    QTest::newRow("identifier unknown now, OID other") << pg(db) << pg(QJsonObject{{"systemIdentifier"_L1, QJsonValue(QJsonValue::Null)}, {"databaseOid"_L1, "16999"_L1}, {"database"_L1, "eic"_L1}}) << u"16999"_s;
    QTest::newRow("nothing known, same address") << pg({}) << pg({}) << QString();
    QTest::newRow("nothing known, other address") << pg({}) << pg({}, u"db2.example:5432/eic"_s) << u"db2.example"_s;
    QTest::newRow("other kind") << pg(db) << redis(u"m-1"_s) << u"redis"_s;
    QTest::newRow("redis marker equal") << redis(u"m-1"_s) << redis(u"m-1"_s, u"10.0.0.9:6379/0"_s) << QString();
    QTest::newRow("redis marker different") << redis(u"m-1"_s) << redis(u"m-2"_s) << u"m-2"_s;
    // No marker yet on one side (a dry run writes none): only the address can tell.
    QTest::newRow("redis marker absent now, same address") << redis(u"m-1"_s) << redis(QJsonValue(QJsonValue::Null)) << QString();
    QTest::newRow("redis marker absent then, same address") << redis(QJsonValue(QJsonValue::Null)) << redis(u"m-1"_s) << QString();
    QTest::newRow("redis marker absent now, other address") << redis(u"m-1"_s) << redis(QJsonValue(QJsonValue::Null), u"redis2.example:6379/0"_s) << u"redis2.example"_s;
    QTest::newRow("redis marker missing then, other address") << redis(QJsonValue::Undefined) << redis(u"m-1"_s, u"redis2.example:6379/0"_s) << u"redis2.example"_s;
}

void TestIdentity::store()
{
    QFETCH(StoreIdentity, was);
    QFETCH(StoreIdentity, now);
    QFETCH(QString, difference);
    // As the journal holds it: the identity read back from its JSON.
    const auto d = StoreIdentity::fromJson(was.toJson()).differs(now);
    if (difference.isEmpty()) {
        QVERIFY2(!d, qPrintable(d.value_or(QString())));
        return;
    }
    QVERIFY(d);
    QVERIFY2(d->contains(difference), qPrintable(*d));
}

QTEST_GUILESS_MAIN(TestIdentity)
#include "tst_identity.moc"
