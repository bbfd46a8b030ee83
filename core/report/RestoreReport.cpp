// The report's words: every journal name in words, the headline's sentence, the workspace mark
// and what each check saw.

#include "RestoreReport.h"
#include "ReportText.h"

#include "restore/Events.h"

using namespace Qt::StringLiterals;

namespace eic::report {

using text::Tr;
namespace ev = restore::ev;

QString text::duration(double seconds)
{
    if (seconds < 0)
        return Tr::tr("unknown");
    if (seconds < 60)
        return Tr::tr("%1 s").arg(seconds, 0, 'f', 1);
    const qint64 s = static_cast<qint64>(seconds + 0.5);
    if (s < 3600)
        return Tr::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar(u'0'));
    return Tr::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QChar(u'0'));
}

QString text::between(const QDateTime &a, const QDateTime &b)
{
    return a.isValid() && b.isValid() ? duration(static_cast<double>(a.msecsTo(b)) / 1000.0) : u"—"_s;
}

QString RestoreReport::words(const QString &name)
{
    struct Word {
        QLatin1StringView name;
        const char *words;
    };
    // Outcomes, check outcomes, data states, modes, targets, steps, store kinds.
    static const Word kWords[] = {
        {ev::Complete, QT_TRANSLATE_NOOP("RestoreReport", "complete")},
        {ev::CompleteWithLeftovers, QT_TRANSLATE_NOOP("RestoreReport", "complete, with leftovers")},
        {ev::RolledBack, QT_TRANSLATE_NOOP("RestoreReport", "rolled back")},
        {ev::PreflightFailedOutcome, QT_TRANSLATE_NOOP("RestoreReport", "pre-flight failed")},
        {ev::Cancelled, QT_TRANSLATE_NOOP("RestoreReport", "cancelled")},
        {"unfinished"_L1, QT_TRANSLATE_NOOP("RestoreReport", "not finished")},
        {"passed"_L1, QT_TRANSLATE_NOOP("RestoreReport", "passed")},
        {"failed"_L1, QT_TRANSLATE_NOOP("RestoreReport", "FAILED")},
        {"not-checked"_L1, QT_TRANSLATE_NOOP("RestoreReport", "not checked")},
        {"not started"_L1, QT_TRANSLATE_NOOP("RestoreReport", "not started")},
        {"started"_L1, QT_TRANSLATE_NOOP("RestoreReport", "started, not finished")},
        {"awaiting"_L1, QT_TRANSLATE_NOOP("RestoreReport", "waiting for the admin's restore")},
        {"done"_L1, QT_TRANSLATE_NOOP("RestoreReport", "done")},
        {"not done"_L1, QT_TRANSLATE_NOOP("RestoreReport", "not done: nothing was written")},
        {"partly done"_L1, QT_TRANSLATE_NOOP("RestoreReport", "interrupted: the store may be partly restored")},
        {"failed (the command's effect is unknown)"_L1, QT_TRANSLATE_NOOP("RestoreReport", "failed: the command's effect is unknown")},
        {"external"_L1, QT_TRANSLATE_NOOP("RestoreReport", "restored with the provider's tooling")},
        {"archive"_L1, QT_TRANSLATE_NOOP("RestoreReport", "restored from a backup of eic-restore")},
        {"new-instance"_L1, QT_TRANSLATE_NOOP("RestoreReport", "a new instance")},
        {"database"_L1, QT_TRANSLATE_NOOP("RestoreReport", "database")},
        {"datastore"_L1, QT_TRANSLATE_NOOP("RestoreReport", "data store")},
        {"postgresql"_L1, QT_TRANSLATE_NOOP("RestoreReport", "PostgreSQL")},
        {"redis"_L1, QT_TRANSLATE_NOOP("RestoreReport", "Redis")},
        {"preflight"_L1, QT_TRANSLATE_NOOP("RestoreReport", "pre-flight")},
        {"record"_L1, QT_TRANSLATE_NOOP("RestoreReport", "record step")},
        {"stop"_L1, QT_TRANSLATE_NOOP("RestoreReport", "stop step")},
        {"quiesce"_L1, QT_TRANSLATE_NOOP("RestoreReport", "wait for quiescence")},
        {"data"_L1, QT_TRANSLATE_NOOP("RestoreReport", "data step")},
        {"start"_L1, QT_TRANSLATE_NOOP("RestoreReport", "start step")},
        {"verify"_L1, QT_TRANSLATE_NOOP("RestoreReport", "verification")},
        {"cleanup"_L1, QT_TRANSLATE_NOOP("RestoreReport", "clean-up")},
    };
    for (const Word &w : kWords)
        if (name == w.name)
            return QCoreApplication::translate("RestoreReport", w.words);
    // A name of a newer version: readable, never a code with hyphens.
    return QString(name).replace(u'-', u' ');
}

