#include "CellSurvey.h"

#include "kube/KubeClient.h"
#include "kube/Retry.h"
#include "stores/postgres/BackupManifest.h"
#include "stores/postgres/PgInspection.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisBackupFile.h"
#include "stores/redis/RedisInspection.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

// GET with retries on 5xx, 429 and resets, like every other call of a run.
void getJson(kube::KubeClient *client, const QString &path, QObject *receiver, std::function<void(const Result<QJsonObject> &)> callback)
{
    kube::withRetries<QJsonObject>(receiver, [=](auto reply) { client->getJson(path, receiver, reply); }, callback);
}

// The message service's StatefulSet's replicas in a list of StatefulSets; 0: not there.
int messageServiceReplicas(const QJsonObject &sets, const QString &name)
{
    for (const QJsonValue &v : sets.value("items"_L1).toArray())
        if (v.toObject().value("metadata"_L1).toObject().value("name"_L1).toString() == name)
            return v.toObject().value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
    return 0;
}

// The archive's time, size and what it holds: from the manifest (read, its checksum checked) or
// the data store file's header. The pre-flight verifies every byte; this only reads the facts.
void readArchive(PlanInput &input)
{
    if (input.mode != DataMode::Archive || input.archive.isEmpty())
        return;
    if (input.target == cell::RestoreTarget::Database) {
        const auto manifest = stores::BackupManifest::read(input.archive);
        if (!manifest) {
            input.archiveError = manifest.error().message;
            return;
        }
        input.archiveTakenAt = manifest->started; // pg_dump's snapshot is taken as it starts
        input.archiveBytes = manifest->totalBytes();
        input.archiveTables = static_cast<int>(manifest->tables.size());
        return;
    }
    stores::RedisBackupStream stream;
    const auto header = stream.open(input.archive);
    if (!header) {
        input.archiveError = header.error().message;
        return;
    }
    input.archiveTakenAt = QDateTime::fromString(header->value("created"_L1).toString(), Qt::ISODateWithMs);
    input.archiveBytes = QFileInfo(input.archive).size();
    qint64 keys = 0;
    for (const QJsonValue &db : header->value("databases"_L1).toArray())
        keys += db.toObject().value("keys"_L1).toInteger();
    input.archiveKeys = keys;
}

void inspectDatastore(PlanInput input, const StoreAccess &store, QObject *receiver, std::function<void(const Result<PlanInput> &)> callback)
{
    // What the store holds sharpens the cautions; a store that cannot be reached (or refuses the
    // password) leaves them general: the plan is still shown and the pre-flight says what is wrong.
    auto *conn = new stores::RedisConnection(receiver);
    conn->open(*store.datastore, [conn, input, callback](const Result<bool> &opened) mutable {
        if (!opened) {
            conn->deleteLater();
            input.datastoreInspectionError = opened.error().message;
            return callback(input);
        }
        stores::inspectRedis(conn, [conn, input, callback](const Result<stores::RedisInspection> &i) mutable {
            conn->deleteLater();
            if (!i) {
                input.datastoreInspectionError = i.error().message;
                return callback(input);
            }
            input.datastoreInspected = true;
            input.aofEnabled = i->aofEnabled;
            input.snapshotAgeSeconds = i->snapshotAgeSeconds;
            input.datastoreKeys = i->totalKeys();
            callback(input);
        });
    });
}

void inspectDatabase(PlanInput input, const StoreAccess &store, QObject *receiver, std::function<void(const Result<PlanInput> &)> callback)
{
    const stores::PgConnectOptions &o = *store.database;
    input.storeAddress = u"%1:%2"_s.arg(o.host).arg(o.port);
    input.databaseName = o.dbname;
    auto *session = new stores::PgSession(receiver);
    session->open(o, [session, receiver, input, callback](const Result<bool> &opened) mutable {
        if (!opened) {
            session->deleteLater();
            input.databaseInspectionError = opened.error().message;
            return callback(input);
        }
        stores::PgInspection::inspect(session, receiver, [session, input, callback](const Result<stores::PgInspection> &i) mutable {
            session->deleteLater();
            if (!i) {
                input.databaseInspectionError = i.error().message;
                return callback(input);
            }
            input.databaseInspected = true;
            input.databaseName = i->database;
            input.databaseBytes = i->databaseBytes;
            input.databaseTables = static_cast<int>(i->tables.size());
            // The newest data: the newest commit where the server records it, else "now" (an estimate).
            input.latestDataExact = i->lastCommit.isValid();
            input.latestDataTime = input.latestDataExact ? i->lastCommit : input.surveyedAt;
            callback(input);
        });
    });
}

} // namespace

