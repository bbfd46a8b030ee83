// The data step and the measured loss as readable tables: tables and rows, keys per database,
// the timings, and the engine's figures in words. No raw JSON reaches the page.

#include "ReportData.h"
#include "ReportText.h"

#include <QJsonArray>
#include <QMap>

using namespace Qt::StringLiterals;

namespace eic::report {

using text::esc;
using text::Tr;

QString htmlRow(const QStringList &cells, const QString &tag, const QList<int> &widths)
{
    QString h = u"<tr>"_s;
    for (qsizetype i = 0; i < cells.size(); ++i)
        h += i < widths.size() ? u"<%1 width=\"%3%\">%2</%1>"_s.arg(tag, esc(cells.at(i))).arg(widths.at(i)) : u"<%1>%2</%1>"_s.arg(tag, esc(cells.at(i)));
    // A header row repeats at the top of each page the table runs onto.
    return tag == "th"_L1 ? u"<thead>"_s + h + u"</tr></thead>"_s : h + u"</tr>"_s;
}

namespace {

QString yesNo(bool b)
{
    return b ? Tr::tr("yes") : Tr::tr("no");
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

QString signedNumber(qint64 n)
{
    return n > 0 ? u"+"_s + number(n) : number(n);
}

// A value of a field no row below names, as text: a scalar as it is, a list joined; never JSON.
QString plain(const QJsonValue &v)
{
    if (v.isBool())
        return yesNo(v.toBool());
    if (v.isDouble())
        return QLocale().toString(v.toDouble(), 'g', 12);
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &x : v.toArray())
            parts.append(plain(x));
        return parts.join(u"; "_s);
    }
    if (v.isObject()) {
        QStringList parts;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            parts.append(u"%1 %2"_s.arg(it.key(), plain(it.value())));
        return parts.join(u", "_s);
    }
    return v.toString();
}

// Rows expected (the backup's manifest) against found after pg_restore, per table.
QString databaseTables(const QJsonArray &tables)
{
    QString h = u"<table width=\"100%\">"_s + htmlRow({Tr::tr("Table"), Tr::tr("Rows in the backup"), Tr::tr("Rows after the restore"), Tr::tr("Match")}, u"th"_s);
    for (const QJsonValue &v : tables) {
        const QJsonObject t = v.toObject();
        const QString expected = number(t.value("expectedRows"_L1).toInteger()) + (t.value("exact"_L1).toBool() ? QString() : Tr::tr(" (estimate)"));
        h += htmlRow({t.value("table"_L1).toString(), expected, number(t.value("foundRows"_L1).toInteger()),
                      t.value("ok"_L1).toBool() ? Tr::tr("yes") : Tr::tr("NO")}, u"td"_s);
    }
    return h + u"</table>"_s;
}

// Keys in the backup against keys found, per Redis database.
QString datastoreDatabases(const QJsonObject &dbs)
{
    QString h = u"<table width=\"100%\">"_s + htmlRow({Tr::tr("Database"), Tr::tr("Keys in the backup"), Tr::tr("Keys after the restore")}, u"th"_s);
    for (auto it = dbs.begin(); it != dbs.end(); ++it) {
        const QJsonObject d = it.value().toObject();
        h += htmlRow({Tr::tr("db %1").arg(it.key()), number(d.value("expected"_L1).toInteger()), number(d.value("found"_L1).toInteger())}, u"td"_s);
    }
    return h + u"</table>"_s;
}

// The engine's other figures, each in a sentence's words.
QString facts(const QJsonObject &d)
{
    static const QMap<QString, const char *> kLabels{
        {u"items"_s, QT_TRANSLATE_NOOP("RestoreReport", "Items restored by pg_restore")},
        {u"acceptsWrites"_s, QT_TRANSLATE_NOOP("RestoreReport", "The store accepts writes")},
        {u"checksumsReadAgain"_s, QT_TRANSLATE_NOOP("RestoreReport", "Checksums read again (the backup changed since the pre-flight)")},
        {u"warnings"_s, QT_TRANSLATE_NOOP("RestoreReport", "Warnings of pg_restore")},
        {u"restored"_s, QT_TRANSLATE_NOOP("RestoreReport", "Keys restored")},
        {u"expiredSkipped"_s, QT_TRANSLATE_NOOP("RestoreReport", "Keys skipped (expired since the backup)")},
        {u"retries"_s, QT_TRANSLATE_NOOP("RestoreReport", "Retries")},
        {u"flushed"_s, QT_TRANSLATE_NOOP("RestoreReport", "The data store was emptied first")},
        {u"sampleCompared"_s, QT_TRANSLATE_NOOP("RestoreReport", "Keys compared with the backup (sample)")},
        {u"digest"_s, QT_TRANSLATE_NOOP("RestoreReport", "Digest against the backup")},
        {u"exitCode"_s, QT_TRANSLATE_NOOP("RestoreReport", "Exit status of the data command")},
        {u"confirmedBy"_s, QT_TRANSLATE_NOOP("RestoreReport", "Restore confirmed by")},
        {u"profileUpdated"_s, QT_TRANSLATE_NOOP("RestoreReport", "The profile points to the new instance")},
        {u"message"_s, QT_TRANSLATE_NOOP("RestoreReport", "Why it failed")},
        {u"seconds"_s, QT_TRANSLATE_NOOP("RestoreReport", "Time the engine took")},
    };
    static const QStringList kShownElsewhere{u"tables"_s, u"databases"_s, u"verification"_s, u"ok"_s, u"state"_s};
    QString h;
    for (auto it = d.begin(); it != d.end(); ++it) {
        if (kShownElsewhere.contains(it.key()) || (it.key() == "warnings"_L1 && it.value().toArray().isEmpty()))
            continue;
        const char *label = kLabels.value(it.key());
        QString value = it.key() == "seconds"_L1 ? text::duration(it.value().toDouble()) : plain(it.value());
        if (it.key() == "digest"_L1 && value == "equal"_L1)
            value = Tr::tr("equal");
        h += htmlRow({label ? QCoreApplication::translate("RestoreReport", label) : it.key(), value}, u"td"_s, {35, 65});
    }
    if (const QJsonObject v = d.value("verification"_L1).toObject(); !v.isEmpty()) {
        h += htmlRow({Tr::tr("The backup, checked before the restore"), v.value("sentence"_L1).toString()}, u"td"_s);
        for (const QJsonValue &c : v.value("checks"_L1).toArray())
            h += htmlRow({u"  "_s + c.toObject().value("item"_L1).toString(), c.toObject().value("sentence"_L1).toString()}, u"td"_s);
    }
    return h.isEmpty() ? QString() : u"<table width=\"100%\">"_s + h + u"</table>"_s;
}

} // namespace

