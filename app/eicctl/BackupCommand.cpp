// eicctl backup database [--to DIR] [--jobs N]: pg_dump with a manifest and checksums.

#include "Cli.h"

#include "profiles/ConnectionStrings.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "stores/postgres/PgBackup.h"
#include "stores/redis/RedisJobs.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::cli {

namespace {

QString human(double bytes)
{
    const char *units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1024 && u < 4) {
        bytes /= 1024;
        ++u;
    }
    return u"%1 %2"_s.arg(bytes, 0, 'f', u == 0 ? 0 : 1).arg(QLatin1StringView(units[u]));
}

} // namespace

// The database connection of a backup: --database (password from PGPASSWORD/.pgpass as libpq
// does) or the profile's (password from the keychain).
Result<QPair<stores::PgConnectOptions, QString>> databaseTarget(const Options &o)
{
    if (!o.database.isEmpty()) {
        auto db = profiles::parseDatabaseConninfo(o.database);
        if (!db)
            return Error{db.error().message, {}, Usage}; // what was typed: fix the command
        profiles::Profile p;
        p.database = *db;
        return qMakePair(profiles::ConnectionTester::databaseOptions(p, qEnvironmentVariable("PGPASSWORD")), o.backupFolder);
    }
    if (o.profile.isEmpty())
        return Error{u"Say which database: --profile NAME or --database CONNINFO."_s, {}, Usage};
    profiles::ProfileStore store;
    if (auto loaded = store.load(); !loaded)
        return loaded.error();
    const profiles::Profile *p = store.find(o.profile);
    if (!p)
        return Error{u"There is no profile \"%1\" (see eicctl profile list)."_s.arg(o.profile), {}, 0};
    if (p->database.host.isEmpty() && p->database.service.isEmpty())
        return Error{u"Profile \"%1\" has no database connection."_s.arg(p->name), {}, 0};
    auto password = secretFor(*p, profiles::SecretKind::DatabasePassword, "PGPASSWORD");
    return qMakePair(profiles::ConnectionTester::databaseOptions(*p, password ? *password : QString()), p->backupFolder);
}

// The data store of a backup: --datastore URL (password from REDISCLI_AUTH) or the profile's.
Result<QPair<stores::RedisOptions, QString>> datastoreTarget(const Options &o)
{
    profiles::Profile p;
    QString password;
    QString folder = o.backupFolder;
    if (!o.datastore.isEmpty()) {
        auto ds = profiles::parseDatastoreUrl(o.datastore);
        if (!ds)
            return Error{ds.error().message, {}, Usage};
        p.datastore = *ds;
        p.datastore.caFile = o.datastoreCa;
        password = qEnvironmentVariable("REDISCLI_AUTH");
    } else if (!o.profile.isEmpty()) {
        profiles::ProfileStore store;
        if (auto loaded = store.load(); !loaded)
            return loaded.error();
        const profiles::Profile *found = store.find(o.profile);
        if (!found)
            return Error{u"There is no profile \"%1\" (see eicctl profile list)."_s.arg(o.profile), {}, 0};
        if (found->datastore.hosts.isEmpty())
            return Error{u"Profile \"%1\" has no data store connection."_s.arg(found->name), {}, 0};
        p = *found;
        folder = p.backupFolder;
        auto secret = secretFor(p, profiles::SecretKind::DatastorePassword, "REDISCLI_AUTH");
        password = secret ? *secret : QString();
    } else {
        return Error{u"Say which data store: --profile NAME or --datastore URL."_s, {}, Usage};
    }
    auto options = profiles::ConnectionTester::datastoreOptions(p, password);
    if (!options)
        return options.error();
    return qMakePair(*options, folder);
}

namespace {

int backupDatastore(const Options &o)
{
    auto target = datastoreTarget(o);
    if (!target)
        return target.error().code == Usage ? usage(target.error().message) : failed(target.error().message);
    const QString folder = o.to.isEmpty() ? target->second : o.to;
    if (folder.isEmpty())
        return usage(u"say where the backup goes: --to DIR (or set the profile's backup folder)"_s);
    stores::RedisBackup job;
    const bool tty = isatty(STDERR_FILENO);
    int exitCode = Failed;
    QObject::connect(&job, &stores::RedisBackup::progress, &job, [&](const stores::RedisProgress &p) {
        if (o.json) {
            out() << QJsonDocument(QJsonObject{{"event"_L1, "progress"_L1}, {"keys"_L1, static_cast<qint64>(p.keys)},
                                               {"keysTotal"_L1, static_cast<qint64>(p.keysTotal)}, {"bytes"_L1, p.bytes},
                                               {"keysPerSecond"_L1, p.keysPerSecond}, {"elapsedSeconds"_L1, p.elapsedSeconds}})
                         .toJson(QJsonDocument::Compact)
                  << "\n";
            out().flush();
            return;
        }
        const QString line = u"backup: %1/%2 keys, %3, %4 keys/s, %5 s"_s.arg(p.keys).arg(p.keysTotal).arg(human(static_cast<double>(p.bytes)))
                                 .arg(p.keysPerSecond, 0, 'f', 0)
                                 .arg(p.elapsedSeconds, 0, 'f', 1);
        err() << (tty ? u"\r\x1b[K"_s + line : line + u'\n');
        err().flush();
    });
    QObject::connect(&job, &stores::RedisBackup::finished, &job, [&](const Result<stores::RedisBackupResult> &r) {
        if (tty && !o.json)
            err() << "\n";
        if (!r) {
            if (o.json)
                out() << QJsonDocument(QJsonObject{{"event"_L1, "failed"_L1}, {"message"_L1, r.error().message}}).toJson(QJsonDocument::Compact) << "\n";
            failed(r.error().message);
        } else if (o.json) {
            out() << QJsonDocument(QJsonObject{{"event"_L1, "done"_L1}, {"file"_L1, r->path}, {"keys"_L1, static_cast<qint64>(r->records)},
                                               {"skipped"_L1, static_cast<qint64>(r->skipped)}, {"bytes"_L1, r->bytes}, {"seconds"_L1, r->seconds},
                                               {"header"_L1, r->header}})
                         .toJson(QJsonDocument::Compact)
                  << "\n";
            exitCode = Done;
        } else {
            out() << "Backup of the data store complete: " << r->path << "\n  " << r->records << " keys (" << r->skipped
                  << " gone during the scan), " << human(static_cast<double>(r->bytes)) << ", " << QString::number(r->seconds, 'f', 2)
                  << " s; every record carries a CRC-32, the file a SHA-256\n";
            exitCode = Done;
        }
        out().flush();
        QCoreApplication::exit(exitCode);
    });
    interruptHandler() = [&job] { job.cancel(); };
    stores::RedisBackup::Options options;
    options.connection = target->first;
    options.folder = QDir(folder).absolutePath();
    job.start(options);
    const int rc = QCoreApplication::exec();
    interruptHandler() = nullptr;
    return rc == Done ? exitCode : rc;
}

} // namespace

