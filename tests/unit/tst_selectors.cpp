// Label selectors (kube::LabelSelector, the one home shared by client and sim) in both forms
// (text, spec.selector JSON), and the sim's field selectors.

#include "Selectors.h"
#include "kube/LabelSelector.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::kube::LabelSelector;
using eic::sim::FieldSelector;

class TestSelectors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void labels_data();
    void labels();
    void badLabelSelector_data();
    void badLabelSelector();
    void fromJson_data();
    void fromJson();
    void badJson_data();
    void badJson();
    void emptySelectorObject();
    void textFormRoundTrips_data();
    void textFormRoundTrips();
    void fields();
};

namespace {

// The labels under test: those of an edc pod.
const QJsonObject kPodLabels{{"app"_L1, "edc"_L1}, {"tier"_L1, "core"_L1}, {"pod-template-hash"_L1, "5d8c7b9f4x"_L1}};

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

} // namespace

void TestSelectors::labels_data()
{
    QTest::addColumn<QString>("selector");
    QTest::addColumn<bool>("matches");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("equals") << u"app=edc"_s << true;
    QTest::newRow("double equals") << u"app==edc"_s << true;
    QTest::newRow("equals other") << u"app=mdc"_s << false;
    QTest::newRow("not equals") << u"app!=mdc"_s << true;
    QTest::newRow("not equals same") << u"app!=edc"_s << false;
    QTest::newRow("not equals, key absent") << u"zone!=a"_s << true;
    QTest::newRow("in") << u"app in (mdc, edc)"_s << true;
    QTest::newRow("in, no space before (") << u"app in(edc)"_s << true;
    QTest::newRow("in, key absent") << u"zone in (a)"_s << false;
    QTest::newRow("notin") << u"app notin (mdc,edc)"_s << false;
    QTest::newRow("notin, key absent") << u"zone notin (a)"_s << true;
    QTest::newRow("exists") << u"tier"_s << true;
    QTest::newRow("not exists") << u"!tier"_s << false;
    QTest::newRow("not exists, absent") << u"!zone"_s << true;
    QTest::newRow("missing key") << u"zone=a"_s << false;
    QTest::newRow("and") << u"app=edc,tier=core"_s << true;
    QTest::newRow("and fails") << u"app=edc,tier=edge"_s << false;
    QTest::newRow("prefixed key") << u"!app.kubernetes.io/part-of"_s << true;
}

void TestSelectors::labels()
{
    QFETCH(QString, selector);
    QFETCH(bool, matches);
    QString error;
    const auto parsed = LabelSelector::parse(selector, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->matches(kPodLabels), matches);
}

void TestSelectors::badLabelSelector_data()
{
    QTest::addColumn<QString>("selector");
    QTest::newRow("open parenthesis") << u"app=(edc"_s;
    QTest::newRow("unknown operator") << u"app ~ edc"_s;
    QTest::newRow("set without parentheses") << u"app in edc"_s;
    QTest::newRow("bad key") << u"-app=edc"_s;
    QTest::newRow("bad value") << u"app=ed c"_s;
    QTest::newRow("key too long") << QString(64, u'a') + u"=x"_s;
}

void TestSelectors::badLabelSelector()
{
    QFETCH(QString, selector);
    QString error;
    QVERIFY(!LabelSelector::parse(selector, &error));
    QVERIFY2(error.contains(u"unable to parse"_s), qPrintable(error));
}

void TestSelectors::fromJson_data()
{
    QTest::addColumn<QByteArray>("selector");
    QTest::addColumn<bool>("matches");
    QTest::newRow("matchLabels") << QByteArray(R"({"matchLabels":{"app":"edc"}})") << true;
    QTest::newRow("matchLabels, other") << QByteArray(R"({"matchLabels":{"app":"edc","tier":"edge"}})") << false;
    QTest::newRow("In") << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"In","values":["mdc","edc"]}]})") << true;
    QTest::newRow("In, absent key") << QByteArray(R"({"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]})") << false;
    QTest::newRow("NotIn") << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"NotIn","values":["edc"]}]})") << false;
    QTest::newRow("NotIn, absent key") << QByteArray(R"({"matchExpressions":[{"key":"zone","operator":"NotIn","values":["a"]}]})") << true;
    QTest::newRow("Exists") << QByteArray(R"({"matchExpressions":[{"key":"tier","operator":"Exists"}]})") << true;
    QTest::newRow("DoesNotExist") << QByteArray(R"({"matchExpressions":[{"key":"tier","operator":"DoesNotExist"}]})") << false;
    QTest::newRow("expressions only, as the sim's quiet deployment")
        << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"In","values":["edc"]},{"key":"eic-sim/excluded","operator":"DoesNotExist"}]})")
        << true;
    QTest::newRow("labels and expressions, both hold")
        << QByteArray(R"({"matchLabels":{"app":"edc"},"matchExpressions":[{"key":"tier","operator":"In","values":["core"]}]})") << true;
    QTest::newRow("labels hold, expression fails")
        << QByteArray(R"({"matchLabels":{"app":"edc"},"matchExpressions":[{"key":"tier","operator":"NotIn","values":["core"]}]})") << false;
}