QString RestoreReport::outcomeWords(const QString &name)
{
    return words(name);
}

QString RestoreReport::summary() const
{
    const bool complete = outcome == ev::Complete || outcome == ev::CompleteWithLeftovers;
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

QString RestoreReport::markBanner() const
{
    if (workspaceMark == "sandbox"_L1)
        return Tr::tr("SANDBOX — a rehearsal cell on this machine, not a production cell");
    if (workspaceMark == "drill"_L1)
        return Tr::tr("DRILL — a rehearsal of the procedure");
    return {};
}

namespace {

// What a passed check saw, from its own fields and the run's other events.
QString seen(const RestoreReport &r, const QJsonObject &c)
{
    const QString check = c.value("check"_L1).toString();
    const QString store = RestoreReport::words(r.target);
    if (check == "component healthy"_L1 && c.contains("available"_L1))
        return Tr::tr("%1 of %n replica(s) available", nullptr, c.value("recorded"_L1).toInt()).arg(c.value("available"_L1).toInt());
    if (check == "cell identity"_L1 && !r.cellIdentity.isEmpty())
        return Tr::tr("cluster %1, namespace %2").arg(r.cellIdentity.value("server"_L1).toString(), r.cellIdentity.value("namespace"_L1).toString());
    if (check == "store reachable"_L1 && !r.storeIdentity.isEmpty())
        return Tr::tr("%1 at %2 answered").arg(RestoreReport::words(r.storeIdentity.value("kind"_L1).toString()), r.storeIdentity.value("address"_L1).toString());
    if (check == "permissions"_L1)
        return Tr::tr("may read and scale the deployments in namespace %1").arg(r.ns);
    if (check == "dry-run scale"_L1) {
        int n = 0;
        for (const QJsonValue &v : r.plan.value("components"_L1).toArray())
            n += v.toObject().value("present"_L1).toBool() ? 1 : 0;
        return Tr::tr("the API server accepted a server-side dry run of scaling %n component(s) to 0", nullptr, n);
    }
    if (check == "lock"_L1)
        return Tr::tr("the Lease eic-restore was free and is held by this run");
    if (check == "archive verified"_L1) {
        const QString sentence = r.dataDetails.value("verification"_L1).toObject().value("sentence"_L1).toString();
        if (!sentence.isEmpty())
            return sentence;
        return r.target == "database"_L1 ? Tr::tr("every file's size and SHA-256 match the backup's manifest")
                                         : Tr::tr("every record's CRC-32C and the file's SHA-256 match");
    }
    if (check == "store accepts writes"_L1)
        return r.target == "database"_L1 ? Tr::tr("the database is a primary, not in recovery, and accepts writes")
                                         : Tr::tr("the data store is a primary, not loading, and accepts writes");
    if (check == "sessions"_L1)
        return Tr::tr("no session of the stopped components remains in the %1").arg(store);
    return Tr::tr("passed; the journal records nothing more");
}

} // namespace

// Every check's Detail: what was seen when it passed, why it failed or was not made.
void describeChecks(RestoreReport &r)
{
    for (qsizetype i = 0; i < r.checks.size(); ++i) {
        QJsonObject c = r.checks.at(i).toObject();
        QString detail = c.value("detail"_L1).toString();
        if (detail.isEmpty())
            detail = restore::checkOutcomeOf(c) == restore::CheckOutcome::Passed ? seen(r, c) : restore::checkReasonOf(c);
        if (detail.isEmpty())
            detail = Tr::tr("the journal records no reason");
        c["detail"_L1] = detail;
        r.checks[i] = c;
    }
}

} // namespace eic::report
