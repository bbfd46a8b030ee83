#include "PgInspection.h"

#include "PgSession.h"

#include <QJsonArray>
#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

namespace eic::stores {

int PgInspection::sessionCount() const
{
    int n = 0;
    for (const auto &s : sessions)
        n += s.count;
    return n;
}

QJsonObject PgInspection::toJson() const
{
    QJsonArray tableList;
    for (const auto &t : tables)
        tableList.append(QJsonObject{{"schema"_L1, t.schema}, {"name"_L1, t.name}, {"estimatedRows"_L1, t.estimatedRows}, {"bytes"_L1, t.bytes}});
    QJsonArray sessionList;
    for (const auto &s : sessions)
        sessionList.append(QJsonObject{{"application"_L1, s.application}, {"user"_L1, s.user}, {"clientAddress"_L1, s.clientAddress}, {"count"_L1, s.count}});
    return {{"serverVersion"_L1, serverVersion},
            {"database"_L1, database},
            {"inRecovery"_L1, inRecovery},
            {"databaseBytes"_L1, databaseBytes},
            {"tables"_L1, tableList},
            {"sessions"_L1, sessionList},
            {"mayRestore"_L1, mayRestore()},
            {"walLevel"_L1, walLevel},
            {"archiveMode"_L1, archiveMode},
            {"pointInTimePossible"_L1, pointInTimePossible()},
            {"trackCommitTimestamp"_L1, trackCommitTimestamp},
            {"lastCommit"_L1, lastCommit.isValid() ? QJsonValue(lastCommit.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue()}};
}

void PgInspection::inspect(PgSession *session, QObject *receiver, std::function<void(const Result<PgInspection> &)> callback)
{
    auto out = std::make_shared<PgInspection>();
    QPointer<QObject> guard(receiver);
    auto failed = std::make_shared<bool>(false);
    // The queries run in order; the first failure answers, the rest stay silent.
    auto fail = [guard, callback, failed](const Error &e) {
        if (!std::exchange(*failed, true) && guard)
            callback(e);
    };
    session->query(u"SELECT current_setting('server_version'), current_setting('server_version_num'), pg_is_in_recovery(), "
                   "pg_database_size(current_database()), current_database(), current_setting('wal_level'), current_setting('archive_mode'), "
                   "current_setting('archive_command') || coalesce(current_setting('archive_library', true), ''), "
                   "current_setting('track_commit_timestamp') = 'on'"_s,
                   [out, fail](const Result<PgResult> &r) {
                       if (!r)
                           return fail(r.error());
                       const QStringList row = r->rows.value(0);
                       out->serverVersion = row.value(0);
                       out->serverVersionNum = row.value(1).toInt();
                       out->inRecovery = row.value(2) == "t"_L1;
                       out->databaseBytes = row.value(3).toLongLong();
                       out->database = row.value(4);
                       out->walLevel = row.value(5);
                       out->archiveMode = row.value(6);
                       out->archiveCommand = row.value(7) == "(disabled)"_L1 ? QString() : row.value(7);
                       out->trackCommitTimestamp = row.value(8) == "t"_L1;
                   });
    session->query(u"SELECT n.nspname, c.relname, greatest(c.reltuples, 0)::bigint, pg_total_relation_size(c.oid) "
                   "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                   "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                   "ORDER BY 1, 2"_s,
                   [out, fail](const Result<PgResult> &r) {
                       if (!r)
                           return fail(r.error());
                       for (const QStringList &row : r->rows)
                           out->tables.append({row.value(0), row.value(1), row.value(2).toLongLong(), row.value(3).toLongLong()});
                   });
    session->query(u"SELECT coalesce(application_name, ''), coalesce(usename, ''), coalesce(host(client_addr), 'local socket'), count(*) "
                   "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
                   "GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1"_s,
                   [out, fail](const Result<PgResult> &r) {
                       if (!r)
                           return fail(r.error());
                       for (const QStringList &row : r->rows)
                           out->sessions.append({row.value(0), row.value(1), row.value(2), row.value(3).toInt()});
                   });
    session->query(u"SELECT r.rolsuper, pg_get_userbyid(d.datdba) = current_user, "
                   "(SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tableowner <> current_user) "
                   "FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()"_s,
                   [session, out, guard, callback, fail, failed](const Result<PgResult> &r) {
                       if (!r)
                           return fail(r.error());
                       const QStringList row = r->rows.value(0);
                       out->superuser = row.value(0) == "t"_L1;
                       out->ownsDatabase = row.value(1) == "t"_L1;
                       out->tablesOwnedByOthers = row.value(2).toInt();
                       auto answer = [out, guard, callback, failed] {
                           if (guard && !*failed)
                               callback(*out);
                       };
                       if (!out->trackCommitTimestamp)
                           return answer();
                       // The server's newest commit, where it is tracked (nothing to say otherwise).
                       session->query(u"SELECT extract(epoch FROM timestamp) FROM pg_last_committed_xact()"_s, [out, answer](const Result<PgResult> &last) {
                           const QString epoch = last ? last->rows.value(0).value(0) : QString();
                           if (!epoch.isEmpty())
                               out->lastCommit = QDateTime::fromMSecsSinceEpoch(qRound64(epoch.toDouble() * 1000), Qt::UTC);
                           answer();
                       });
                   });
}

} // namespace eic::stores
