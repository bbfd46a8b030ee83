#include "Selectors.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::sim::FieldSelector;
using eic::sim::LabelSelector;

class TestSelectors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labels_data();
    void labels();
    void badLabelSelector();
    void fields();
};

void TestSelectors::labels_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("matches");
    // The labels under test: {app: edc, tier: core}
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("equals") << u"app=edc"_s << true;
    QTest::newRow("double equals") << u"app==edc"_s << true;
    QTest::newRow("equals other") << u"app=mdc"_s << false;
    QTest::newRow("not equals") << u"app!=mdc"_s << true;
    QTest::newRow("not equals same") << u"app!=edc"_s << false;
    QTest::newRow("in") << u"app in (mdc, edc)"_s << true;
    QTest::newRow("notin") << u"app notin (mdc,edc)"_s << false;
    QTest::newRow("exists") << u"tier"_s << true;
    QTest::newRow("not exists") << u"!tier"_s << false;
    QTest::newRow("missing key") << u"zone=a"_s << false;
    QTest::newRow("and") << u"app=edc,tier=core"_s << true;
    QTest::newRow("and fails") << u"app=edc,tier=edge"_s << false;
}

void TestSelectors::labels()
{
    QFETCH(QString, selector);
    QFETCH(bool, matches);
    QString error;
    const auto parsed = LabelSelector::parse(selector, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->matches(QJsonObject{{"app"_L1, "edc"_L1}, {"tier"_L1, "core"_L1}}), matches);
}

void TestSelectors::badLabelSelector()
{
    QString error;
    QVERIFY(!LabelSelector::parse(u"app=(edc"_s, &error));
    QVERIFY(error.contains(u"unable to parse"_s));
}

void TestSelectors::fields()
{
    QString error;
    const QJsonObject object{{"metadata"_L1, QJsonObject{{"name"_L1, "edc"_L1}, {"namespace"_L1, "edge-icell"_L1}}}};
    QVERIFY(FieldSelector::parse(u"metadata.name=edc"_s, &error)->matches(object));
    QVERIFY(!FieldSelector::parse(u"metadata.name=mdc"_s, &error)->matches(object));
    QVERIFY(FieldSelector::parse(u"metadata.name!=mdc,metadata.namespace=edge-icell"_s, &error)->matches(object));
    QVERIFY(!FieldSelector::parse(u"spec.replicas=2"_s, &error));
    QVERIFY(error.contains(u"spec.replicas"_s));
}

QTEST_MAIN(TestSelectors)
#include "tst_selectors.moc"
