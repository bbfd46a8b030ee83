#include "Profile.h"

#include "kube/KubeClient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace eic::profiles {

QString storeKindId(StoreKind kind)
{
    switch (kind) {
    case StoreKind::External: return u"external"_s;
    case StoreKind::BuiltIn: return u"built-in"_s;
    case StoreKind::ManagedAzure: return u"managed-azure"_s;
    case StoreKind::ManagedAws: return u"managed-aws"_s;
    case StoreKind::ManagedOther: return u"managed-other"_s;
    }
    return {};
}

StoreKind storeKindFromId(const QString &id, bool *ok)
{
    *ok = true;
    for (StoreKind k : {StoreKind::External, StoreKind::BuiltIn, StoreKind::ManagedAzure, StoreKind::ManagedAws, StoreKind::ManagedOther}) {
        if (storeKindId(k) == id)
            return k;
    }
    *ok = false;
    return StoreKind::External;
}

QString secretKey(const QString &profileId, SecretKind kind)
{
    switch (kind) {
    case SecretKind::CellToken: return profileId + u"/cell-token"_s;
    case SecretKind::DatabasePassword: return profileId + u"/database-password"_s;
    case SecretKind::DatastorePassword: return profileId + u"/datastore-password"_s;
    }
    return {};
}

QString secretLabel(SecretKind kind)
{
    switch (kind) {
    case SecretKind::CellToken: return u"cell token"_s;
    case SecretKind::DatabasePassword: return u"database password"_s;
    case SecretKind::DatastorePassword: return u"datastore password"_s;
    }
    return {};
}

QJsonObject Profile::toJson() const
{
    QJsonArray hosts;
    for (const QString &h : datastore.hosts)
        hosts.append(h);
    return {{"id"_L1, id},
            {"name"_L1, name},
            {"cell"_L1, QJsonObject{{"mode"_L1, cell.mode == CellConnection::Mode::Kubeconfig ? "kubeconfig"_L1 : "manual"_L1},
                                    {"kubeconfig"_L1, cell.kubeconfig},
                                    {"context"_L1, cell.context},
                                    {"server"_L1, cell.server},
                                    {"caFile"_L1, cell.caFile},
                                    {"insecureSkipTlsVerify"_L1, cell.insecureSkipTlsVerify},
                                    {"namespace"_L1, cell.ns}}},
            {"database"_L1, QJsonObject{{"host"_L1, database.host},
                                        {"port"_L1, database.port},
                                        {"database"_L1, database.database},
                                        {"user"_L1, database.user},
                                        {"sslmode"_L1, database.sslmode},
                                        {"sslrootcert"_L1, database.sslrootcert},
                                        {"service"_L1, database.service},
                                        {"kind"_L1, storeKindId(database.kind)}}},
            {"datastore"_L1, QJsonObject{{"product"_L1, datastore.product},
                                         {"topology"_L1, datastore.topology},
                                         {"masterName"_L1, datastore.masterName},
                                         {"hosts"_L1, hosts},
                                         {"tls"_L1, datastore.tls},
                                         {"caFile"_L1, datastore.caFile},
                                         {"serverName"_L1, datastore.serverName},
                                         {"username"_L1, datastore.username},
                                         {"database"_L1, datastore.database},
                                         {"kind"_L1, storeKindId(datastore.kind)}}},
            {"backupFolder"_L1, backupFolder},
            {"notes"_L1, notes}};
}

