#include "KubeClient.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslKey>
#include <QTimer>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::kube {

bool isDnsLabel(const QString &name)
{
    static const QRegularExpression re(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"_s);
    return name.size() <= 63 && re.match(name).hasMatch();
}

KubeClient::KubeClient(ResolvedContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_credentials(m_context)
    , m_tls(QSslConfiguration::defaultConfiguration())
{
    if (!m_context.cluster.caPem.isEmpty())
        m_tls.setCaCertificates(QSslCertificate::fromData(m_context.cluster.caPem, QSsl::Pem));
    if (m_context.cluster.insecureSkipTlsVerify) {
        m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        spdlog::warn("TLS verification is OFF for cluster {} (insecure-skip-tls-verify in the kubeconfig)",
                     m_context.cluster.server.toString().toStdString());
    }
}

QNetworkRequest KubeClient::buildRequest(const QString &pathAndQuery, const Credentials &credentials) const
{
    QUrl url = m_context.cluster.server;
    const QString base = url.path().endsWith(u'/') ? url.path().chopped(1) : url.path();
    const qsizetype q = pathAndQuery.indexOf(u'?');
    url.setPath(base + (q < 0 ? pathAndQuery : pathAndQuery.left(q)));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest req(url);
    QSslConfiguration tls = m_tls;
    if (!credentials.clientCertPem.isEmpty() && !credentials.clientKeyPem.isEmpty()) {
        const auto certs = QSslCertificate::fromData(credentials.clientCertPem, QSsl::Pem);
        if (!certs.isEmpty())
            tls.setLocalCertificate(certs.first());
        QSslKey key(credentials.clientKeyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(credentials.clientKeyPem, QSsl::Rsa, QSsl::Pem);
        tls.setPrivateKey(key);
    }
    req.setSslConfiguration(tls);
    if (!m_context.cluster.tlsServerName.isEmpty())
        req.setPeerVerifyName(m_context.cluster.tlsServerName);
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "eic-restore/" EIC_VERSION);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!credentials.token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + credentials.token.toUtf8());
    return req;
}

std::optional<Error> KubeClient::errorOf(QNetworkReply *reply, const QByteArray &body, const ResolvedContext &context)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString server = context.cluster.server.toString();
    if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError)
        return std::nullopt;
    if (status >= 400) {
        const QJsonObject s = QJsonDocument::fromJson(body).object();
        const QString message = s.value("message"_L1).toString(u"(no message)"_s);
        const QString reason = s.value("reason"_L1).toString();
        const QString detail = u"HTTP %1 %2: %3"_s.arg(status).arg(reason, message);
        switch (status) {
        case 401:
            return Error{QCoreApplication::translate("KubeClient", "The cluster at %1 did not accept the credentials of user \"%2\" (401 Unauthorized). Renew the token or log in again.")
                             .arg(server, context.user.name), detail, status};
        case 403:
            return Error{QCoreApplication::translate("KubeClient", "Access denied by the cluster's RBAC (403): %1. Ask the cluster admin for this permission.").arg(message), detail, status};
        case 404:
            return Error{QCoreApplication::translate("KubeClient", "Not found on the cluster (404): %1.").arg(message), detail, status};
        case 409:
            return Error{QCoreApplication::translate("KubeClient", "Conflict (409): %1.").arg(message), detail, status};
        case 410:
            return Error{QCoreApplication::translate("KubeClient", "The cluster no longer has the requested history (410 Gone): %1.").arg(message), detail, status};
        default:
            return Error{status >= 500 ? u"The cluster's API server failed (%1 %2): %3."_s.arg(status).arg(reason, message)
                                       : u"The cluster refused the request (%1 %2): %3."_s.arg(status).arg(reason, message),
                         detail, status};
        }
    }
    switch (reply->error()) {
    case QNetworkReply::SslHandshakeFailedError:
        return Error{QCoreApplication::translate("KubeClient", "The server's certificate at %1 is not signed by the CA in your kubeconfig (or does not match the server's name). Check the cluster's certificate-authority.").arg(server),
                     reply->errorString(), 0};
    case QNetworkReply::ConnectionRefusedError:
        return Error{QCoreApplication::translate("KubeClient", "Nothing answers at %1 (connection refused). Check the server address and that the cluster is running.").arg(server),
                     reply->errorString(), 0};
    case QNetworkReply::HostNotFoundError:
        return Error{QCoreApplication::translate("KubeClient", "The host of %1 is unknown. Check the server address in your kubeconfig.").arg(server), reply->errorString(), 0};
    case QNetworkReply::TimeoutError:
        return Error{QCoreApplication::translate("KubeClient", "The cluster at %1 did not answer in time.").arg(server), reply->errorString(), 0};
    case QNetworkReply::OperationCanceledError:
        return Error{QCoreApplication::translate("KubeClient", "The request to %1 was cancelled.").arg(server), reply->errorString(), 0};
    case QNetworkReply::RemoteHostClosedError:
        return Error{QCoreApplication::translate("KubeClient", "The cluster at %1 closed the connection.").arg(server), reply->errorString(), 0};
    default:
        return Error{QCoreApplication::translate("KubeClient", "Cannot reach the cluster at %1: %2.").arg(server, reply->errorString()), reply->errorString(), 0};
    }
}

