#include "PgStoreProbe.h"

#include "PgInspection.h"

#include <QCoreApplication>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PgStoreProbe)
};

} // namespace

std::unique_ptr<StoreProbe> StoreProbe::database(const PgConnectOptions &options)
{
    return std::make_unique<PgStoreProbe>(options);
}

PgStoreProbe::PgStoreProbe(PgConnectOptions options) : m_options(std::move(options)) {}

QString PgStoreProbe::word() const
{
    return Tr::tr("database");
}

void PgStoreProbe::run(const QString &sql, std::function<void(const Result<PgResult> &)> done)
{
    if (m_session && m_session->isOpen())
        return m_session->query(sql, [this, done](const Result<PgResult> &r) {
            if (!r && m_session && !m_session->isOpen()) {
                m_session->deleteLater(); // the connection broke: the next call opens a new one
                m_session = nullptr;
            }
            done(r);
        });
    if (m_session)
        m_session->deleteLater();
    m_session = new PgSession(this);
    m_session->open(m_options, [this, sql, done](const Result<bool> &opened) {
        if (!opened) {
            m_session->deleteLater();
            m_session = nullptr;
            return done(opened.error());
        }
        run(sql, done);
    });
}

void PgStoreProbe::identity(bool, std::function<void(const Result<StoreIdentity> &)> done)
{
    // pg_control_system() needs pg_monitor or superuser on some servers: without it the OID
    // and the address still identify the database, and the journal says which was read.
    const QString address = u"%1:%2/%3"_s.arg(m_options.host).arg(m_options.port).arg(m_options.dbname);
    run(u"SELECT d.oid::text, current_database() FROM pg_database d WHERE d.datname = current_database()"_s,
        [this, address, done](const Result<PgResult> &db) {
            if (!db)
                return done(db.error());
            StoreIdentity id{u"postgresql"_s, address, {{"databaseOid"_L1, db->rows.value(0).value(0)}, {"database"_L1, db->rows.value(0).value(1)}}};
            run(u"SELECT system_identifier::text FROM pg_control_system()"_s, [id, done](const Result<PgResult> &sys) mutable {
                id.fields["systemIdentifier"_L1] = sys ? QJsonValue(sys->rows.value(0).value(0)) : QJsonValue(QJsonValue::Null);
                done(id);
            });
        });
}

void PgStoreProbe::sessions(Sessions done)
{
    run(u"SELECT pid::text, application_name, coalesce(host(client_addr), ''), coalesce(to_char(backend_start AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"_s,
        [done](const Result<PgResult> &r) {
            if (!r)
                return done(r.error());
            QList<StoreSession> out;
            for (const QStringList &row : r->rows)
                out.append({row.value(0), row.value(1), row.value(2), row.value(3)});
            done(out);
        });
}

void PgStoreProbe::endSessions(const QList<StoreSession> &sessions, Then done)
{
    QStringList pids;
    for (const StoreSession &s : sessions) {
        bool ok = false;
        s.id.toInt(&ok);
        if (ok) // only numbers go into the statement
            pids.append(s.id);
    }
    if (pids.isEmpty())
        return done(true);
    run(u"SELECT pg_terminate_backend(pid) FROM unnest('{%1}'::int[]) AS pid"_s.arg(pids.join(u',')),
        [done](const Result<PgResult> &r) { done(r ? Result<bool>(true) : Result<bool>(r.error())); });
}

void PgStoreProbe::acceptsWrites(Then done)
{
    run(u"SELECT pg_is_in_recovery()"_s, [done](const Result<PgResult> &r) {
        if (!r)
            return done(r.error());
        if (r->rows.value(0).value(0) != "f"_L1)
            return done(Error{Tr::tr("The database is still in recovery: it does not accept writes yet."), {}, 0});
        done(true);
    });
}

void PgStoreProbe::mayRestore(Then done)
{
    // Opened first: PgInspection runs on an open session.
    run(u"SELECT 1"_s, [this, done](const Result<PgResult> &r) {
        if (!r)
            return done(r.error());
        PgInspection::inspect(m_session, this, [this, done](const Result<PgInspection> &i) {
            if (!i)
                return done(i.error());
            if (i->mayRestore())
                return done(true);
            done(Error{Tr::tr("The database user \"%1\" may not restore %2: it is neither a superuser nor the owner of the database and all its tables (%3 are owned by others).")
                           .arg(m_options.user, i->database)
                           .arg(i->tablesOwnedByOthers),
                       {}, 0});
        });
    });
}

namespace {

QDateTime fromEpoch(const QString &seconds)
{
    return seconds.isEmpty() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(qRound64(seconds.toDouble() * 1000), Qt::UTC);
}

} // namespace

void PgStoreProbe::measure(std::function<void(const Result<StoreMeasure> &)> done)
{
    run(u"SELECT current_setting('track_commit_timestamp') = 'on'"_s, [this, done](const Result<PgResult> &tracked) {
        if (!tracked)
            return done(tracked.error());
        auto out = std::make_shared<StoreMeasure>();
        out->commitTimestamps = tracked->rows.value(0).value(0) == "t"_L1;
        // On this one session, never a reopened one: every statement after the SET is bounded by
        // it, and a broken connection answers all of them at once.
        m_session->query(u"SET statement_timeout = '2s'"_s, [](const Result<PgResult> &) {});
        // Partitions are counted through their parent; temporary and system schemas are not the cell's.
        m_session->query(u"SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), n.nspname || '.' || c.relname, c.reltuples::bigint "
                         "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                         "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%' ORDER BY 2"_s,
                         [this, out, done, session = QPointer<PgSession>(m_session)](const Result<PgResult> &list) {
                             if (!list || !session)
                                 return done(list ? Result<StoreMeasure>(Error{Tr::tr("The database session ended."), {}, 0}) : Result<StoreMeasure>(list.error()));
                             for (const QStringList &row : list->rows)
                                 measureTable(session, row.value(0), row.value(1), row.value(2).toDouble(), out);
                             session->query(u"RESET statement_timeout"_s, [out, done](const Result<PgResult> &) { done(*out); });
                         });
    });
}

void PgStoreProbe::measureTable(PgSession *session, const QString &quoted, const QString &name, double estimated, const std::shared_ptr<StoreMeasure> &out)
{
    const bool count = estimated <= kCountUpTo;
    out->tables.append({name, std::max<qint64>(0, qRound64(estimated)), !count, {}});
    const qsizetype index = out->tables.size() - 1;
    QStringList what;
    if (count)
        what.append(u"count(*)"_s);
    if (out->commitTimestamps)
        what.append(u"extract(epoch FROM max(pg_xact_commit_timestamp(xmin)))"_s);
    if (what.isEmpty())
        return;
    session->query(u"SELECT %1 FROM %2"_s.arg(what.join(u", "_s), quoted), [out, index, count](const Result<PgResult> &r) {
        TableMeasure &t = out->tables[index];
        if (!r) { // too slow (2 s) or not readable: the estimate stands, labelled as one
            t.estimate = true;
            return;
        }
        const QStringList values = r->rows.value(0);
        if (count)
            t.rows = values.value(0).toLongLong();
        t.newest = fromEpoch(values.value(count ? 1 : 0));
    });
}

} // namespace eic::stores
