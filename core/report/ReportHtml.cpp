// RestoreReport::toHtml: the page a change board reads. Every journal name passes through
// RestoreReport::words; figures are tables, never JSON.

#include "RestoreReport.h"
#include "ReportData.h"
#include "ReportText.h"

#include "restore/Events.h"

using namespace Qt::StringLiterals;

namespace eic::report {

using text::esc;
using text::Tr;

namespace {

const char16_t *kStyle =
    u"<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt} table{border-collapse:collapse;margin:4px 0 10px 0} "
    u"td,th{border:1px solid #999;padding:3px 6px;text-align:left;vertical-align:top} th{background:#eee} .ok{color:#1a7f37} "
    u".warn{color:#8a5a00;font-weight:bold} .bad{color:#b42318;font-weight:bold} h2{margin-top:14px} "
    u".mark{background:#b42318;color:#ffffff;font-weight:bold;font-size:12pt;padding:6px}</style>";

QString heading(const QString &title)
{
    return u"<h2>"_s + esc(title) + u"</h2>"_s;
}

// A check's row: passed (green), FAILED (red), not checked (amber), and what it saw or why.
QString checkRow(const QJsonObject &c)
{
    const restore::CheckOutcome outcome = restore::checkOutcomeOf(c);
    const QString cls = outcome == restore::CheckOutcome::Passed ? u"ok"_s : outcome == restore::CheckOutcome::Failed ? u"bad"_s : u"warn"_s;
    return u"<tr><td>%1%2</td><td class=\"%3\">%4</td><td>%5</td></tr>"_s.arg(esc(c.value("check"_L1).toString()),
                                                                              c.contains("name"_L1) ? u" "_s + esc(c.value("name"_L1).toString()) : QString(), cls,
                                                                              esc(RestoreReport::words(restore::checkOutcomeName(outcome))),
                                                                              esc(c.value("detail"_L1).toString()));
}

QString storeText(const RestoreReport &r)
{
    const QJsonObject &s = r.storeIdentity;
    if (s.isEmpty())
        return Tr::tr("not identified (no store connection was given)");
    QString id;
    if (s.contains("systemIdentifier"_L1))
        id = Tr::tr("system identifier %1, database OID %2").arg(s.value("systemIdentifier"_L1).toString(), s.value("databaseOid"_L1).toVariant().toString());
    else if (s.contains("marker"_L1))
        id = Tr::tr("marker %1").arg(s.value("marker"_L1).toString());
    const QString what = Tr::tr("%1 at %2").arg(RestoreReport::words(s.value("kind"_L1).toString()), s.value("address"_L1).toString());
    return id.isEmpty() ? what : Tr::tr("%1 (%2)").arg(what, id);
}

QString cellText(const RestoreReport &r)
{
    const QString server = r.cellIdentity.value("server"_L1).toString();
    const QString uid = r.cellIdentity.value("namespaceUid"_L1).toString();
    QString s = server.isEmpty() ? Tr::tr("namespace %1").arg(r.ns) : Tr::tr("%1, namespace %2").arg(server, r.ns);
    if (!uid.isEmpty())
        s += Tr::tr(" (UID %1)").arg(uid);
    s += Tr::tr("; kubeconfig context %1").arg(r.context.isEmpty() ? Tr::tr("none") : r.context);
    if (!r.profile.isEmpty())
        s += Tr::tr("; profile %1").arg(r.profile);
    return s;
}

QString backupText(const RestoreReport &r)
{
    const QJsonObject &b = r.backup;
    if (b.isEmpty())
        return r.mode == "archive"_L1 ? Tr::tr("not recorded (the journal of an older version)") : Tr::tr("none: %1").arg(RestoreReport::words(r.mode));
    const QDateTime taken = QDateTime::fromString(b.value("takenAt"_L1).toString(), Qt::ISODateWithMs);
    QStringList parts{b.value("path"_L1).toString()};
    parts.append(b.value("takenAtFrom"_L1).toString() == "file modified"_L1 ? Tr::tr("file last modified %1").arg(text::when(taken))
                                                                            : Tr::tr("taken %1").arg(text::when(taken)));
    if (b.contains("bytes"_L1))
        parts.append(text::size(b.value("bytes"_L1).toInteger()));
    const QString sha = b.value("sha256"_L1).toString();
    parts.append(sha.isEmpty() ? Tr::tr("SHA-256 not recorded") : Tr::tr("SHA-256 of %1: %2").arg(b.value("sha256Of"_L1).toString(), sha));
    return parts.join(u'\n');
}

QString overview(const RestoreReport &r)
{
    QString h = u"<table width=\"100%\">"_s;
    // Each line of a value on a line of its own.
    auto row = [&h](const QString &k, const QString &v) {
        h += u"<tr><th width=\"24%\">%1</th><td>%2</td></tr>"_s.arg(esc(k), esc(v).replace(u'\n', u"<br>"_s));
    };
    row(Tr::tr("Run"), r.runId);
    row(Tr::tr("Change / ticket"), r.ticket.isEmpty() ? Tr::tr("none given") : r.ticket);
    row(Tr::tr("Operator"), Tr::tr("%1 on %2").arg(r.operatorName, r.host));
    row(Tr::tr("Cell"), cellText(r));
    row(Tr::tr("Store"), storeText(r));
    row(Tr::tr("What was restored"), Tr::tr("the %1, %2").arg(RestoreReport::words(r.target), RestoreReport::words(r.mode)));
    row(Tr::tr("Backup restored"), backupText(r));
    row(Tr::tr("Began"), text::when(r.began));
    row(Tr::tr("Ended"), r.ended.isValid() ? text::when(r.ended) : Tr::tr("not finished"));
    row(Tr::tr("Total downtime"), text::duration(r.downtimeSeconds));
    row(Tr::tr("Application"), Tr::tr("eic-restore %1").arg(r.appVersion));
    return h + u"</table>"_s;
}

// When the cancel was asked, what blocked, when the rollback started and ended.
QString interruption(const RestoreReport &r)
{
    QString h = heading(Tr::tr("Cancel and rollback")) + u"<table width=\"100%\">"_s;
    auto row = [&h](const QString &k, const QString &v) { h += u"<tr><th width=\"24%\">%1</th><td>%2</td></tr>"_s.arg(esc(k), esc(v)); };
    row(Tr::tr("Cancel asked"), r.cancelRequested.isValid() ? Tr::tr("%1, during the %2").arg(text::when(r.cancelRequested), RestoreReport::words(r.cancelStep))
                                                             : Tr::tr("no cancel was asked"));
    row(Tr::tr("What blocked"), r.blocked.isEmpty() ? Tr::tr("nothing is recorded") : r.blocked.join(u" "_s));
    row(Tr::tr("Rollback started"), text::when(r.rollbackStarted));
    row(Tr::tr("Rollback ended"), r.ended.isValid() ? text::when(r.ended) : Tr::tr("not finished"));
    row(Tr::tr("Rollback took"), text::between(r.rollbackStarted, r.ended));
    row(Tr::tr("State of the data step"), RestoreReport::words(r.dataState));
    return h + u"</table>"_s;
}

QString cautionsTable(const RestoreReport &r)
{
    QString h = heading(Tr::tr("Cautions acknowledged")) + u"<table width=\"100%\">"_s;
    h += htmlRow({Tr::tr("Caution"), Tr::tr("By"), Tr::tr("Ticked at"), Tr::tr("What it means, with its numbers")}, u"th"_s, {27, 11, 16, 46});
    for (const RestoreReport::Acknowledgement &a : r.cautions)
        h += u"<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>"_s.arg(a.title.isEmpty() ? esc(a.id) : esc(a.title) + u"<br>("_s + esc(a.id) + u')',
                                                                           esc(a.by), esc(text::when(a.at)), esc(a.text));
    if (r.cautions.isEmpty())
        h += u"<tr><td colspan=\"4\">%1</td></tr>"_s.arg(esc(Tr::tr("none")));
    return h + u"</table>"_s;
}

QString componentsTable(const RestoreReport &r)
{
    QString h = heading(Tr::tr("Components")) + u"<table width=\"100%\">"_s;
    h += htmlRow({Tr::tr("Component"), Tr::tr("Replicas before"), Tr::tr("Replicas after"), Tr::tr("Stopped"), Tr::tr("Started"), Tr::tr("Available")}, u"th"_s,
                 {30, 12, 12, 15, 15, 16});
    auto count = [](int n) { return n < 0 ? u"—"_s : QString::number(n); };
    for (const ComponentTimeline &c : r.components)
        h += htmlRow({c.name + (c.hpa.isEmpty() ? QString() : Tr::tr(" (HPA)")), count(c.before), count(c.after), text::hms(c.stopped), text::hms(c.started),
                      text::hms(c.rolledOut)}, u"td"_s);
    return h + u"</table><p>"_s + esc(Tr::tr("Times in UTC.")) + u"</p>"_s;
}

} // namespace

QString RestoreReport::toHtml(const QString &timelineSrc, bool markOnTop) const
{
    QString h = u"<html><head><meta charset=\"utf-8\"><title>"_s + esc(Tr::tr("Restore report %1").arg(runId)) + u"</title>"_s + QString::fromUtf16(kStyle)
              + u"</head><body>"_s;
    if (const QString mark = markBanner(); !mark.isEmpty() && markOnTop)
        h += u"<table width=\"100%\"><tr><td class=\"mark\">%1</td></tr></table>"_s.arg(esc(mark));
    const bool complete = outcome == restore::ev::Complete || outcome == restore::ev::CompleteWithLeftovers;
    const bool good = outcome == restore::ev::Complete && notChecked.isEmpty() && leftovers.isEmpty();
    h += u"<h1>"_s + esc(Tr::tr("Restore of the %1 — %2").arg(words(target), outcomeWords(outcome))) + u"</h1>"_s;
    h += u"<p class=\"%1\">%2</p>"_s.arg(good ? u"ok"_s : complete ? u"warn"_s : u"bad"_s, esc(summary()));
    h += overview(*this);
    if (rolledBack())
        h += interruption(*this);
    h += cautionsTable(*this);
    if (!timelineSrc.isEmpty())
        h += u"<img src=\"%1\" width=\"640\">"_s.arg(timelineSrc);
    h += componentsTable(*this);
    h += heading(Tr::tr("Data step")) + dataStepHtml(*this);
    h += heading(Tr::tr("Measured loss")) + measuredLossHtml(*this);
    h += heading(Tr::tr("Checks")) + u"<table width=\"100%\">"_s + htmlRow({Tr::tr("Check"), Tr::tr("Result"), Tr::tr("Detail")}, u"th"_s, {30, 12, 58});
    for (const QJsonValue &v : checks)
        h += checkRow(v.toObject());
    h += u"</table>"_s;
    if (!errors.isEmpty()) {
        h += heading(Tr::tr("Errors")) + u"<ul>"_s;
        for (const QString &e : errors)
            h += u"<li>"_s + esc(e) + u"</li>"_s;
        h += u"</ul>"_s;
    }
    h += heading(Tr::tr("Plan")) + u"<ol>"_s;
    for (const QJsonValue &s : plan.value("steps"_L1).toArray())
        h += u"<li>"_s + esc(s.toObject().value("text"_L1).toString()) + u"</li>"_s;
    return h + u"</ol></body></html>"_s;
}

} // namespace eic::report
