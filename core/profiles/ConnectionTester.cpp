#include "ConnectionTester.h"

#include "kube/KubeClient.h"
#include "stores/redis/RedisTopology.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QUrl>

#include <memory>

using namespace Qt::StringLiterals;

namespace eic::profiles {

Result<kube::ResolvedContext> ConnectionTester::cellContext(const Profile &profile, const QString &token)
{
    if (profile.cell.mode == CellConnection::Mode::Kubeconfig) {
        const QStringList files = profile.cell.kubeconfig.isEmpty() ? kube::KubeConfig::defaultFiles() : QStringList{profile.cell.kubeconfig};
        auto config = kube::KubeConfig::load(files);
        if (!config)
            return config.error();
        auto ctx = config->resolve(profile.cell.context);
        if (!ctx)
            return ctx.error();
        kube::ResolvedContext out = *ctx;
        out.ns = profile.cell.ns;
        return out;
    }
    kube::ResolvedContext ctx;
    ctx.context = profile.name;
    ctx.cluster.name = profile.name;
    ctx.cluster.server = QUrl(profile.cell.server);
    ctx.cluster.insecureSkipTlsVerify = profile.cell.insecureSkipTlsVerify;
    if (!profile.cell.caFile.isEmpty()) {
        QFile f(profile.cell.caFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error{QCoreApplication::translate("ConnectionTester", "Cannot read the cluster's CA certificate %1: %2.").arg(profile.cell.caFile, f.errorString()), {}, 0};
        ctx.cluster.caPem = f.readAll();
    }
    ctx.user.name = u"token"_s;
    ctx.user.token = token;
    ctx.ns = profile.cell.ns;
    return ctx;
}

stores::PgConnectOptions ConnectionTester::databaseOptions(const Profile &profile, const QString &password)
{
    stores::PgConnectOptions o;
    o.host = profile.database.host;
    o.port = profile.database.port;
    o.dbname = profile.database.database;
    o.user = profile.database.user;
    o.password = password;
    o.sslmode = profile.database.sslmode;
    o.sslrootcert = profile.database.sslrootcert;
    o.service = profile.database.service;
    return o;
}

Result<stores::RedisOptions> ConnectionTester::datastoreOptions(const Profile &profile, const QString &password)
{
    if (profile.datastore.hosts.isEmpty())
        return Error{QCoreApplication::translate("ConnectionTester", "The profile has no data store host."), {}, 0};
    const QString first = profile.datastore.hosts.first();
    stores::RedisOptions o;
    o.host = first.left(first.lastIndexOf(u':'));
    o.port = static_cast<quint16>(first.mid(first.lastIndexOf(u':') + 1).toUInt());
    o.tls = profile.datastore.tls;
    o.caFile = profile.datastore.caFile;
    o.serverName = profile.datastore.serverName;
    o.username = profile.datastore.username;
    o.password = password;
    o.database = profile.datastore.topology == "cluster"_L1 ? 0 : profile.datastore.database;
    o.topology = profile.datastore.topology == "cluster"_L1    ? stores::RedisOptions::Topology::Cluster
                 : profile.datastore.topology == "sentinel"_L1 ? stores::RedisOptions::Topology::Sentinel
                                                               : stores::RedisOptions::Topology::Standalone;
    o.masterName = profile.datastore.masterName;
    return o;
}

void ConnectionTester::testCell(const Profile &profile, const QString &token, Callback callback)
{
    auto ctx = cellContext(profile, token);
    if (!ctx) {
        callback({false, ctx.error().message, {}, 0});
        return;
    }
    // Owned by the tester and deleted later: never from inside one of its own replies.
    auto *client = new kube::KubeClient(*ctx, this);
    callback = [client, callback](const TestOutcome &o) {
        client->deleteLater();
        callback(o);
    };
    auto outcome = std::make_shared<TestOutcome>();
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    if (ctx->cluster.insecureSkipTlsVerify)
        outcome->details.append(tr("TLS verification is OFF for this cluster"));
    client->serverVersion(this, [this, client, outcome, clock, callback, ns = ctx->ns](const Result<QString> &version) {
        outcome->latencyMs = static_cast<double>(clock->nsecsElapsed()) / 1e6;
        if (!version) {
            callback({false, version.error().message, {}, outcome->latencyMs});
            return;
        }
        outcome->details.append(tr("Kubernetes %1").arg(*version));
        client->accessReview(u"list"_s, u"apps"_s, u"deployments"_s, {}, ns, this, [this, client, outcome, callback, ns](const Result<bool> &read) {
            if (!read) {
                callback({false, read.error().message, outcome->details, outcome->latencyMs});
                return;
            }
            client->accessReview(u"patch"_s, u"apps"_s, u"deployments"_s, u"scale"_s, ns, this,
                                 [client, outcome, callback, canRead = *read, ns](const Result<bool> &scale) {
                                     if (!scale) {
                                         callback({false, scale.error().message, outcome->details, outcome->latencyMs});
                                         return;
                                     }
                                     outcome->details.append(tr("may read deployments in %1: %2").arg(ns, canRead ? tr("yes") : tr("no")));
                                     outcome->details.append(tr("may scale deployments in %1: %2").arg(ns, *scale ? tr("yes") : tr("no")));
                                     outcome->ok = canRead && *scale;
                                     outcome->summary = outcome->ok ? tr("Cell reachable; this login may read and scale deployments.")
                                                                    : tr("Cell reachable, but this login may not %1 deployments in %2 — a restore needs both.")
                                                                          .arg(canRead ? tr("scale") : tr("read"), ns);
                                     outcome->details.append(tr("latency %1 ms").arg(outcome->latencyMs, 0, 'f', 1));
                                     callback(*outcome);
                                 });
        });
    });
}

void ConnectionTester::testDatabase(const Profile &profile, const QString &password, Callback callback)
{
    if (profile.database.service.isEmpty() && profile.database.host.isEmpty()) {
        callback({false, tr("The profile has no database connection."), {}, 0});
        return;
    }
    auto *session = new stores::PgSession(this);
    callback = [session, callback](const TestOutcome &o) {
        session->deleteLater();
        callback(o);
    };
    const QString sslmode = profile.database.sslmode;
    session->open(databaseOptions(profile, password), [this, session, sslmode, callback](const Result<bool> &opened) {
        if (!opened) {
            callback({false, opened.error().message, {}, 0});
            return;
        }
        session->query(u"SELECT current_setting('server_version'), pg_is_in_recovery(), current_user"_s,
                       [this, session, sslmode, callback](const Result<stores::PgResult> &info) {
            if (!info) {
                callback({false, info.error().message, {}, 0});
                return;
            }
            auto clock = std::make_shared<QElapsedTimer>();
            clock->start();
            const QStringList row = info->rows.value(0);
            session->query(u"SELECT 1"_s, [session, clock, row, sslmode, callback](const Result<stores::PgResult> &ping) {
                TestOutcome o;
                o.latencyMs = static_cast<double>(clock->nsecsElapsed()) / 1e6;
                o.details.append(tr("signed in as %1 (server %2)").arg(row.value(2), row.value(0)));
                if (row.value(1) == "t"_L1)
                    o.details.append(tr("the server is in recovery (read-only)"));
                const bool verified = session->sslInUse() && (sslmode == "verify-full"_L1 || sslmode == "verify-ca"_L1);
                if (verified)
                    o.details.append(tr("TLS %1, server certificate verified (sslmode=%2)").arg(session->sslProtocol(), sslmode));
                else if (session->sslInUse())
                    o.details.append(tr("TLS %1, but the server is NOT verified (sslmode=%2)").arg(session->sslProtocol(), sslmode));
                else
                    o.details.append(tr("no TLS: the connection is not encrypted (sslmode=%1)").arg(sslmode));
                o.details.append(tr("latency %1 ms").arg(o.latencyMs, 0, 'f', 1));
                o.ok = ping.ok();
                o.summary = ping ? tr("Database reachable: %1.").arg(session->describeServer()) : ping.error().message;
                callback(o);
            });
        });
    });
}

void ConnectionTester::testDatastore(const Profile &profile, const QString &password, Callback callback)
{
    auto options = datastoreOptions(profile, password);
    if (!options) {
        callback({false, options.error().message, {}, 0});
        return;
    }
    auto *conn = new stores::RedisConnection(this);
    callback = [conn, callback](const TestOutcome &o) {
        conn->deleteLater();
        callback(o);
    };
    auto run = [this, conn, callback](const stores::RedisOptions &target) {
        conn->open(target, [this, conn, callback](const Result<bool> &opened) {
            if (!opened) {
                callback({false, opened.error().message, {}, 0});
                return;
            }
            conn->command({"INFO", "server"}, [this, conn, callback](const Result<stores::RedisReply> &info) {
                if (!info || info->isError()) {
                    callback({false, info ? tr("The data store refused INFO: %1").arg(QString::fromUtf8(info->str)) : info.error().message, {}, 0});
                    return;
                }
                QHash<QString, QString> fields;
                for (const QByteArray &line : info->str.split('\n')) {
                    const qsizetype colon = line.indexOf(':');
                    if (colon > 0)
                        fields.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 1)).trimmed());
                }
                const bool valkey = fields.contains(u"valkey_version"_s) || fields.value(u"server_name"_s) == "valkey"_L1;
                const QString product = valkey ? u"Valkey %1"_s.arg(fields.value(u"valkey_version"_s)) : u"Redis %1"_s.arg(fields.value(u"redis_version"_s));
                auto clock = std::make_shared<QElapsedTimer>();
                clock->start();
                conn->command({"ROLE"}, [conn, clock, product, callback](const Result<stores::RedisReply> &role) {
                    TestOutcome o;
                    o.latencyMs = static_cast<double>(clock->nsecsElapsed()) / 1e6;
                    o.details.append(product);
                    const QString roleName = role && !role->isError() && !role->elements.isEmpty() ? QString::fromUtf8(role->elements.first().str) : tr("unknown (ROLE refused)");
                    o.details.append(tr("role %1").arg(roleName));
                    o.details.append(conn->tlsInUse() ? tr("TLS, server certificate verified") : tr("no TLS: the connection is not encrypted"));
                    o.details.append(tr("latency %1 ms").arg(o.latencyMs, 0, 'f', 1));
                    o.ok = true;
                    o.summary = tr("Data store reachable: %1 at %2.").arg(product, conn->target());
                    callback(o);
                });
            });
        });
    };
    if (options->topology != stores::RedisOptions::Topology::Sentinel) {
        run(*options);
        return;
    }
    // Sentinel: ask it where the master is, then connect there.
    stores::resolveRedisMasters(*options, this, [run, callback](const Result<QList<stores::RedisNode>> &masters) {
        if (!masters) {
            callback({false, masters.error().message, {}, 0});
            return;
        }
        run(masters->first().options);
    });
}

} // namespace eic::profiles
