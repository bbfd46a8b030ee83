#include "JsonPatch.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestJsonPatch : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mergePatch_data();
    void mergePatch();
    void jsonPatch_data();
    void jsonPatch();
};

namespace {
QJsonObject obj(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

void TestJsonPatch::mergePatch_data()
{
    QTest::addColumn<QJsonObject>("target");
    QTest::addColumn<QJsonObject>("patch");
    QTest::addColumn<QJsonObject>("expected");
    QTest::newRow("replace") << obj(R"({"spec":{"replicas":2,"x":1}})") << obj(R"({"spec":{"replicas":0}})")
                             << obj(R"({"spec":{"replicas":0,"x":1}})");
    QTest::newRow("null removes") << obj(R"({"a":{"b":1,"c":2}})") << obj(R"({"a":{"b":null}})") << obj(R"({"a":{"c":2}})");
    QTest::newRow("adds nested") << obj(R"({})") << obj(R"({"metadata":{"annotations":{"k":"v"}}})")
                                 << obj(R"({"metadata":{"annotations":{"k":"v"}}})");
    QTest::newRow("array replaced") << obj(R"({"a":[1,2]})") << obj(R"({"a":[3]})") << obj(R"({"a":[3]})");
}

void TestJsonPatch::mergePatch()
{
    QFETCH(QJsonObject, target);
    QFETCH(QJsonObject, patch);
    QFETCH(QJsonObject, expected);
    QCOMPARE(eic::sim::applyMergePatch(target, patch), expected);
}

void TestJsonPatch::jsonPatch_data()
{
    QTest::addColumn<QByteArray>("ops");
    QTest::addColumn<QJsonObject>("expected"); // empty: the patch must fail
    const QJsonObject target = obj(R"({"spec":{"replicas":2},"list":[1,2]})");
    QTest::newRow("replace") << QByteArray(R"([{"op":"replace","path":"/spec/replicas","value":0}])")
                             << obj(R"({"spec":{"replicas":0},"list":[1,2]})");
    QTest::newRow("add to end") << QByteArray(R"([{"op":"add","path":"/list/-","value":3}])")
                                << obj(R"({"spec":{"replicas":2},"list":[1,2,3]})");
    QTest::newRow("remove") << QByteArray(R"([{"op":"remove","path":"/list/0"}])") << obj(R"({"spec":{"replicas":2},"list":[2]})");
    QTest::newRow("test passes") << QByteArray(R"([{"op":"test","path":"/spec/replicas","value":2},{"op":"replace","path":"/spec/replicas","value":5}])")
                                 << obj(R"({"spec":{"replicas":5},"list":[1,2]})");
    QTest::newRow("test fails") << QByteArray(R"([{"op":"test","path":"/spec/replicas","value":3}])") << QJsonObject();
    QTest::newRow("missing path") << QByteArray(R"([{"op":"replace","path":"/spec/nope/x","value":1}])") << QJsonObject();
    QTest::newRow("move") << QByteArray(R"([{"op":"move","from":"/spec/replicas","path":"/r"}])") << obj(R"({"spec":{},"r":2,"list":[1,2]})");
    QTest::newRow("escaped") << QByteArray(R"([{"op":"add","path":"/spec/a~1b","value":1}])")
                             << obj(R"({"spec":{"replicas":2,"a/b":1},"list":[1,2]})");
}

void TestJsonPatch::jsonPatch()
{
    QFETCH(QByteArray, ops);
    QFETCH(QJsonObject, expected);
    QString error;
    const auto result = eic::sim::applyJsonPatch(obj(R"({"spec":{"replicas":2},"list":[1,2]})"), QJsonDocument::fromJson(ops).array(), &error);
    if (expected.isEmpty()) {
        QVERIFY(!result);
        QVERIFY(!error.isEmpty());
    } else {
        QVERIFY2(result, qPrintable(error));
        QCOMPARE(*result, expected);
    }
}

QTEST_MAIN(TestJsonPatch)
#include "tst_jsonpatch.moc"
