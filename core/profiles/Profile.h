#pragma once

#include "Error.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace eic::profiles {

// What kind of store a profile points at; it decides which restore paths the app offers.
enum class StoreKind { External, BuiltIn, ManagedAzure, ManagedAws, ManagedOther };
QString storeKindId(StoreKind kind);
StoreKind storeKindFromId(const QString &id, bool *ok);

struct CellConnection {
    enum class Mode { Kubeconfig, Manual };
    Mode mode = Mode::Kubeconfig;
    QString kubeconfig;  // file (Kubeconfig mode; empty: $KUBECONFIG / ~/.kube/config)
    QString context;     // context of that file
    QString server;      // Manual mode: API server URL
    QString caFile;      // Manual mode: CA certificate (PEM)
    bool insecureSkipTlsVerify = false; // explicit, visible
    QString ns = QStringLiteral("edge-icell");
    // Secret (Manual mode): the bearer token, in the keychain only.
};

struct DatabaseConnection {
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString sslmode = QStringLiteral("verify-full");
    QString sslrootcert;
    QString service; // PGSERVICE name instead of host/port/...
    StoreKind kind = StoreKind::External;
    // Secret: the password, in the keychain only.
};

struct DatastoreConnection {
    QString product = QStringLiteral("redis"); // redis | valkey
    QString topology = QStringLiteral("standalone"); // standalone | sentinel | cluster
    QString masterName; // sentinel
    QStringList hosts;  // "host:port"
    bool tls = false;
    QString caFile;
    QString serverName; // TLS server name, when it differs from the host
    QString username;   // ACL user; empty: "default"
    int database = 0;
    StoreKind kind = StoreKind::External;
    // Secret: the password, in the keychain only.
};

// One cell an admin manages: its Kubernetes API, its database, its data store, where backups
// go. Stored as JSON without secrets; secrets live in the OS keychain under the profile's id.
struct Profile {
    QString id;   // stable across renames (a UUID)
    QString name; // what the admin calls it: "production", "quality"
    CellConnection cell;
    DatabaseConnection database;
    DatastoreConnection datastore;
    QString backupFolder;
    QString notes;

    QJsonObject toJson() const;
    static Result<Profile> fromJson(const QJsonObject &json);
    // Field-by-field problems ("database.port: must be between 1 and 65535"); empty when valid.
    QStringList validate() const;
};

// The secrets of a profile, by kind.
enum class SecretKind { CellToken, DatabasePassword, DatastorePassword };
QString secretKey(const QString &profileId, SecretKind kind);
QString secretLabel(SecretKind kind);

} // namespace eic::profiles
