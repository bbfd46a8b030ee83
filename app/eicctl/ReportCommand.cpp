// eicctl report list | export ID --format json|html|pdf [--to FILE]: reports rendered from the
// runs' journals alone.

#include "Cli.h"

#include "report/RestoreReport.h"
#include "restore/Journal.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace eic::cli {

int report(const Options &o)
{
    const QString sub = o.args.value(1);
    if (sub == "list"_L1) {
        QJsonArray rows;
        if (!o.json)
            out() << u"%1 %2 %3 %4 %5 %6\n"_s.arg(u"RUN"_s, -22).arg(u"TARGET"_s, -10).arg(u"MODE"_s, -13).arg(u"OUTCOME"_s, -25).arg(u"BEGAN (UTC)"_s, -20).arg(u"DOWNTIME"_s);
        for (const QString &path : restore::Journal::all()) {
            auto r = report::RestoreReport::fromJournal(path);
            if (!r)
                continue;
            const QString down = r->downtimeSeconds >= 0 ? u"%1 s"_s.arg(r->downtimeSeconds, 0, 'f', 1) : u"-"_s;
            if (o.json)
                rows.append(QJsonObject{{"id"_L1, r->runId}, {"target"_L1, r->target}, {"mode"_L1, r->mode}, {"outcome"_L1, r->outcome}, {"outcomeWords"_L1, report::RestoreReport::outcomeWords(r->outcome)},
                                        {"began"_L1, r->began.toUTC().toString(Qt::ISODate)}, {"downtimeSeconds"_L1, r->downtimeSeconds}});
            else
                out() << u"%1 %2 %3 %4 %5 %6\n"_s.arg(r->runId, -22).arg(r->target, -10).arg(r->mode, -13).arg(report::RestoreReport::outcomeWords(r->outcome), -25)
                             .arg(r->began.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s), -20).arg(down);
        }
        if (o.json)
            out() << QJsonDocument(rows).toJson(QJsonDocument::Compact) << "\n";
        return Done;
    }
    if (sub == "export"_L1) {
        const QString id = o.args.value(2);
        if (id.isEmpty())
            return usage(u"say which run: eicctl report export ID --format json|html|pdf (IDs: eicctl report list)"_s);
        if (o.format != "json"_L1 && o.format != "html"_L1 && o.format != "pdf"_L1)
            return usage(u"--format must be json, html or pdf"_s);
        const QString path = QDir(restore::Journal::runsDir()).filePath(id + u".jsonl"_s);
        if (!QFileInfo::exists(path))
            return failed(u"There is no run \"%1\" in %2 (see eicctl report list)."_s.arg(id, restore::Journal::runsDir()));
        auto r = report::RestoreReport::fromJournal(path);
        if (!r)
            return failed(r.error().message);
        const QString to = o.to.isEmpty() ? u"eic-restore-report-%1.%2"_s.arg(id, o.format) : o.to;
        auto sha = report::exportReport(*r, o.format, to);
        if (!sha)
            return failed(sha.error().message);
        if (o.json)
            out() << QJsonDocument(QJsonObject{{"file"_L1, QFileInfo(to).absoluteFilePath()}, {"sha256"_L1, *sha}, {"format"_L1, o.format}}).toJson(QJsonDocument::Compact) << "\n";
        else
            out() << "Report written: " << QFileInfo(to).absoluteFilePath() << "\nSHA-256: " << *sha << "\n";
        return Done;
    }
    return usage(u"report list | report export ID --format json|html|pdf [--to FILE]"_s);
}

} // namespace eic::cli
