// decideResume over journals as the runner writes them: each row is a journal file (JSON
// lines) replayed by JournalState::load, so the replay (the data step's last state, a torn last
// line, children that may have survived) is tested together with the decision.

#include "restore/Journal.h"
#include "restore/ResumeDecision.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;
using namespace eic::restore;
using Action = ResumeDecision::Action;

namespace {

QByteArray line(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray started(const QString &mode)
{
    const QJsonObject plan{{"target"_L1, "database"_L1}, {"mode"_L1, mode}, {"namespace"_L1, "edge-icell"_L1}};
    return line({{"event"_L1, "run-started"_L1}, {"plan"_L1, plan}, {"operator"_L1, "admin"_L1}});
}

QByteArray entry(const QString &name, QJsonObject fields = {})
{
    fields["event"_L1] = name;
    return line(fields);
}

// The journal of an external-mode run up to the data step.
QList<QByteArray> stopped(const QString &mode = u"external"_s)
{
    return {started(mode),
            entry(u"component-recorded"_s, {{"name"_L1, "edc"_L1}, {"replicas"_L1, 3}}),
            entry(u"step-started"_s, {{"step"_L1, "stop"_L1}}),
            entry(u"scaled"_s, {{"name"_L1, "edc"_L1}, {"to"_L1, 0}}),
            entry(u"step-finished"_s, {{"step"_L1, "stop"_L1}})};
}

QByteArray dataFinished(bool ok, const QString &state = {})
{
    QJsonObject f{{"ok"_L1, ok}};
    if (!state.isEmpty())
        f["state"_L1] = state;
    return entry(u"data-finished"_s, f);
}

} // namespace

class TestResumeDecision : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void decides_data();
    void decides();
    void childrenThatMaySurvive_data();
    void childrenThatMaySurvive();

private:
    JournalState load(const QList<QByteArray> &lines)
    {
        const QString path = m_dir.filePath(u"run-%1.jsonl"_s.arg(++m_n));
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(path));
        for (const QByteArray &l : lines)
            f.write(l + '\n');
        f.close();
        auto state = JournalState::load(path);
        if (!state)
            qFatal("%s", qPrintable(state.error().message));
        return *state;
    }
    QTemporaryDir m_dir;
    int m_n = 0;
};

void TestResumeDecision::decides_data()
{
    QTest::addColumn<QList<QByteArray>>("journal");
    QTest::addColumn<ResumeCommand>("command");
    QTest::addColumn<Action>("action");
    QTest::addColumn<QString>("step");

    const QByteArray finished = entry(u"run-finished"_s, {{"outcome"_L1, "complete"_L1}});
    const QByteArray awaiting = entry(u"data-awaiting"_s);
    const QByteArray dataStarted = entry(u"data-started"_s);
    const std::pair<const char *, ResumeCommand> commands[] = {{"resume", ResumeCommand::Resume}, {"continue", ResumeCommand::Continue}, {"abort", ResumeCommand::Abort}};
    for (const auto &[name, command] : commands) {
        QTest::addRow("finished, %s", name) << (stopped() << dataStarted << dataFinished(true) << finished) << command << Action::AlreadyFinished << QString();
        QTest::addRow("rolled back, %s", name) << (stopped() << entry(u"run-finished"_s, {{"outcome"_L1, "rolled-back"_L1}})) << command << Action::AlreadyFinished << QString();
        // Killed mid-rollback: whatever is typed next finishes the rollback, never restarts the restore.
        QTest::addRow("rollback cut short, %s", name) << (stopped() << dataStarted << entry(u"rollback-started"_s, {{"reason"_L1, "cancelled"_L1}}))
                                                       << command << Action::RollBack << QString();
        QTest::addRow("rollback that failed, %s", name) << (stopped() << entry(u"rollback-started"_s) << entry(u"rollback-failed"_s)) << command << Action::RollBack << QString();
    }
    // Abort at any point rolls back.
    QTest::newRow("abort before the stop") << QList<QByteArray>{started(u"external"_s)} << ResumeCommand::Abort << Action::RollBack << QString();
    QTest::newRow("abort after the stop") << stopped() << ResumeCommand::Abort << Action::RollBack << QString();
    QTest::newRow("abort while awaiting") << (stopped() << dataStarted << awaiting) << ResumeCommand::Abort << Action::RollBack << QString();
    QTest::newRow("abort mid data step") << (stopped() << dataStarted) << ResumeCommand::Abort << Action::RollBack << QString();
    QTest::newRow("abort after the data step") << (stopped() << dataStarted << dataFinished(true)) << ResumeCommand::Abort << Action::RollBack << QString();
    // External mode: only continue confirms the admin's restore.
    QTest::newRow("awaiting, resume") << (stopped() << dataStarted << awaiting) << ResumeCommand::Resume << Action::StillAwaiting << QString();
    QTest::newRow("awaiting, continue") << (stopped() << dataStarted << awaiting) << ResumeCommand::Continue << Action::ConfirmThenStart << QString();
    // The data step not done: stop again (a no-op where stopped) and do it again.
    QTest::newRow("not started") << stopped() << ResumeCommand::Resume << Action::RunFrom << u"record"_s;
    QTest::newRow("only the start journaled") << QList<QByteArray>{started(u"archive"_s)} << ResumeCommand::Resume << Action::RunFrom << u"record"_s;
    QTest::newRow("data started") << (stopped(u"archive"_s) << dataStarted) << ResumeCommand::Resume << Action::RunFrom << u"record"_s;
    QTest::newRow("partly done") << (stopped(u"archive"_s) << dataStarted << dataFinished(false, u"partly done"_s)) << ResumeCommand::Resume << Action::RunFrom << u"record"_s;
    QTest::newRow("not done") << (stopped(u"archive"_s) << dataStarted << dataFinished(false, u"not done"_s)) << ResumeCommand::Resume << Action::RunFrom << u"record"_s;
    QTest::newRow("failed, effect unknown") << (stopped(u"archive"_s) << dataStarted << dataFinished(false)) << ResumeCommand::Resume << Action::RunFrom << u"record"_s;
    QTest::newRow("started, continue") << (stopped() << dataStarted) << ResumeCommand::Continue << Action::RunFrom << u"record"_s;
    // The data step done: start the components.
    QTest::newRow("data done") << (stopped(u"archive"_s) << dataStarted << dataFinished(true)) << ResumeCommand::Resume << Action::RunFrom << u"start"_s;
    QTest::newRow("awaited, then done") << (stopped() << dataStarted << awaiting << dataFinished(true)) << ResumeCommand::Resume << Action::RunFrom << u"start"_s;
    QTest::newRow("data done, continue") << (stopped() << dataStarted << awaiting << dataFinished(true)) << ResumeCommand::Continue << Action::RunFrom << u"start"_s;
    // A new instance stops nothing: there is no record or start step to go back to.
    QTest::newRow("new instance, not started") << QList<QByteArray>{started(u"new-instance"_s)} << ResumeCommand::Resume << Action::RunFrom << u"data"_s;
    QTest::newRow("new instance, started") << QList<QByteArray>{started(u"new-instance"_s), dataStarted} << ResumeCommand::Resume << Action::RunFrom << u"data"_s;
    QTest::newRow("new instance, done") << QList<QByteArray>{started(u"new-instance"_s), dataStarted, dataFinished(true)} << ResumeCommand::Resume << Action::RunFrom << u"verify"_s;
    QTest::newRow("new instance, abort") << QList<QByteArray>{started(u"new-instance"_s), dataStarted} << ResumeCommand::Abort << Action::RollBack << QString();
    // A crash mid-write leaves half a line: it is not an event.
    QTest::newRow("torn run-finished") << (stopped() << dataStarted << dataFinished(true) << QByteArray("{\"event\":\"run-fini"))
                                       << ResumeCommand::Resume << Action::RunFrom << u"start"_s;
    QTest::newRow("torn data-finished") << (stopped() << dataStarted << awaiting << QByteArray("{\"event\":\"data-finished\",\"ok\":tr"))
                                        << ResumeCommand::Resume << Action::StillAwaiting << QString();
}