void KubeClient::send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body, const QByteArray &contentType,
                      QObject *receiver, JsonCallback callback)
{
    sendAttempt(verb, pathAndQuery, body, contentType, receiver, std::move(callback), false);
}

void KubeClient::sendAttempt(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body, const QByteArray &contentType,
                             QObject *receiver, JsonCallback callback, bool retriedAuth)
{
    QPointer<QObject> guard(receiver);
    m_credentials.fetch(this, [=, this](const Result<Credentials> &credentials) {
        if (!guard)
            return;
        if (!credentials) {
            callback(credentials.error());
            return;
        }
        QNetworkRequest req = buildRequest(pathAndQuery, *credentials);
        req.setTransferTimeout(m_timeoutMs);
        if (!contentType.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(req, verb, body);
        connect(reply, &QNetworkReply::finished, this, [=, this] {
            reply->deleteLater();
            if (!guard)
                return;
            const QByteArray answer = reply->readAll();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            // A rotated token file or an expired exec credential: ask once more, then report.
            if (status == 401 && !retriedAuth && (m_credentials.usesExec() || !m_context.user.tokenFile.isEmpty())) {
                m_credentials.invalidate();
                sendAttempt(verb, pathAndQuery, body, contentType, guard, callback, true);
                return;
            }
            if (auto error = errorOf(reply, answer, m_context)) {
                callback(*error);
                return;
            }
            QJsonParseError parseError;
            const QJsonDocument doc = QJsonDocument::fromJson(answer, &parseError);
            if (!doc.isObject()) {
                callback(Error{QCoreApplication::translate("KubeClient", "The cluster answered with something that is not a JSON object."), parseError.errorString(), 0});
                return;
            }
            callback(doc.object());
        });
    });
}

void KubeClient::openStream(const QString &pathAndQuery, QObject *receiver, StreamCallback callback)
{
    QPointer<QObject> guard(receiver);
    m_credentials.fetch(this, [=, this](const Result<Credentials> &credentials) {
        if (!guard)
            return;
        if (!credentials) {
            callback(credentials.error());
            return;
        }
        QNetworkRequest req = buildRequest(pathAndQuery, *credentials);
        req.setTransferTimeout(0); // a watch is long by design; the reflector watches its liveness
        QNetworkReply *reply = m_network.get(req);
        auto handedOver = std::make_shared<bool>(false);
        auto handOver = [=, this] {
            if (*handedOver)
                return;
            *handedOver = true;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            if (!guard) {
                reply->abort();
                reply->deleteLater();
                return;
            }
            if (status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError) {
                callback(reply);
                return;
            }
            // An error before the stream began: wait for its body (the Status) to report it.
            auto report = [=, this] {
                const QByteArray body = reply->readAll();
                reply->deleteLater();
                if (!guard)
                    return;
                if (status == 401)
                    m_credentials.invalidate();
                callback(errorOf(reply, body, m_context).value_or(Error{QCoreApplication::translate("KubeClient", "The watch ended before it started."), {}, status}));
            };
            if (reply->isFinished())
                report();
            else
                connect(reply, &QNetworkReply::finished, this, report);
        };
        connect(reply, &QNetworkReply::metaDataChanged, this, [=] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
                handOver();
        });
        connect(reply, &QNetworkReply::finished, this, handOver);
    });
}

