// The restore report from synthetic journals: what a change board must read in it (operator,
// tick times, ticket, cell and store identity, the backup's SHA-256, the data step as a table,
// a Detail for every check, the cancel and rollback timeline, the measured loss), and what it
// must never hold (raw JSON, a journal's enum names). The PDF carries the workspace mark on
// every page (pdftotext, when installed).

#include "report/RestoreReport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::report::RestoreReport;

namespace {

// One event a line, each at t0 + i seconds unless it has its own "t".
QString writeJournal(const QTemporaryDir &dir, const QString &name, const QList<QJsonObject> &events)
{
    const QDateTime t0 = QDateTime::fromString(u"2026-11-30T02:00:00.000Z"_s, Qt::ISODateWithMs);
    QFile f(dir.filePath(name + u".jsonl"_s));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    for (qsizetype i = 0; i < events.size(); ++i) {
        QJsonObject e = events.at(i);
        if (!e.contains("t"_L1))
            e["t"_L1] = t0.addSecs(i).toString(Qt::ISODateWithMs);
        f.write(QJsonDocument(e).toJson(QJsonDocument::Compact) + "\n");
    }
    return f.fileName();
}

QJsonObject runStarted(const QString &target, const QString &mode, const QString &mark)
{
    const QJsonObject plan{{"components"_L1, QJsonArray{QJsonObject{{"name"_L1, "edc"_L1}, {"present"_L1, true}, {"replicas"_L1, 2}}}},
                           {"cautions"_L1, QJsonArray{QJsonObject{{"id"_L1, "service-interruption"_L1}, {"title"_L1, "The cell's service is interrupted"_L1}}}},
                           {"steps"_L1, QJsonArray{QJsonObject{{"id"_L1, "data"_L1}, {"text"_L1, "Restore the archive"_L1}}}}};
    return {{"event"_L1, "run-started"_L1}, {"operator"_L1, "alice"_L1}, {"host"_L1, "admin-box"_L1}, {"appVersion"_L1, "1.2.3"_L1},
            {"context"_L1, "prod-eu"_L1}, {"namespace"_L1, "edge-icell"_L1}, {"target"_L1, target}, {"mode"_L1, mode}, {"profile"_L1, "eu-cell-7"_L1},
            {"ticket"_L1, "CHG-4711"_L1}, {"workspaceMark"_L1, mark}, {"plan"_L1, plan}};
}

QList<QJsonObject> identities()
{
    return {{{"event"_L1, "store-identity"_L1}, {"kind"_L1, "postgresql"_L1}, {"address"_L1, "db.example:5432/eic"_L1},
             {"systemIdentifier"_L1, "7301234567890"_L1}, {"databaseOid"_L1, "16384"_L1}},
            {{"event"_L1, "cell-identity"_L1}, {"server"_L1, "https://api.cell7.example:6443"_L1}, {"namespace"_L1, "edge-icell"_L1},
             {"namespaceUid"_L1, "uid-ns-1"_L1}}};
}

// A database archive restore that completed, measured before and after.
QList<QJsonObject> completeRun(const QString &mark)
{
    QList<QJsonObject> e{runStarted(u"database"_s, u"archive"_s, mark),
                         {{"event"_L1, "caution-acknowledged"_L1}, {"id"_L1, "service-interruption"_L1}, {"by"_L1, "alice"_L1},
                          {"text"_L1, "1 component stops"_L1}, {"at"_L1, "2026-11-30T01:58:12.000Z"_L1}}};
    e += identities();
    e += {{{"event"_L1, "check"_L1}, {"check"_L1, "permissions"_L1}, {"outcome"_L1, "passed"_L1}},
          {{"event"_L1, "check"_L1}, {"check"_L1, "store reachable"_L1}, {"outcome"_L1, "passed"_L1}},
          {{"event"_L1, "component-recorded"_L1}, {"name"_L1, "edc"_L1}, {"replicas"_L1, 2}},
          {{"event"_L1, "scaled"_L1}, {"name"_L1, "edc"_L1}, {"from"_L1, 2}, {"to"_L1, 0}},
          {{"event"_L1, "tables-measured"_L1}, {"when"_L1, "before"_L1}, {"store"_L1, "database"_L1},
           {"tables"_L1, QJsonArray{QJsonObject{{"name"_L1, "public.flows"_L1}, {"rows"_L1, 520}, {"newest"_L1, "2026-11-30T01:59:00.000Z"_L1}}}}},
          {{"event"_L1, "data-started"_L1}, {"mode"_L1, "archive"_L1},
           {"backup"_L1, QJsonObject{{"path"_L1, "/backups/eic-20261130-0200"_L1}, {"takenAt"_L1, "2026-11-29T02:00:00.000Z"_L1},
                                     {"bytes"_L1, 4200000000.0}, {"sha256"_L1, "ab12cd34ef56"_L1}, {"sha256Of"_L1, "manifest.json"_L1}}}},
          {{"event"_L1, "data-finished"_L1}, {"ok"_L1, true}, {"state"_L1, "done"_L1},
           {"details"_L1, QJsonObject{{"items"_L1, 12}, {"acceptsWrites"_L1, true},
                                      {"tables"_L1, QJsonArray{QJsonObject{{"table"_L1, "public.flows"_L1}, {"expectedRows"_L1, 500}, {"foundRows"_L1, 500},
                                                                           {"exact"_L1, true}, {"ok"_L1, true}}}}}}},
          {{"event"_L1, "tables-measured"_L1}, {"when"_L1, "after"_L1}, {"store"_L1, "database"_L1},
           {"tables"_L1, QJsonArray{QJsonObject{{"name"_L1, "public.flows"_L1}, {"rows"_L1, 500}, {"newest"_L1, "2026-11-29T01:59:30.000Z"_L1}}}}},
          {{"event"_L1, "check"_L1}, {"check"_L1, "store accepts writes"_L1}, {"outcome"_L1, "passed"_L1}},
          {{"event"_L1, "scaled"_L1}, {"name"_L1, "edc"_L1}, {"from"_L1, 0}, {"to"_L1, 2}},
          {{"event"_L1, "rolled-out"_L1}, {"name"_L1, "edc"_L1}, {"replicas"_L1, 2}},
          {{"event"_L1, "check"_L1}, {"check"_L1, "component healthy"_L1}, {"name"_L1, "edc"_L1}, {"outcome"_L1, "passed"_L1}, {"available"_L1, 2}, {"recorded"_L1, 2}},
          {{"event"_L1, "check"_L1}, {"check"_L1, "sessions"_L1}, {"outcome"_L1, "not-checked"_L1}, {"notChecked"_L1, "no store connection given"_L1}},
          {{"event"_L1, "run-finished"_L1}, {"outcome"_L1, "complete"_L1}, {"downtimeSeconds"_L1, 95.5}}};
    return e;
}

// A datastore archive restore cancelled during the quiescence wait and rolled back.
QList<QJsonObject> rolledBackRun()
{
    QList<QJsonObject> e{runStarted(u"datastore"_s, u"archive"_s, {})};
    e += {{{"event"_L1, "component-recorded"_L1}, {"name"_L1, "edc"_L1}, {"replicas"_L1, 2}},
          {{"event"_L1, "scaled"_L1}, {"name"_L1, "edc"_L1}, {"from"_L1, 2}, {"to"_L1, 0}},
          {{"event"_L1, "cancel-requested"_L1}, {"step"_L1, "quiesce"_L1}, {"t"_L1, "2026-11-30T02:00:10.000Z"_L1}},
          {{"event"_L1, "rollback-started"_L1}, {"reason"_L1, "The restore was cancelled."_L1}, {"dataStep"_L1, "not started"_L1},
           {"t"_L1, "2026-11-30T02:00:11.000Z"_L1}},
          {{"event"_L1, "scaled"_L1}, {"name"_L1, "edc"_L1}, {"to"_L1, 2}, {"rollback"_L1, true}, {"t"_L1, "2026-11-30T02:00:12.000Z"_L1}},
          {{"event"_L1, "check"_L1}, {"check"_L1, "store accepts writes"_L1}, {"outcome"_L1, "failed"_L1}, {"message"_L1, "LOADING"_L1},
           {"t"_L1, "2026-11-30T02:00:13.000Z"_L1}},
          {{"event"_L1, "run-finished"_L1}, {"outcome"_L1, "rolled-back"_L1}, {"reason"_L1, "The restore was cancelled."_L1},
           {"dataStep"_L1, "partly done"_L1}, {"t"_L1, "2026-11-30T02:00:20.000Z"_L1}}};
    return e;
}

// The text of each cell of the Checks table's Detail column.
QStringList detailCells(const QString &html)
{
    const qsizetype at = html.indexOf(u">Checks<"_s);
    const QString table = html.mid(at, html.indexOf(u"</table>"_s, at) - at);
    QStringList cells;
    static const QRegularExpression row(u"<tr><td>[^<]*</td><td class=\"[a-z]+\">[^<]*</td><td>([^<]*)</td></tr>"_s);
    for (auto it = row.globalMatch(table); it.hasNext();)
        cells.append(it.next().captured(1));
    return cells;
}

} // namespace