void TestResumeDecision::decides()
{
    QFETCH(QList<QByteArray>, journal);
    QFETCH(ResumeCommand, command);
    QFETCH(Action, action);
    QFETCH(QString, step);
    const ResumeDecision d = decideResume(load(journal), command);
    QCOMPARE(d.action, action);
    QCOMPARE(d.step, step);
}

void TestResumeDecision::childrenThatMaySurvive_data()
{
    QTest::addColumn<QList<QByteArray>>("journal");
    QTest::addColumn<QList<qint64>>("pids");

    const QByteArray pgRestore = entry(u"child-started"_s, {{"pid"_L1, 4242}, {"startTicks"_L1, 77}, {"program"_L1, "pg_restore"_L1}});
    const QByteArray command = entry(u"child-started"_s, {{"pid"_L1, 4343}, {"startTicks"_L1, 78}, {"program"_L1, "sh"_L1}});
    QTest::newRow("none") << stopped() << QList<qint64>{};
    QTest::newRow("started, not ended") << (stopped() << pgRestore) << QList<qint64>{4242};
    QTest::newRow("started and ended") << (stopped() << pgRestore << entry(u"child-ended"_s, {{"pid"_L1, 4242}})) << QList<qint64>{};
    QTest::newRow("two, one ended") << (stopped() << pgRestore << command << entry(u"child-ended"_s, {{"pid"_L1, 4242}})) << QList<qint64>{4343};
    QTest::newRow("ended line torn") << (stopped() << pgRestore << QByteArray("{\"event\":\"child-ended\",\"pid\":42")) << QList<qint64>{4242};
}

void TestResumeDecision::childrenThatMaySurvive()
{
    QFETCH(QList<QByteArray>, journal);
    QFETCH(QList<qint64>, pids);
    const JournalState state = load(journal);
    QList<qint64> got;
    for (const auto &c : state.children)
        got.append(c.pid);
    QCOMPARE(got, pids);
    if (pids.contains(4242)) {
        const auto it = std::find_if(state.children.begin(), state.children.end(), [](const auto &c) { return c.pid == 4242; });
        QCOMPARE(it->startTicks, qint64(77));
        QCOMPARE(it->program, u"pg_restore"_s);
    }
}

QTEST_GUILESS_MAIN(TestResumeDecision)
#include "tst_resumedecision.moc"
