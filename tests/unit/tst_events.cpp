// The journal's vocabulary: every data-step state has one spelling that reads back as itself
// (old journals' spellings included), what each state means for a rollback, and a check
// event's three outcomes (an older journal's "skipped" is not checked, never passed).

#include "restore/Events.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace eic::restore;

class TestEvents : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dataStates_data();
    void dataStates();
    void unknownSpellings();
    void checkOutcomes_data();
    void checkOutcomes();
};

void TestEvents::dataStates_data()
{
    QTest::addColumn<DataState>("state");
    QTest::addColumn<QString>("name"); // as journals since the first release spell it
    QTest::addColumn<bool>("mayHaveWritten");

    QTest::newRow("not started") << DataState::NotStarted << u"not started"_s << false;
    QTest::newRow("started") << DataState::Started << u"started"_s << true;
    QTest::newRow("awaiting") << DataState::Awaiting << u"awaiting"_s << false;
    QTest::newRow("done") << DataState::Done << u"done"_s << true;
    QTest::newRow("not done") << DataState::NotDone << u"not done"_s << false;
    QTest::newRow("partly done") << DataState::PartlyDone << u"partly done"_s << true;
    QTest::newRow("unknown") << DataState::Unknown << u"failed (the command's effect is unknown)"_s << true;
}

void TestEvents::dataStates()
{
    QFETCH(DataState, state);
    QFETCH(QString, name);
    QFETCH(bool, mayHaveWritten);
    QCOMPARE(dataStateName(state), name);
    QCOMPARE(dataStateFromName(name), state);
    QCOMPARE(dataStateFromName(dataStateName(state)), state);
    QCOMPARE(eic::restore::mayHaveWritten(state), mayHaveWritten);
}

void TestEvents::unknownSpellings()
{
    // A state this version does not know may have written anything: never "not started".
    QCOMPARE(dataStateFromName(u"failed"_s), DataState::Unknown);
    QCOMPARE(dataStateFromName(u"Done"_s), DataState::Unknown);
    QCOMPARE(dataStateFromName(u"half-way"_s), DataState::Unknown);
    QVERIFY(mayHaveWritten(dataStateFromName(u"half-way"_s)));
    // A journal without any data event: nothing was written.
    QCOMPARE(dataStateFromName(QString()), DataState::NotStarted);
}

void TestEvents::checkOutcomes_data()
{
    QTest::addColumn<QJsonObject>("event");
    QTest::addColumn<CheckOutcome>("outcome");
    QTest::addColumn<QString>("reason");

    QTest::newRow("passed") << QJsonObject{{"outcome"_L1, "passed"_L1}, {"ok"_L1, true}} << CheckOutcome::Passed << QString();
    QTest::newRow("failed") << QJsonObject{{"outcome"_L1, "failed"_L1}, {"message"_L1, "pod edc-1 is crash-looping"_L1}} << CheckOutcome::Failed
                            << u"pod edc-1 is crash-looping"_s;
    QTest::newRow("not checked") << QJsonObject{{"outcome"_L1, "not-checked"_L1}, {"notChecked"_L1, "no store connection"_L1}} << CheckOutcome::NotChecked
                                 << u"no store connection"_s;
    // The outcome field decides; an ok beside it does not turn a not-checked into a pass.
    QTest::newRow("not checked, ok true") << QJsonObject{{"outcome"_L1, "not-checked"_L1}, {"ok"_L1, true}} << CheckOutcome::NotChecked << QString();
    QTest::newRow("legacy skipped") << QJsonObject{{"ok"_L1, true}, {"skipped"_L1, "the store was not given"_L1}} << CheckOutcome::NotChecked
                                    << u"the store was not given"_s;
    QTest::newRow("legacy ok") << QJsonObject{{"ok"_L1, true}} << CheckOutcome::Passed << QString();
    QTest::newRow("legacy not ok") << QJsonObject{{"ok"_L1, false}, {"message"_L1, "timeout"_L1}} << CheckOutcome::Failed << u"timeout"_s;
    QTest::newRow("nothing said") << QJsonObject{{"name"_L1, "rollout"_L1}} << CheckOutcome::Failed << QString();
}

void TestEvents::checkOutcomes()
{
    QFETCH(QJsonObject, event);
    QFETCH(CheckOutcome, outcome);
    QFETCH(QString, reason);
    QCOMPARE(checkOutcomeOf(event), outcome);
    QCOMPARE(checkReasonOf(event), reason);
    QCOMPARE(checkOutcomeFromName(checkOutcomeName(outcome)), std::optional<CheckOutcome>(outcome));
}

QTEST_GUILESS_MAIN(TestEvents)
#include "tst_events.moc"