void TestSelectors::fromJson()
{
    QFETCH(QByteArray, selector);
    QFETCH(bool, matches);
    const auto parsed = LabelSelector::fromJson(QJsonDocument::fromJson(selector).object());
    QVERIFY2(parsed, parsed ? "" : qPrintable(parsed.error().toString()));
    QVERIFY(!parsed->matchesNothing() && !parsed->matchesEverything());
    QCOMPARE(parsed->matches(kPodLabels), matches);
    // The text form for a list request selects the same pods.
    QString error;
    const auto text = LabelSelector::parse(parsed->toString(), &error);
    QVERIFY2(text, qPrintable(error));
    QCOMPARE(text->matches(kPodLabels), matches);
}

void TestSelectors::badJson_data()
{
    QTest::addColumn<QByteArray>("selector");
    QTest::addColumn<QString>("detail");
    QTest::newRow("unknown operator") << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"Equals","values":["edc"]}]})") << u"Equals"_s;
    QTest::newRow("lower-case operator") << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"in","values":["edc"]}]})") << u"\"in\""_s;
    QTest::newRow("no operator") << QByteArray(R"({"matchExpressions":[{"key":"app"}]})") << u"operator"_s;
    QTest::newRow("In without values") << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"In","values":[]}]})") << u"at least one"_s;
    QTest::newRow("Exists with values") << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"Exists","values":["x"]}]})") << u"no values"_s;
    QTest::newRow("no key") << QByteArray(R"({"matchExpressions":[{"operator":"Exists"}]})") << u"key"_s;
    QTest::newRow("expressions not a list") << QByteArray(R"({"matchExpressions":{"key":"app"}})") << u"not an array"_s;
    QTest::newRow("label not a string") << QByteArray(R"({"matchLabels":{"replicas":2}})") << u"replicas"_s;
    QTest::newRow("labels not an object") << QByteArray(R"({"matchLabels":"app=edc"})") << u"not an object"_s;
}

void TestSelectors::badJson()
{
    QFETCH(QByteArray, selector);
    QFETCH(QString, detail);
    for (const auto empty : {LabelSelector::Empty::MatchesNothing, LabelSelector::Empty::MatchesEverything}) {
        const auto parsed = LabelSelector::fromJson(QJsonDocument::fromJson(selector).object(), empty);
        QVERIFY(!parsed);
        QVERIFY2(parsed.error().detail.contains(detail), qPrintable(parsed.error().toString()));
        QVERIFY(!parsed.error().message.isEmpty());
    }
}

void TestSelectors::emptySelectorObject()
{
    // A Deployment: the controller refuses an empty selector and owns no pods.
    for (const char *json : {"{}", R"({"matchLabels":{}})", R"({"matchLabels":{},"matchExpressions":[]})"}) {
        const auto nothing = LabelSelector::fromJson(object(json));
        QVERIFY(nothing);
        QVERIFY(nothing->matchesNothing());
        QVERIFY(!nothing->matchesEverything());
        QVERIFY(!nothing->matches(kPodLabels));
        QVERIFY(!nothing->matches({}));
        // Its text form must not turn into "every pod" in a list request.
        QString error;
        const auto text = LabelSelector::parse(nothing->toString(), &error);
        QVERIFY2(text, qPrintable(error));
        QVERIFY(!text->matches(kPodLabels) && !text->matches({}));

        const auto everything = LabelSelector::fromJson(object(json), LabelSelector::Empty::MatchesEverything);
        QVERIFY(everything && everything->matchesEverything() && everything->matches(kPodLabels));
        QCOMPARE(everything->toString(), QString());
    }
    QVERIFY(LabelSelector().matchesEverything());
}

void TestSelectors::textFormRoundTrips_data()
{
    QTest::addColumn<QByteArray>("selector");
    QTest::addColumn<QString>("text");
    QTest::newRow("labels, sorted by key") << QByteArray(R"({"matchLabels":{"tier":"core","app":"edc"}})") << u"app=edc,tier=core"_s;
    QTest::newRow("expressions, values sorted")
        << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"NotIn","values":["z","a"]},{"key":"b","operator":"DoesNotExist"},{"key":"a","operator":"Exists"}]})")
        << u"a,app notin (a,z),!b"_s;
    QTest::newRow("In") << QByteArray(R"({"matchExpressions":[{"key":"app","operator":"In","values":["edc"]}]})") << u"app in (edc)"_s;
}

void TestSelectors::textFormRoundTrips()
{
    QFETCH(QByteArray, selector);
    QFETCH(QString, text);
    const auto parsed = LabelSelector::fromJson(QJsonDocument::fromJson(selector).object());
    QVERIFY(parsed);
    QCOMPARE(parsed->toString(), text);
    QString error;
    QCOMPARE(LabelSelector::parse(text, &error)->toString(), text);
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