void KubeClient::getScale(const QString &ns, const QString &deployment, QObject *receiver, std::function<void(const Result<int> &)> callback)
{
    if (!isDnsLabel(ns) || !isDnsLabel(deployment)) {
        callback(Error{QCoreApplication::translate("KubeClient", "\"%1/%2\" is not a valid namespace/deployment name (DNS-1123 labels).").arg(ns, deployment), {}, 0});
        return;
    }
    getJson(u"/apis/apps/v1/namespaces/%1/deployments/%2/scale"_s.arg(ns, deployment), receiver, [callback](const Result<QJsonObject> &r) {
        if (!r) {
            callback(r.error());
            return;
        }
        // Scale.spec.replicas is omitted when it is 0.
        callback(r->value("spec"_L1).toObject().value("replicas"_L1).toInt(0));
    });
}

void KubeClient::patchScale(const QString &ns, const QString &deployment, int replicas, bool dryRun, QObject *receiver,
                            std::function<void(const Result<int> &)> callback)
{
    if (!isDnsLabel(ns) || !isDnsLabel(deployment)) {
        callback(Error{QCoreApplication::translate("KubeClient", "\"%1/%2\" is not a valid namespace/deployment name (DNS-1123 labels).").arg(ns, deployment), {}, 0});
        return;
    }
    if (replicas < 0) {
        callback(Error{QCoreApplication::translate("KubeClient", "A replica count cannot be negative (%1).").arg(replicas), {}, 0});
        return;
    }
    patchScaleAttempt(ns, deployment, replicas, dryRun, receiver, std::move(callback), 1);
}

void KubeClient::patchScaleAttempt(const QString &ns, const QString &deployment, int replicas, bool dryRun, QObject *receiver,
                                   std::function<void(const Result<int> &)> callback, int attempt)
{
    QString path = u"/apis/apps/v1/namespaces/%1/deployments/%2/scale"_s.arg(ns, deployment);
    if (dryRun)
        path += u"?dryRun=All"_s;
    const QByteArray body = QJsonDocument(QJsonObject{{"spec"_L1, QJsonObject{{"replicas"_L1, replicas}}}}).toJson(QJsonDocument::Compact);
    QPointer<QObject> guard(receiver);
    send("PATCH", path, body, "application/merge-patch+json", receiver, [=, this](const Result<QJsonObject> &r) {
        if (!r && r.error().code == 409 && attempt < m_maxConflictRetries) {
            // Someone else wrote in between: try again after a short, growing, jittered pause.
            const int delay = 50 * attempt + static_cast<int>(QRandomGenerator::global()->bounded(50));
            spdlog::info("scale of {}/{} met a conflict (attempt {}); retrying in {} ms", ns.toStdString(), deployment.toStdString(), attempt, delay);
            QTimer::singleShot(delay, guard, [=, this] { patchScaleAttempt(ns, deployment, replicas, dryRun, guard, callback, attempt + 1); });
            return;
        }
        if (!r) {
            callback(r.error());
            return;
        }
        callback(r->value("spec"_L1).toObject().value("replicas"_L1).toInt(0));
    });
}

void KubeClient::accessReview(const QString &verb, const QString &group, const QString &resource, const QString &subresource,
                              const QString &ns, QObject *receiver, std::function<void(const Result<bool> &)> callback)
{
    QJsonObject attributes{{"verb"_L1, verb}, {"group"_L1, group}, {"resource"_L1, resource}, {"namespace"_L1, ns}};
    if (!subresource.isEmpty())
        attributes["subresource"_L1] = subresource;
    const QJsonObject review{{"apiVersion"_L1, "authorization.k8s.io/v1"_L1},
                             {"kind"_L1, "SelfSubjectAccessReview"_L1},
                             {"spec"_L1, QJsonObject{{"resourceAttributes"_L1, attributes}}}};
    send("POST", u"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"_s, QJsonDocument(review).toJson(QJsonDocument::Compact),
         "application/json", receiver, [callback](const Result<QJsonObject> &r) {
             if (!r)
                 callback(r.error());
             else
                 callback(r->value("status"_L1).toObject().value("allowed"_L1).toBool());
         });
}

void KubeClient::serverVersion(QObject *receiver, std::function<void(const Result<QString> &)> callback)
{
    getJson(u"/version"_s, receiver, [callback](const Result<QJsonObject> &r) {
        if (!r)
            callback(r.error());
        else
            callback(r->value("gitVersion"_L1).toString());
    });
}

} // namespace eic::kube
