#pragma once

#include "Error.h"
#include "Profile.h"
#include "kube/KubeConfig.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"

#include <QObject>

#include <functional>

namespace eic::profiles {

struct TestOutcome {
    bool ok = false;
    QString summary;      // one line for the editor / eicctl profile test
    QStringList details;  // facts found (server version, TLS, rights, latency)
    double latencyMs = 0;
};

// The "Test" buttons: connect to each of a profile's three connections and say what is there.
// Cell: server version and whether the token may read and scale deployments (access reviews).
// Database: server version, whether TLS is verified, latency. Datastore: Redis or Valkey and its
// version, role, TLS, latency. Secrets are passed in; they are never logged.
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const TestOutcome &)>;
    using QObject::QObject;

    void testCell(const Profile &profile, const QString &token, Callback callback);
    void testDatabase(const Profile &profile, const QString &password, Callback callback);
    void testDatastore(const Profile &profile, const QString &password, Callback callback);

    static Result<kube::ResolvedContext> cellContext(const Profile &profile, const QString &token);
    static stores::PgConnectOptions databaseOptions(const Profile &profile, const QString &password);
    static Result<stores::RedisOptions> datastoreOptions(const Profile &profile, const QString &password);
};

} // namespace eic::profiles
