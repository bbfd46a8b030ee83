#include "ConnectionStrings.h"

#include <QCoreApplication>
#include <QUrl>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

namespace eic::profiles {

Result<DatabaseConnection> parseDatabaseConninfo(const QString &conninfo)
{
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.toUtf8().constData(), &error);
    if (!options) {
        const QString message = error ? QString::fromUtf8(error).trimmed() : u"out of memory"_s;
        PQfreemem(error);
        return Error{QCoreApplication::translate("ConnectionStrings", "--database is not a valid libpq connection string: %1").arg(message), {}, 0};
    }
    DatabaseConnection db;
    bool hasPassword = false;
    for (PQconninfoOption *o = options; o->keyword; ++o) {
        if (!o->val)
            continue;
        const QString key = QString::fromLatin1(o->keyword);
        const QString value = QString::fromUtf8(o->val);
        if (key == "host"_L1 || key == "hostaddr"_L1)
            db.host = value;
        else if (key == "port"_L1)
            db.port = value.toInt();
        else if (key == "dbname"_L1)
            db.database = value;
        else if (key == "user"_L1)
            db.user = value;
        else if (key == "sslmode"_L1)
            db.sslmode = value;
        else if (key == "sslrootcert"_L1)
            db.sslrootcert = value;
        else if (key == "service"_L1)
            db.service = value;
        else if (key == "password"_L1 || key == "sslpassword"_L1) // sslpassword: the client key's passphrase
            hasPassword = true;
    }
    PQconninfoFree(options);
    if (hasPassword)
        return Error{QCoreApplication::translate("ConnectionStrings",
                                                 "--database contains a password. Remove it: give it through PGPASSWORD, .pgpass, or the profile's keychain entry."),
                     {}, 0};
    return db;
}

Result<DatastoreConnection> parseDatastoreUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "redis"_L1 && url.scheme() != "rediss"_L1) || url.host().isEmpty())
        return Error{QCoreApplication::translate("ConnectionStrings", "--datastore must be redis://[user@]host:port[/db] or rediss://… (got \"%1\")").arg(text), {}, 0};
    if (!url.password().isEmpty())
        return Error{QCoreApplication::translate("ConnectionStrings",
                                                 "--datastore contains a password. Remove it: give it through REDISCLI_AUTH or the profile's keychain entry."),
                     {}, 0};
    DatastoreConnection ds;
    ds.tls = url.scheme() == "rediss"_L1;
    ds.hosts = {u"%1:%2"_s.arg(url.host()).arg(url.port(6379))};
    ds.username = url.userName();
    const QString path = url.path().mid(1);
    if (!path.isEmpty()) {
        bool ok = false;
        ds.database = path.toInt(&ok);
        if (!ok)
            return Error{QCoreApplication::translate("ConnectionStrings", "--datastore: \"/%1\" is not a database index").arg(path), {}, 0};
    }
    return ds;
}

Result<Profile> withStoreAddress(Profile profile, const QString &address)
{
    if (address.startsWith(u"redis://"_s) || address.startsWith(u"rediss://"_s)) {
        auto ds = parseDatastoreUrl(address);
        if (!ds)
            return ds.error();
        const QString ca = profile.datastore.caFile;
        profile.datastore = *ds;
        profile.datastore.caFile = ca;
    } else {
        auto db = parseDatabaseConninfo(address);
        if (!db)
            return db.error();
        profile.database = *db;
    }
    return profile;
}

} // namespace eic::profiles
