#include "RestoreReport.h"

#include "restore/Events.h"
#include "restore/Journal.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

using namespace Qt::StringLiterals;

namespace eic::report {

namespace {

// Texts of this file, in the translation context "RestoreReport" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RestoreReport)
};

QDateTime timeOf(const QJsonObject &e)
{
    return QDateTime::fromString(e.value("t"_L1).toString(), Qt::ISODateWithMs);
}

QString iso(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QString hms(const QDateTime &t)
{
    return t.isValid() ? t.toUTC().toString(u"HH:mm:ss.zzz"_s) : u"—"_s;
}

QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

} // namespace

namespace {

// Reads a run's journal into a report, one event at a time.
class JournalReader {
public:
    explicit JournalReader(RestoreReport &report)
        : r(report)
    {
    }

    void read(const QJsonObject &e)
    {
        const QString name = e.value("event"_L1).toString();
        const QDateTime t = timeOf(e);
        if (name == "run-started"_L1)
            runStarted(e, t);
        else if (name == "caution-acknowledged"_L1)
            r.cautions.append({e.value("id"_L1).toString(), e.value("by"_L1).toString(), e.value("text"_L1).toString(), t, e.value("numbers"_L1).toObject()});
        else if (name == "component-recorded"_L1)
            component(e.value("name"_L1).toString()).before = e.value("replicas"_L1).toInt();
        else if (name == "scaled"_L1)
            scaled(e, t);
        else if (name == "rolled-out"_L1)
            component(e.value("name"_L1).toString()).rolledOut = t;
        else if (name == "data-started"_L1)
            r.dataStarted = t;
        else if (name == "data-finished"_L1)
            dataFinished(e, t);
        else if (name == "run-finished"_L1)
            runFinished(e, t);
        else
            checkOrError(name, e);
    }

private:
    ComponentTimeline &component(const QString &name)
    {
        if (!index.contains(name)) {
            index.insert(name, r.components.size());
            r.components.append({name, -1, -1, {}, {}, {}, {}});
        }
        return r.components[index.value(name)];
    }

    void runStarted(const QJsonObject &e, const QDateTime &t)
    {
        r.began = t;
        r.operatorName = e.value("operator"_L1).toString();
        r.host = e.value("host"_L1).toString();
        r.appVersion = e.value("appVersion"_L1).toString();
        r.context = e.value("context"_L1).toString();
        r.ns = e.value("namespace"_L1).toString();
        r.target = e.value("target"_L1).toString();
        r.mode = e.value("mode"_L1).toString();
        r.profile = e.value("profile"_L1).toString();
        r.plan = e.value("plan"_L1).toObject();
        for (const QJsonValue &c : r.plan.value("components"_L1).toArray())
            if (c.toObject().value("present"_L1).toBool())
                component(c.toObject().value("name"_L1).toString()).hpa = c.toObject().value("hpa"_L1).toObject().value("name"_L1).toString();
    }

    void scaled(const QJsonObject &e, const QDateTime &t)
    {
        ComponentTimeline &c = component(e.value("name"_L1).toString());
        if (e.value("to"_L1).toInt() == 0 && !e.value("rollback"_L1).toBool()) {
            c.stopped = t;
        } else {
            c.started = t;
            c.after = e.value("to"_L1).toInt();
        }
    }

    void dataFinished(const QJsonObject &e, const QDateTime &t)
    {
        r.dataFinished = t;
        r.dataState = e.value("state"_L1).toString();
        r.dataDetails = e.value("details"_L1).toObject();
        if (e.contains("confirmedBy"_L1))
            r.dataDetails["confirmedBy"_L1] = e.value("confirmedBy"_L1);
        if (e.contains("exitCode"_L1))
            r.dataDetails["exitCode"_L1] = e.value("exitCode"_L1);
    }

