#include "CellIdentity.h"

#include "kube/DeploymentScaler.h"
#include "kube/KubeConfig.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(CellIdentity)
};

} // namespace

QJsonObject CellIdentity::toJson() const
{
    QJsonObject uids;
    for (auto it = deploymentUids.cbegin(); it != deploymentUids.cend(); ++it)
        uids[it.key()] = it.value();
    QJsonObject o{{"server"_L1, server}, {"caFingerprint"_L1, caFingerprint}, {"namespace"_L1, ns}, {"namespaceUid"_L1, namespaceUid}, {"deploymentUids"_L1, uids}};
    if (!namespaceUnreadable.isEmpty())
        o["namespaceUnreadable"_L1] = namespaceUnreadable;
    return o;
}

CellIdentity CellIdentity::fromJson(const QJsonObject &json)
{
    CellIdentity id;
    id.server = json.value("server"_L1).toString();
    id.caFingerprint = json.value("caFingerprint"_L1).toString();
    id.ns = json.value("namespace"_L1).toString();
    id.namespaceUid = json.value("namespaceUid"_L1).toString();
    id.namespaceUnreadable = json.value("namespaceUnreadable"_L1).toString();
    const QJsonObject uids = json.value("deploymentUids"_L1).toObject();
    for (auto it = uids.begin(); it != uids.end(); ++it)
        id.deploymentUids.insert(it.key(), it.value().toString());
    return id;
}

QString CellIdentity::describe() const
{
    return Tr::tr("%1, namespace %2").arg(server, ns);
}

std::optional<QString> CellIdentity::differs(const CellIdentity &now) const
{
    if (server != now.server)
        return Tr::tr("its API server was %1, this kubeconfig points at %2").arg(server, now.server);
    if (!caFingerprint.isEmpty() && !now.caFingerprint.isEmpty() && caFingerprint != now.caFingerprint)
        return Tr::tr("the API server %1 is pinned to another CA than the run's (SHA-256 %2… against %3…)")
            .arg(server, now.caFingerprint.left(16), caFingerprint.left(16));
    if (ns != now.ns)
        return Tr::tr("it ran in namespace %1, this is namespace %2").arg(ns, now.ns);
    if (!namespaceUid.isEmpty() && !now.namespaceUid.isEmpty() && namespaceUid != now.namespaceUid)
        return Tr::tr("namespace %1 is another namespace than the run's (UID %2, the run's: %3): it was deleted and created again, or this is another cluster")
            .arg(ns, now.namespaceUid, namespaceUid);
    for (auto it = deploymentUids.cbegin(); it != deploymentUids.cend(); ++it) {
        const QString other = now.deploymentUids.value(it.key());
        if (other.isEmpty())
            return Tr::tr("deployment %1, which the run stopped, does not exist here").arg(it.key());
        if (other != it.value())
            return Tr::tr("deployment %1 is another deployment than the one the run stopped (UID %2, the run's: %3)").arg(it.key(), other, it.value());
    }
    return std::nullopt;
}

void CellIdentity::read(const kube::DeploymentScaler &api, const kube::ResolvedContext &context, const QStringList &deployments, QObject *receiver,
                        std::function<void(const Result<CellIdentity> &)> done)
{
    CellIdentity id;
    id.server = context.cluster.server.toString(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    if (!context.cluster.caPem.isEmpty())
        id.caFingerprint = QString::fromLatin1(QCryptographicHash::hash(context.cluster.caPem, QCryptographicHash::Sha256).toHex());
    id.ns = api.ns();
    const QString ns = api.ns();
    api.call("GET", u"/api/v1/namespaces/%1"_s.arg(ns), {}, {}, receiver, [api, ns, id, deployments, receiver, done](const Result<QJsonObject> &got) mutable {
        if (!got && got.error().code == 404)
            return done(Error{Tr::tr("There is no namespace %1 on %2: check the namespace (-n) and the kubeconfig context.").arg(ns, id.server), {}, 4});
        if (got)
            id.namespaceUid = got->value("metadata"_L1).toObject().value("uid"_L1).toString();
        else
            id.namespaceUnreadable = got.error().message; // a Role cannot grant reading a Namespace
        api.call("GET", u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(ns), {}, {}, receiver, [id, deployments, done](const Result<QJsonObject> &list) mutable {
            if (!list)
                return done(list.error());
            for (const QJsonValue &v : list->value("items"_L1).toArray()) {
                const QJsonObject meta = v.toObject().value("metadata"_L1).toObject();
                const QString name = meta.value("name"_L1).toString();
                if (deployments.contains(name))
                    id.deploymentUids.insert(name, meta.value("uid"_L1).toString());
            }
            done(id);
        });
    });
}

} // namespace eic::restore