Result<Profile> Profile::fromJson(const QJsonObject &json)
{
    Profile p;
    p.id = json.value("id"_L1).toString();
    p.name = json.value("name"_L1).toString();
    if (p.name.isEmpty())
        return Error{QCoreApplication::translate("Profile", "A profile has no name."), {}, 0};
    if (p.id.isEmpty())
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject cell = json.value("cell"_L1).toObject();
    p.cell.mode = cell.value("mode"_L1).toString() == "manual"_L1 ? CellConnection::Mode::Manual : CellConnection::Mode::Kubeconfig;
    p.cell.kubeconfig = cell.value("kubeconfig"_L1).toString();
    p.cell.context = cell.value("context"_L1).toString();
    p.cell.server = cell.value("server"_L1).toString();
    p.cell.caFile = cell.value("caFile"_L1).toString();
    p.cell.insecureSkipTlsVerify = cell.value("insecureSkipTlsVerify"_L1).toBool();
    p.cell.ns = cell.value("namespace"_L1).toString(u"edge-icell"_s);
    const QJsonObject db = json.value("database"_L1).toObject();
    bool ok = true;
    p.database.host = db.value("host"_L1).toString();
    p.database.port = db.value("port"_L1).toInt(5432);
    p.database.database = db.value("database"_L1).toString();
    p.database.user = db.value("user"_L1).toString();
    p.database.sslmode = db.value("sslmode"_L1).toString(u"verify-full"_s);
    p.database.sslrootcert = db.value("sslrootcert"_L1).toString();
    p.database.service = db.value("service"_L1).toString();
    p.database.kind = storeKindFromId(db.value("kind"_L1).toString(u"external"_s), &ok);
    if (!ok)
        return Error{QCoreApplication::translate("Profile", "Profile \"%1\": unknown database kind \"%2\".").arg(p.name, db.value("kind"_L1).toString()), {}, 0};
    const QJsonObject ds = json.value("datastore"_L1).toObject();
    p.datastore.product = ds.value("product"_L1).toString(u"redis"_s);
    p.datastore.topology = ds.value("topology"_L1).toString(u"standalone"_s);
    p.datastore.masterName = ds.value("masterName"_L1).toString();
    for (const auto &h : ds.value("hosts"_L1).toArray())
        p.datastore.hosts.append(h.toString());
    p.datastore.tls = ds.value("tls"_L1).toBool();
    p.datastore.caFile = ds.value("caFile"_L1).toString();
    p.datastore.serverName = ds.value("serverName"_L1).toString();
    p.datastore.username = ds.value("username"_L1).toString();
    p.datastore.database = ds.value("database"_L1).toInt(0);
    p.datastore.kind = storeKindFromId(ds.value("kind"_L1).toString(u"external"_s), &ok);
    if (!ok)
        return Error{QCoreApplication::translate("Profile", "Profile \"%1\": unknown datastore kind \"%2\".").arg(p.name, ds.value("kind"_L1).toString()), {}, 0};
    p.backupFolder = json.value("backupFolder"_L1).toString();
    p.notes = json.value("notes"_L1).toString();
    return p;
}

QStringList Profile::validate() const
{
    QStringList problems;
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        problems.append(u"name: give the profile a name"_s);
    else if (trimmed != name || name.contains(u'/'))
        problems.append(u"name: no leading or trailing spaces and no \"/\""_s);
    if (!kube::isDnsLabel(cell.ns))
        problems.append(u"cell.namespace: \"%1\" is not a valid namespace (lower-case letters, digits and \"-\", at most 63)"_s.arg(cell.ns));
    if (cell.mode == CellConnection::Mode::Manual) {
        const QUrl url(cell.server);
        if (!url.isValid() || url.scheme() != "https"_L1 || url.host().isEmpty())
            problems.append(u"cell.server: an https:// URL of the Kubernetes API server"_s);
        if (cell.insecureSkipTlsVerify && !cell.caFile.isEmpty())
            problems.append(u"cell.caFile: a CA and \"skip TLS verification\" exclude each other"_s);
    }
    if (database.service.isEmpty()) {
        if (!database.host.isEmpty() || !database.database.isEmpty()) {
            if (database.host.isEmpty())
                problems.append(u"database.host: the database server's host name"_s);
            if (database.port < 1 || database.port > 65535)
                problems.append(u"database.port: must be between 1 and 65535"_s);
            if (database.database.isEmpty())
                problems.append(u"database.database: the cell's database name"_s);
            if (database.user.isEmpty())
                problems.append(u"database.user: the role to connect as"_s);
        }
    }
    static const QStringList sslmodes{u"disable"_s, u"allow"_s, u"prefer"_s, u"require"_s, u"verify-ca"_s, u"verify-full"_s};
    if (!sslmodes.contains(database.sslmode))
        problems.append(u"database.sslmode: one of %1"_s.arg(sslmodes.join(u", "_s)));
    if (datastore.product != "redis"_L1 && datastore.product != "valkey"_L1)
        problems.append(u"datastore.product: redis or valkey"_s);
    if (datastore.topology != "standalone"_L1 && datastore.topology != "sentinel"_L1 && datastore.topology != "cluster"_L1)
        problems.append(u"datastore.topology: standalone, sentinel or cluster"_s);
    if (datastore.topology == "sentinel"_L1 && datastore.masterName.isEmpty())
        problems.append(u"datastore.masterName: sentinel needs the master's name"_s);
    for (const QString &h : datastore.hosts) {
        const qsizetype colon = h.lastIndexOf(u':');
        bool ok = false;
        const int port = colon > 0 ? h.mid(colon + 1).toInt(&ok) : 0;
        if (colon <= 0 || !ok || port < 1 || port > 65535)
            problems.append(u"datastore.hosts: \"%1\" is not host:port"_s.arg(h));
    }
    if (datastore.database < 0 || datastore.database > 15)
        problems.append(u"datastore.database: an index from 0 to 15"_s);
    return problems;
}

} // namespace eic::profiles