    void runFinished(const QJsonObject &e, const QDateTime &t)
    {
        for (const QJsonValue &v : e.value("notChecked"_L1).toArray())
            addOnce(r.notChecked, v.toString());
        for (const QJsonValue &v : e.value("leftovers"_L1).toArray())
            addOnce(r.leftovers, v.toString());
        r.ended = t;
        r.outcome = e.value("outcome"_L1).toString();
        r.outcomeMessage = e.value("reason"_L1).toString(e.value("message"_L1).toString());
        r.downtimeSeconds = e.value("downtimeSeconds"_L1).toDouble(-1);
    }

    void checkOrError(const QString &name, const QJsonObject &e)
    {
        if (name == restore::ev::Check) {
            QJsonObject c = e;
            c.remove("event"_L1);
            // An older journal's "skipped" (ok: true) is not checked: spelled out, never passed.
            const restore::CheckOutcome outcome = restore::checkOutcomeOf(e);
            c["outcome"_L1] = restore::checkOutcomeName(outcome);
            c["ok"_L1] = outcome == restore::CheckOutcome::Passed;
            r.checks.append(c);
            // A rollback's run-finished lists nothing: the checks themselves say what was not made.
            if (outcome == restore::CheckOutcome::NotChecked)
                addOnce(r.notChecked, u"%1 (%2)"_s.arg(e.value("check"_L1).toString(), restore::checkReasonOf(e)));
        } else if (name == restore::ev::Leftover) {
            addOnce(r.leftovers, e.value("what"_L1).toString());
        } else if (name == "step-failed"_L1 || name == "preflight-failed"_L1 || name == "rollback-failed"_L1 || name == "warning"_L1) {
            r.errors.append(e.value("message"_L1).toString());
        } else if (name == "rollback-started"_L1) {
            r.errors.append(Tr::tr("Rolled back: %1").arg(e.value("reason"_L1).toString()));
        }
    }

    static void addOnce(QStringList &list, const QString &line)
    {
        if (!line.isEmpty() && !list.contains(line))
            list.append(line);
    }