class TestReport : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void statesWhoWhereWhat()
    {
        QTemporaryDir dir;
        auto r = RestoreReport::fromJournal(writeJournal(dir, u"run-a"_s, completeRun(u"sandbox"_s)));
        QVERIFY(r.ok());
        const QString html = r->toHtml({});
        for (const QString &want : {u"alice on admin-box"_s, u"CHG-4711"_s, u"2026-11-30 01:58:12 UTC"_s, u"db.example:5432/eic"_s, u"7301234567890"_s,
                                    u"https://api.cell7.example:6443"_s, u"uid-ns-1"_s, u"/backups/eic-20261130-0200"_s, u"taken 2026-11-29 02:00:00 UTC"_s,
                                    u"SHA-256 of manifest.json: ab12cd34ef56"_s, u"The cell&#x27;s service is interrupted"_s, u"SANDBOX"_s})
            QVERIFY2(html.contains(want) || html.contains(QString(want).replace(u"&#x27;"_s, u"'"_s)), qPrintable(want));
        // The mark heads the page, before the title.
        QVERIFY(html.indexOf(u"SANDBOX"_s) < html.indexOf(u"<h1>"_s));
        // The tick time is the admin's, not the time the event was written (02:00:01).
        QCOMPARE(r->cautions.value(0).at.toUTC().toString(Qt::ISODate), u"2026-11-30T01:58:12Z"_s);
        QCOMPARE(r->toJson().value("ticket"_L1).toString(), u"CHG-4711"_s);
        QCOMPARE(r->toJson().value("backup"_L1).toObject().value("sha256"_L1).toString(), u"ab12cd34ef56"_s);
    }

    void dataStepIsATableAndNoJsonOrNames()
    {
        QTemporaryDir dir;
        for (const auto &[name, events] : {std::pair{u"complete"_s, completeRun({})}, {u"rolled"_s, rolledBackRun()}}) {
            auto r = RestoreReport::fromJournal(writeJournal(dir, name, events));
            QVERIFY(r.ok());
            const QString html = r->toHtml({});
            QVERIFY2(!html.contains(u"{\""_s) && !html.contains(u"{&quot;"_s), qPrintable(name));
            // A journal's names never show; their words do.
            for (const QString &raw : {u"rolled-back"_s, u"not-checked"_s, u"partly done"_s, u"preflight"_s, u"new-instance"_s, u">archive<"_s, u">quiesce"_s})
                QVERIFY2(!html.contains(raw), qPrintable(name + u": "_s + raw));
        }
        auto r = RestoreReport::fromJournal(dir.filePath(u"complete.jsonl"_s));
        const QString html = r->toHtml({});
        QVERIFY(html.contains(u"<td>public.flows</td><td>500</td><td>500</td><td>yes</td>"_s));
        QVERIFY(html.contains(u"Items restored by pg_restore"_s));
        QVERIFY(html.contains(u"Duration</td><td width=\"65%\">1.0 s</td>"_s));
    }

    void everyCheckHasADetail()
    {
        QTemporaryDir dir;
        for (const auto &events : {completeRun({}), rolledBackRun()}) {
            auto r = RestoreReport::fromJournal(writeJournal(dir, u"c"_s, events));
            const QStringList details = detailCells(r->toHtml({}));
            QCOMPARE(details.size(), r->checks.size());
            for (const QString &d : details)
                QVERIFY2(!d.trimmed().isEmpty(), qPrintable(details.join(u" | "_s)));
        }
        auto r = RestoreReport::fromJournal(writeJournal(dir, u"c2"_s, completeRun({})));
        const QStringList details = detailCells(r->toHtml({}));
        QVERIFY(details.filter(QRegularExpression(u"^2 of 2 replica"_s)).size() == 1);
        QVERIFY(details.contains(u"no store connection given"_s));
        // A check that was not made: the headline does not say "verified", and names it.
        QVERIFY(!r->summary().contains(u"verified"_s));
        QVERIFY(r->summary().contains(u"sessions (no store connection given)"_s));
    }

    void rolledBackSaysWhenAndWhat()
    {
        QTemporaryDir dir;
        auto r = RestoreReport::fromJournal(writeJournal(dir, u"rb"_s, rolledBackRun()));
        QVERIFY(r.ok());
        const QString html = r->toHtml({});
        QVERIFY(html.contains(u"2026-11-30 02:00:10 UTC, during the wait for quiescence"_s));
        QVERIFY(html.contains(u"Rollback started</th><td>2026-11-30 02:00:11 UTC"_s));
        QVERIFY(html.contains(u"Rollback ended</th><td>2026-11-30 02:00:20 UTC"_s));
        QVERIFY(html.contains(u"Nothing failed: the cancel was asked for"_s));
        QVERIFY(html.contains(u"rolled back"_s));
        QVERIFY(html.contains(u"interrupted: the store may be partly restored"_s));
        const QJsonObject i = r->toJson().value("interruption"_L1).toObject();
        QCOMPARE(i.value("cancelRequested"_L1).toString(), u"2026-11-30T02:00:10.000Z"_s);
        QCOMPARE(i.value("rollbackEnded"_L1).toString(), u"2026-11-30T02:00:20.000Z"_s);
        // No backup was journaled: said, not left blank.
        QVERIFY(html.contains(u"not recorded"_s));
    }

    void measuredLoss()
    {
        QTemporaryDir dir;
        auto r = RestoreReport::fromJournal(writeJournal(dir, u"m"_s, completeRun({})));
        const QString html = r->toHtml({});
        QVERIFY(html.contains(u"<td>public.flows</td><td>520</td><td>500</td><td>-20</td><td>2026-11-30 01:59:00 UTC</td><td>2026-11-29 01:59:30 UTC</td>"_s));
        // Keys per Redis database.
        QList<QJsonObject> ds = rolledBackRun();
        ds.insert(2, {{"event"_L1, "tables-measured"_L1}, {"when"_L1, "before"_L1}, {"store"_L1, "datastore"_L1},
                      {"databases"_L1, QJsonArray{QJsonObject{{"db"_L1, 0}, {"keys"_L1, 50}}}}});
        ds.insert(3, {{"event"_L1, "tables-measured"_L1}, {"when"_L1, "after"_L1}, {"store"_L1, "datastore"_L1},
                      {"databases"_L1, QJsonArray{QJsonObject{{"db"_L1, 0}, {"keys"_L1, 51}}}}});
        auto k = RestoreReport::fromJournal(writeJournal(dir, u"k"_s, ds));
        QVERIFY(k->toHtml({}).contains(u"<td>db 0</td><td>50</td><td>51</td><td>+1</td>"_s));
        // Absent: not measured, with why.
        auto n = RestoreReport::fromJournal(writeJournal(dir, u"n"_s, rolledBackRun()));
        QVERIFY(n->toHtml({}).contains(u"Not measured: the journal holds no measurement"_s));
    }

    void markOnEveryPdfPage()
    {
        const QString pdftotext = QStandardPaths::findExecutable(u"pdftotext"_s);
        if (pdftotext.isEmpty())
            QSKIP("pdftotext (poppler-utils) is not installed");
        QTemporaryDir dir;
        QList<QJsonObject> events = completeRun(u"drill"_s);
        // Enough components for several pages.
        for (int i = 0; i < 60; ++i)
            events.insert(5, {{"event"_L1, "component-recorded"_L1}, {"name"_L1, u"component-%1"_s.arg(i)}, {"replicas"_L1, 1}});
        auto r = RestoreReport::fromJournal(writeJournal(dir, u"pdf"_s, events));
        const QString pdf = dir.filePath(u"r.pdf"_s);
        QVERIFY(eic::report::exportReport(*r, u"pdf"_s, pdf).ok());
        int pages = 0;
        for (int page = 1; page < 20; ++page) {
            QProcess p;
            p.start(pdftotext, {u"-f"_s, QString::number(page), u"-l"_s, QString::number(page), pdf, u"-"_s});
            QVERIFY(p.waitForFinished(20000));
            if (p.exitCode() != 0)
                break;
            const QString text = QString::fromUtf8(p.readAllStandardOutput());
            if (!text.contains(u"page %1 of"_s.arg(page)))
                break;
            ++pages;
            QVERIFY2(text.contains(u"DRILL — a rehearsal"_s), qPrintable(u"page %1: %2"_s.arg(page).arg(text.left(300))));
        }
        QVERIFY2(pages >= 2, qPrintable(QString::number(pages)));
    }
};

QTEST_MAIN(TestReport)
#include "tst_report.moc"