void inspectStores(PlanInput input, const StoreAccess &store, QObject *receiver, std::function<void(const Result<PlanInput> &)> callback)
{
    if (!input.surveyedAt.isValid())
        input.surveyedAt = QDateTime::currentDateTimeUtc();
    readArchive(input);
    if (input.mode == DataMode::NewInstance)
        return callback(input);
    if (input.target == cell::RestoreTarget::Database)
        return store.database ? inspectDatabase(input, store, receiver, callback) : callback(input);
    return store.datastore ? inspectDatastore(input, store, receiver, callback) : callback(input);
}

void surveyCell(kube::KubeClient *client, PlanInput input, const StoreAccess &store, QObject *receiver,
                std::function<void(const Result<PlanInput> &)> callback)
{
    const QString ns = input.ns;
    getJson(client, u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(ns), receiver, [=](const Result<QJsonObject> &deployments) mutable {
        if (!deployments)
            return callback(deployments.error());
        getJson(client, u"/apis/autoscaling/v2/namespaces/%1/horizontalpodautoscalers"_s.arg(ns), receiver, [=](const Result<QJsonObject> &hpas) mutable {
            // HPAs are optional knowledge: a 403/404 leaves the plan without autoscaler marks.
            QHash<QString, QJsonObject> hpaFor;
            if (hpas)
                for (const QJsonValue &v : hpas->value("items"_L1).toArray()) {
                    const QJsonObject h = v.toObject();
                    const QJsonObject ref = h.value("spec"_L1).toObject().value("scaleTargetRef"_L1).toObject();
                    if (ref.value("kind"_L1) == "Deployment"_L1)
                        hpaFor.insert(ref.value("name"_L1).toString(), h);
                }
            input.deployments.clear();
            for (const QJsonValue &v : deployments->value("items"_L1).toArray()) {
                const QJsonObject d = v.toObject();
                PlannedComponent c;
                c.name = d.value("metadata"_L1).toObject().value("name"_L1).toString();
                c.present = true;
                c.replicas = d.value("spec"_L1).toObject().value("replicas"_L1).toInt(1);
                if (hpaFor.contains(c.name)) {
                    const QJsonObject h = hpaFor.value(c.name);
                    c.hpa = h.value("metadata"_L1).toObject().value("name"_L1).toString();
                    c.hpaMin = h.value("spec"_L1).toObject().value("minReplicas"_L1).toInt(1);
                    c.hpaMax = h.value("spec"_L1).toObject().value("maxReplicas"_L1).toInt();
                }
                input.deployments.append(c);
            }
            const auto &catalogue = cell::ComponentCatalogue::builtIn();
            auto remaining = std::make_shared<int>(static_cast<int>(catalogue.builtinNamespaces().size()));
            auto builtins = std::make_shared<QStringList>();
            auto state = std::make_shared<PlanInput>(input);
            for (const QString &bns : catalogue.builtinNamespaces()) {
                getJson(client, u"/apis/apps/v1/namespaces/%1/statefulsets"_s.arg(bns), receiver, [=](const Result<QJsonObject> &sets) {
                    if (sets && bns == catalogue.messageServiceNamespace())
                        state->messageServiceReplicas = messageServiceReplicas(*sets, catalogue.messageServiceName());
                    if (sets)
                        for (const QJsonValue &v : sets->value("items"_L1).toArray()) {
                            const QString name = v.toObject().value("metadata"_L1).toObject().value("name"_L1).toString();
                            for (const QString &b : catalogue.builtinNames())
                                if (name == b || name.startsWith(b + u'-'))
                                    builtins->append(b);
                        }
                    if (--*remaining > 0)
                        return;
                    builtins->removeDuplicates();
                    state->builtinStores = *builtins;
                    inspectStores(*state, store, receiver, callback);
                });
            }
        });
    });
}

} // namespace eic::restore