    RestoreReport &r;
    QHash<QString, qsizetype> index;
};

// Downtime from the timeline, for a run that did not measure it (a rollback, a resumed run):
// from the first stop to the last start; -1 without both.
double downtimeFromTimeline(const QList<ComponentTimeline> &components)
{
    QDateTime first, last;
    for (const ComponentTimeline &c : components) {
        if (c.stopped.isValid() && (!first.isValid() || c.stopped < first))
            first = c.stopped;
        const QDateTime up = c.rolledOut.isValid() ? c.rolledOut : c.started;
        if (up.isValid() && (!last.isValid() || up > last))
            last = up;
    }
    return first.isValid() && last.isValid() && last > first ? static_cast<double>(first.msecsTo(last)) / 1000.0 : -1;
}

} // namespace

Result<RestoreReport> RestoreReport::fromJournal(const QString &path)
{
    auto events = restore::Journal::read(path);
    if (!events)
        return events.error();
    if (events->isEmpty() || events->constFirst().value("event"_L1) != "run-started"_L1)
        return Error{Tr::tr("%1 is not the journal of a run.").arg(path), {}, 0};
    RestoreReport r;
    r.runId = QFileInfo(path).completeBaseName();
    r.outcome = u"unfinished"_s;
    JournalReader reader(r);
    for (const QJsonObject &e : *events)
        reader.read(e);
    if (r.dataState.isEmpty())
        r.dataState = r.dataStarted.isValid() ? u"started"_s : u"not started"_s;
    if (r.downtimeSeconds < 0)
        r.downtimeSeconds = downtimeFromTimeline(r.components);
    return r;
}

QJsonObject RestoreReport::toJson() const
{
    QJsonArray cs;
    for (const Acknowledgement &a : cautions)
        cs.append(QJsonObject{{"id"_L1, a.id}, {"acknowledgedBy"_L1, a.by}, {"acknowledgedAt"_L1, iso(a.at)}, {"text"_L1, a.text}, {"numbers"_L1, a.numbers}});
    QJsonArray comps;
    for (const ComponentTimeline &c : components)
        comps.append(QJsonObject{{"name"_L1, c.name}, {"replicasBefore"_L1, c.before}, {"replicasAfter"_L1, c.after}, {"hpa"_L1, c.hpa},
                                 {"stoppedAt"_L1, iso(c.stopped)}, {"startedAt"_L1, iso(c.started)}, {"availableAt"_L1, iso(c.rolledOut)}});
    return {{"schema"_L1, "eic-restore/report"_L1},
            {"schemaVersion"_L1, 1},
            {"runId"_L1, runId},
            {"operator"_L1, operatorName},
            {"host"_L1, host},
            {"appVersion"_L1, appVersion},
            {"cell"_L1, QJsonObject{{"context"_L1, context}, {"namespace"_L1, ns}, {"profile"_L1, profile}}},
            {"target"_L1, target},
            {"mode"_L1, mode},
            {"began"_L1, iso(began)},
            {"ended"_L1, iso(ended)},
            {"outcome"_L1, outcome},
            {"outcomeMessage"_L1, outcomeMessage},
            {"downtimeSeconds"_L1, downtimeSeconds},
            {"plan"_L1, plan},
            {"cautions"_L1, cs},
            {"components"_L1, comps},
            {"dataStep"_L1, QJsonObject{{"state"_L1, dataState}, {"started"_L1, iso(dataStarted)}, {"finished"_L1, iso(dataFinished)}, {"details"_L1, dataDetails}}},
            {"checks"_L1, checks},
            {"notChecked"_L1, QJsonArray::fromStringList(notChecked)},
            {"leftovers"_L1, QJsonArray::fromStringList(leftovers)},
            {"errors"_L1, QJsonArray::fromStringList(errors)}};
}

QImage RestoreReport::timeline(int width, qreal dpr) const
{
    const int rowH = 26;
    const int labelW = 260;
    const int top = 30;
    const int height = top + rowH * static_cast<int>(std::max<qsizetype>(1, components.size())) + 40;
    QImage img(QSize(width, height) * dpr, QImage::Format_ARGB32_Premultiplied);
    img.setDevicePixelRatio(dpr);
    img.fill(Qt::white);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    QFont f = p.font();
    f.setPixelSize(12);
    p.setFont(f);
    QDateTime t0 = began, t1 = ended.isValid() ? ended : began;
    for (const ComponentTimeline &c : components)
        for (const QDateTime &t : {c.stopped, c.started, c.rolledOut})
            if (t.isValid()) {
                if (!t0.isValid() || t < t0)
                    t0 = t;
                if (t > t1)
                    t1 = t;
            }
    const double span = std::max<double>(1.0, static_cast<double>(t0.msecsTo(t1)));
    const int x0 = labelW;
    const int w = width - labelW - 20;
    auto xOf = [&](const QDateTime &t) { return x0 + static_cast<int>(w * static_cast<double>(t0.msecsTo(t)) / span); };
    // The data step as a band behind the bars.
    if (dataStarted.isValid()) {
        const int a = xOf(dataStarted);
        const int b = dataFinished.isValid() ? xOf(dataFinished) : x0 + w;
        p.fillRect(QRect(a, top - 6, std::max(2, b - a), rowH * static_cast<int>(components.size()) + 6), QColor(255, 214, 102, 140));
        p.setPen(QColor(120, 90, 0));
        p.drawText(QPoint(a + 3, top - 10), Tr::tr("data step (%1)").arg(dataState));
    }
    int y = top;
    for (const ComponentTimeline &c : components) {
        p.setPen(Qt::black);
        p.drawText(QRect(6, y, labelW - 12, rowH), Qt::AlignVCenter | Qt::AlignLeft, u"%1  %2→%3"_s.arg(c.name).arg(c.before).arg(c.after));
        if (c.stopped.isValid()) {
            const QDateTime up = c.rolledOut.isValid() ? c.rolledOut : (c.started.isValid() ? c.started : t1);
            const int a = xOf(c.stopped);
            const int s = c.started.isValid() ? xOf(c.started) : xOf(up);
            const int b = xOf(up);
            p.fillRect(QRect(a, y + 5, std::max(2, s - a), rowH - 10), QColor(200, 60, 60));   // stopped
            p.fillRect(QRect(s, y + 5, std::max(2, b - s), rowH - 10), QColor(70, 130, 200));  // starting
        }
        y += rowH;
    }
    // Axis with the seconds since the first event.
    p.setPen(Qt::darkGray);
    p.drawLine(x0, y + 4, x0 + w, y + 4);
    for (int i = 0; i <= 4; ++i) {
        const int x = x0 + w * i / 4;
        p.drawLine(x, y + 1, x, y + 7);
        p.drawText(QRect(x - 40, y + 8, 80, 16), Qt::AlignCenter, u"%1 s"_s.arg(span / 1000.0 * i / 4, 0, 'f', 1));
    }
    p.setPen(Qt::black);
    p.fillRect(QRect(x0, height - 14, 12, 10), QColor(200, 60, 60));
    p.drawText(QPoint(x0 + 16, height - 5), Tr::tr("stopped"));
    p.fillRect(QRect(x0 + 90, height - 14, 12, 10), QColor(70, 130, 200));
    p.drawText(QPoint(x0 + 106, height - 5), Tr::tr("starting until available"));
    return img;
}

QString RestoreReport::outcomeWords(const QString &name)
{
    if (name == restore::ev::Complete)
        return Tr::tr("complete");
    if (name == restore::ev::CompleteWithLeftovers)
        return Tr::tr("complete, with leftovers");
    if (name == restore::ev::RolledBack)
        return Tr::tr("rolled back");
    if (name == restore::ev::PreflightFailedOutcome)
        return Tr::tr("pre-flight failed");
    if (name == restore::ev::Cancelled)
        return Tr::tr("cancelled");
    if (name == "unfinished"_L1)
        return Tr::tr("not finished");
    return name;
}

QString RestoreReport::summary() const
{
    const bool complete = outcome == restore::ev::Complete || outcome == restore::ev::CompleteWithLeftovers;
    QString s = outcomeMessage;
    if (s.isEmpty() && complete)
        s = notChecked.isEmpty() && leftovers.isEmpty() ? Tr::tr("Restored and verified; every component is back at its recorded count.")
                                                        : Tr::tr("Restored; every component is back at its recorded count.");
    else if (s.isEmpty())
        s = outcome == "unfinished"_L1 ? Tr::tr("The run has not finished: resume or abort it (eicctl resume / eicctl abort).") : outcomeWords(outcome);
    // The runner's own message may already name them; the report says them once, in its words.
    if (!leftovers.isEmpty() && !s.contains(leftovers.constFirst()))
        s += u' ' + Tr::tr("Left behind: %1.").arg(leftovers.join(u"; "_s));
    if (!notChecked.isEmpty() && !s.contains(notChecked.constFirst()))
        s += u' ' + Tr::tr("Not checked: %1.").arg(notChecked.join(u"; "_s));
    return s;
}

namespace {

// A check's row: passed (green), FAILED (red), not checked (amber) with why.
QString checkRow(const QJsonObject &c)
{
    const restore::CheckOutcome outcome = restore::checkOutcomeOf(c);
    const QString cls = outcome == restore::CheckOutcome::Passed ? u"ok"_s : outcome == restore::CheckOutcome::Failed ? u"bad"_s : u"warn"_s;
    const QString word = outcome == restore::CheckOutcome::Passed ? Tr::tr("passed") : outcome == restore::CheckOutcome::Failed ? Tr::tr("FAILED") : Tr::tr("not checked");
    return u"<tr><td>%1%2</td><td class=\"%3\">%4</td><td>%5</td></tr>"_s.arg(esc(c.value("check"_L1).toString()),
                                                                              c.contains("name"_L1) ? u" "_s + esc(c.value("name"_L1).toString()) : QString(), cls,
                                                                              esc(word), esc(restore::checkReasonOf(c)));
}

} // namespace

QString RestoreReport::toHtml(const QString &timelineSrc) const
{
    QString h;
    h += u"<html><head><meta charset=\"utf-8\"><title>"_s + esc(Tr::tr("Restore report %1").arg(runId)) + u"</title>"_s;
    h += u"<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt} table{border-collapse:collapse;margin:4px 0 10px 0} "
         "td,th{border:1px solid #999;padding:3px 6px;text-align:left} th{background:#eee} .ok{color:#1a7f37} .warn{color:#8a5a00;font-weight:bold} .bad{color:#b42318;font-weight:bold} h2{margin-top:14px}</style></head><body>"_s;
    const bool complete = outcome == restore::ev::Complete || outcome == restore::ev::CompleteWithLeftovers;
    const bool good = outcome == restore::ev::Complete && notChecked.isEmpty() && leftovers.isEmpty();
    h += u"<h1>"_s + esc(Tr::tr("Restore of the %1 — %2").arg(target == "database"_L1 ? Tr::tr("database") : Tr::tr("data store"), outcomeWords(outcome))) + u"</h1>"_s;
    h += u"<p class=\"%1\">%2</p>"_s.arg(good ? u"ok"_s : complete ? u"warn"_s : u"bad"_s, esc(summary()));
    h += u"<table>"_s;
    auto row = [&h](const QString &k, const QString &v) { h += u"<tr><th>%1</th><td>%2</td></tr>"_s.arg(esc(k), esc(v)); };
    row(Tr::tr("Run"), runId);
    row(Tr::tr("Cell"), Tr::tr("namespace %1, context %2%3").arg(ns, context, profile.isEmpty() ? QString() : Tr::tr(", profile %1").arg(profile)));
    row(Tr::tr("Operator"), Tr::tr("%1 on %2").arg(operatorName, host));
    row(Tr::tr("Application"), Tr::tr("eic-restore %1").arg(appVersion));
    row(Tr::tr("Target and mode"), u"%1, %2"_s.arg(target, mode));
    row(Tr::tr("Began / ended (UTC)"), u"%1 / %2"_s.arg(iso(began), ended.isValid() ? iso(ended) : Tr::tr("not finished")));
    row(Tr::tr("Total downtime"), downtimeSeconds >= 0 ? Tr::tr("%1 s").arg(downtimeSeconds, 0, 'f', 1) : Tr::tr("unknown"));
    h += u"</table>"_s;

    h += u"<h2>"_s + esc(Tr::tr("Cautions acknowledged")) + u"</h2><table><tr><th>"_s + esc(Tr::tr("Caution")) + u"</th><th>"_s + esc(Tr::tr("Acknowledged by, at (UTC)")) + u"</th><th>"_s + esc(Tr::tr("What it means, with its numbers")) + u"</th></tr>"_s;
    for (const Acknowledgement &a : cautions)
        h += u"<tr><td>%1</td><td>%2, %3</td><td>%4</td></tr>"_s.arg(esc(a.id), esc(a.by), esc(iso(a.at)), esc(a.text));
    h += u"</table>"_s;

    h += u"<h2>"_s + esc(Tr::tr("Timeline")) + u"</h2>"_s;
    if (!timelineSrc.isEmpty())
        h += u"<img src=\"%1\" width=\"640\">"_s.arg(timelineSrc);
    h += u"<h2>"_s + esc(Tr::tr("Components")) + u"</h2><table><tr><th>"_s + esc(Tr::tr("Component")) + u"</th><th>"_s + esc(Tr::tr("Replicas before")) + u"</th><th>"_s +
         esc(Tr::tr("Replicas after")) + u"</th><th>"_s + esc(Tr::tr("Stopped")) + u"</th><th>"_s + esc(Tr::tr("Started")) + u"</th><th>"_s + esc(Tr::tr("Available")) + u"</th></tr>"_s;
    for (const ComponentTimeline &c : components)
        h += u"<tr><td>%1%2</td><td>%3</td><td>%4</td><td>%5</td><td>%6</td><td>%7</td></tr>"_s.arg(esc(c.name), c.hpa.isEmpty() ? QString() : esc(Tr::tr(" (HPA)")))
                 .arg(c.before).arg(c.after).arg(hms(c.stopped), hms(c.started), hms(c.rolledOut));
    h += u"</table>"_s;

    h += u"<h2>"_s + esc(Tr::tr("Data step")) + u"</h2><p>"_s + esc(Tr::tr("%1: %2, from %3 to %4 (UTC).").arg(mode, dataState, hms(dataStarted), hms(dataFinished))) + u"</p>"_s;
    if (!dataDetails.isEmpty())
        h += u"<pre>"_s + esc(QString::fromUtf8(QJsonDocument(dataDetails).toJson(QJsonDocument::Indented))) + u"</pre>"_s;

    h += u"<h2>"_s + esc(Tr::tr("Checks")) + u"</h2><table><tr><th>"_s + esc(Tr::tr("Check")) + u"</th><th>"_s + esc(Tr::tr("Result")) + u"</th><th>"_s + esc(Tr::tr("Detail")) + u"</th></tr>"_s;
    for (const QJsonValue &v : checks)
        h += checkRow(v.toObject());
    h += u"</table>"_s;
    if (!errors.isEmpty()) {
        h += u"<h2>"_s + esc(Tr::tr("Errors")) + u"</h2><ul>"_s;
        for (const QString &e : errors)
            h += u"<li>"_s + esc(e) + u"</li>"_s;
        h += u"</ul>"_s;
    }
    h += u"<h2>"_s + esc(Tr::tr("Plan")) + u"</h2><ol>"_s;
    for (const QJsonValue &s : plan.value("steps"_L1).toArray())
        h += u"<li>"_s + esc(s.toObject().value("text"_L1).toString()) + u"</li>"_s;
    h += u"</ol></body></html>"_s;
    return h;
}

Result<QString> exportReport(const RestoreReport &report, const QString &format, const QString &path)
{
    QByteArray bytes;
    if (format == "json"_L1) {
        bytes = QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    } else if (format == "html"_L1) {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        report.timeline(960, 1.0).save(&buffer, "PNG");
        bytes = report.toHtml(u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64())).toUtf8();
    } else if (format == "pdf"_L1) {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter pdf(&buffer);
        pdf.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 20), QPageLayout::Millimeter));
        pdf.setResolution(300);
        pdf.setTitle(QCoreApplication::translate("RestoreReport", "Restore report %1").arg(report.runId));
        pdf.setCreator(u"eic-restore %1"_s.arg(report.appVersion));
        QTextDocument doc;
        doc.addResource(QTextDocument::ImageResource, QUrl(u"eic:timeline"_s), report.timeline(960, 2.0));
        doc.setHtml(report.toHtml(u"eic:timeline"_s));
        const QRectF page = pdf.pageLayout().paintRectPixels(pdf.resolution());
        const qreal footer = pdf.resolution() * 0.3; // ~7.5 mm for the page number
        // Lay out at 96 dpi and scale to the printer's resolution.
        const qreal scale = pdf.resolution() / 96.0;
        doc.setPageSize(QSizeF(page.width() / scale, (page.height() - footer) / scale));
        QPainter painter(&pdf);
        const int pages = doc.pageCount();
        for (int i = 0; i < pages; ++i) {
            if (i > 0)
                pdf.newPage();
            painter.save();
            painter.scale(scale, scale);
            const QRectF clip(0, i * doc.pageSize().height(), doc.pageSize().width(), doc.pageSize().height());
            painter.translate(0, -clip.top());
            doc.drawContents(&painter, clip);
            painter.restore();
            QFont f = painter.font();
            f.setPointSizeF(8);
            painter.setFont(f);
            painter.drawText(QRectF(0, page.height() - footer, page.width(), footer), Qt::AlignRight | Qt::AlignBottom,
                             QCoreApplication::translate("RestoreReport", "Restore report %1 — page %2 of %3").arg(report.runId).arg(i + 1).arg(pages));
        }
        painter.end();
    } else {
        return Error{QCoreApplication::translate("RestoreReport", "Unknown report format \"%1\": json, html or pdf.").arg(format), {}, 2};
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QCoreApplication::translate("RestoreReport", "Cannot write the report %1: %2.").arg(path, file.errorString()), {}, 0};
    return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
}

} // namespace eic::report