QString dataStepHtml(const RestoreReport &r)
{
    QString h = u"<table width=\"100%\">"_s;
    h += htmlRow({Tr::tr("How"), RestoreReport::words(r.mode)}, u"td"_s, {35, 65});
    h += htmlRow({Tr::tr("State"), RestoreReport::words(r.dataState)}, u"td"_s, {35, 65});
    h += htmlRow({Tr::tr("Started"), text::when(r.dataStarted)}, u"td"_s, {35, 65});
    h += htmlRow({Tr::tr("Finished"), text::when(r.dataFinished)}, u"td"_s, {35, 65});
    h += htmlRow({Tr::tr("Duration"), text::between(r.dataStarted, r.dataFinished)}, u"td"_s, {35, 65});
    h += u"</table>"_s;
    if (const QJsonArray tables = r.dataDetails.value("tables"_L1).toArray(); !tables.isEmpty())
        h += databaseTables(tables);
    if (const QJsonObject dbs = r.dataDetails.value("databases"_L1).toObject(); !dbs.isEmpty())
        h += datastoreDatabases(dbs);
    return h + facts(r.dataDetails);
}

namespace {

struct Measure {
    qint64 rows = -1;
    QString newest;
};

QMap<QString, Measure> tablesOf(const QJsonObject &m)
{
    QMap<QString, Measure> out;
    for (const QJsonValue &v : m.value("tables"_L1).toArray())
        out.insert(v.toObject().value("name"_L1).toString(), {v.toObject().value("rows"_L1).toInteger(-1), v.toObject().value("newest"_L1).toString()});
    for (const QJsonValue &v : m.value("databases"_L1).toArray())
        out.insert(Tr::tr("db %1").arg(v.toObject().value("db"_L1).toInt()), {v.toObject().value("keys"_L1).toInteger(-1), {}});
    return out;
}

QString newestText(const QString &iso)
{
    const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
    return t.isValid() ? text::when(t) : (iso.isEmpty() ? Tr::tr("none") : iso);
}

} // namespace

QString measuredLossHtml(const RestoreReport &r)
{
    const bool before = !r.measuredBefore.isEmpty(), after = !r.measuredAfter.isEmpty();
    if (!before || !after) {
        const QString why = !before && !after ? Tr::tr("the journal holds no measurement of the tables or keys (this run's version or mode does not take it)")
                          : before ? Tr::tr("measured before the data step only: the run ended before the second measurement")
                                   : Tr::tr("measured after the data step only");
        return u"<p class=\"warn\">%1</p>"_s.arg(esc(Tr::tr("Not measured: %1.").arg(why)));
    }
    const bool keys = r.measuredBefore.value("store"_L1).toString() == "datastore"_L1;
    const QMap<QString, Measure> was = tablesOf(r.measuredBefore), now = tablesOf(r.measuredAfter);
    QStringList names = was.keys();
    for (const QString &n : now.keys())
        if (!names.contains(n))
            names.append(n);
    QString h = u"<p>"_s + esc(Tr::tr("Counted in the store right before the data step and right after it.")) + u"</p><table width=\"100%\">"_s;
    h += keys ? htmlRow({Tr::tr("Database"), Tr::tr("Keys before"), Tr::tr("Keys after"), Tr::tr("Difference")}, u"th"_s)
              : htmlRow({Tr::tr("Table"), Tr::tr("Rows before"), Tr::tr("Rows after"), Tr::tr("Difference"), Tr::tr("Newest before"), Tr::tr("Newest after")}, u"th"_s);
    for (const QString &n : std::as_const(names)) {
        const Measure a = was.value(n), b = now.value(n);
        const QString rowsA = a.rows < 0 ? Tr::tr("absent") : number(a.rows), rowsB = b.rows < 0 ? Tr::tr("absent") : number(b.rows);
        const QString diff = a.rows < 0 || b.rows < 0 ? u"—"_s : signedNumber(b.rows - a.rows);
        h += keys ? htmlRow({n, rowsA, rowsB, diff}, u"td"_s) : htmlRow({n, rowsA, rowsB, diff, newestText(a.newest), newestText(b.newest)}, u"td"_s);
    }
    return h + u"</table>"_s;
}

} // namespace eic::report