int backup(const Options &o)
{
    const QString what = o.args.value(1);
    if (what == "datastore"_L1 && o.args.size() == 2)
        return backupDatastore(o);
    if (o.args.size() > 2)
        return usage(u"unexpected argument \"%1\": backup database|datastore [--to DIR] [--jobs N]"_s.arg(o.args.mid(2).join(u' ')));
    if (what.isEmpty())
        return usage(u"say what to back up: backup database|datastore [--to DIR] [--jobs N]"_s);
    if (what != "database"_L1)
        return usage(u"\"%1\" is neither database nor datastore: backup database|datastore [--to DIR] [--jobs N]"_s.arg(what));
    auto target = databaseTarget(o);
    if (!target)
        return target.error().code == Usage ? usage(target.error().message) : failed(target.error().message);
    const QString folder = o.to.isEmpty() ? target->second : o.to;
    if (folder.isEmpty())
        return usage(u"say where the backup goes: --to DIR (or set the profile's backup folder)"_s);

    stores::PgBackup job;
    const bool tty = isatty(STDERR_FILENO);
    int exitCode = Failed;
    QObject::connect(&job, &stores::PgBackup::progress, &job, [&](const stores::BackupProgress &p) {
        if (o.json) {
            out() << QJsonDocument(QJsonObject{{"event"_L1, "progress"_L1}, {"tablesDone"_L1, p.tablesDone}, {"tablesTotal"_L1, p.tablesTotal},
                                               {"table"_L1, p.currentTable}, {"bytes"_L1, p.bytes}, {"bytesPerSecond"_L1, p.bytesPerSecond},
                                               {"elapsedSeconds"_L1, p.elapsedSeconds}})
                         .toJson(QJsonDocument::Compact)
                  << "\n";
            out().flush();
            return;
        }
        // A rate over the first instants says nothing: it shows once there is one to show.
        const QString rate = p.bytesPerSecond > 0 && p.elapsedSeconds >= 0.5 ? u" at %1/s"_s.arg(human(p.bytesPerSecond)) : QString();
        const QString line = u"backup: %1/%2 tables, %3%4, %5 s  %6"_s.arg(p.tablesDone).arg(p.tablesTotal).arg(human(static_cast<double>(p.bytes)), rate)
                                 .arg(p.elapsedSeconds, 0, 'f', 1)
                                 .arg(p.currentTable.left(40));
        err() << (tty ? u"\r\x1b[K"_s + line : line + u'\n');
        err().flush();
    });
    QObject::connect(&job, &stores::PgBackup::finished, &job, [&](const Result<stores::BackupResult> &r) {
        if (tty && !o.json)
            err() << "\n";
        if (!r) {
            if (o.json)
                out() << QJsonDocument(QJsonObject{{"event"_L1, "failed"_L1}, {"message"_L1, r.error().message}}).toJson(QJsonDocument::Compact) << "\n";
            failed(r.error().message);
            exitCode = Failed;
        } else if (o.json) {
            QJsonObject doc = r->manifest.toJson();
            doc["event"_L1] = "done"_L1;
            doc["directory"_L1] = r->directory;
            doc["seconds"_L1] = r->seconds;
            out() << QJsonDocument(doc).toJson(QJsonDocument::Compact) << "\n";
            exitCode = Done;
        } else {
            out() << "Backup of database " << r->manifest.database << " complete: " << r->directory << "\n"
                  << "  " << r->manifest.tables.size() << " tables, " << r->manifest.files.size() << " files, "
                  << human(static_cast<double>(r->manifest.totalBytes())) << ", " << QString::number(r->seconds, 'f', 1) << " s, "
                  << r->manifest.jobs << " job(s); checksums in manifest.json\n";
            exitCode = Done;
        }
        out().flush();
        QCoreApplication::exit(exitCode);
    });
    // Ctrl-C cancels: pg_dump stops, the partial backup is removed, then eicctl ends.
    interruptHandler() = [&job] { job.cancel(); };
    job.start({target->first, QDir(folder).absolutePath(), o.jobs});
    const int rc = QCoreApplication::exec();
    interruptHandler() = nullptr;
    return rc == Done ? exitCode : rc;
}

} // namespace eic::cli
