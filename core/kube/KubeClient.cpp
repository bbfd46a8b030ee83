#include "KubeClient.h"

#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPointer>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace eic::kube {

KubeClient::KubeClient(ResolvedContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_tls(QSslConfiguration::defaultConfiguration())
{
    if (!m_context.cluster.caPem.isEmpty())
        m_tls.setCaCertificates(QSslCertificate::fromData(m_context.cluster.caPem, QSsl::Pem));
    if (m_context.cluster.insecureSkipTlsVerify)
        m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    QByteArray certPem = m_context.user.clientCertPem;
    QByteArray keyPem = m_context.user.clientKeyPem;
    if (certPem.isEmpty() && !m_context.user.clientCertFile.isEmpty()) {
        QFile f(m_context.user.clientCertFile);
        if (f.open(QIODevice::ReadOnly))
            certPem = f.readAll();
    }
    if (keyPem.isEmpty() && !m_context.user.clientKeyFile.isEmpty()) {
        QFile f(m_context.user.clientKeyFile);
        if (f.open(QIODevice::ReadOnly))
            keyPem = f.readAll();
    }
    if (!certPem.isEmpty() && !keyPem.isEmpty()) {
        const auto certs = QSslCertificate::fromData(certPem, QSsl::Pem);
        if (!certs.isEmpty())
            m_tls.setLocalCertificate(certs.first());
        QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
        m_tls.setPrivateKey(key);
    }
}

QNetworkRequest KubeClient::request(const QString &pathAndQuery) const
{
    QUrl url = m_context.cluster.server;
    const QString base = url.path().endsWith(u'/') ? url.path().chopped(1) : url.path();
    const qsizetype q = pathAndQuery.indexOf(u'?');
    url.setPath(base + (q < 0 ? pathAndQuery : pathAndQuery.left(q)));
    if (q >= 0)
        url.setQuery(pathAndQuery.mid(q + 1));
    QNetworkRequest req(url);
    req.setSslConfiguration(m_tls);
    req.setRawHeader("Accept", "application/json");
    req.setRawHeader("User-Agent", "eic-restore/" EIC_VERSION);
    req.setTransferTimeout(m_timeoutMs);
    // Kubernetes over HTTP/2 is fine, but Qt's h2 has no use here and HTTP/1.1 keeps the
    // watch streams simple to reason about.
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    if (!m_context.user.token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + m_context.user.token.toUtf8());
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
        const QString message = s.value("message"_L1).toString();
        const QString reason = s.value("reason"_L1).toString();
        const QString detail = u"HTTP %1 %2: %3"_s.arg(status).arg(reason, message);
        switch (status) {
        case 401:
            return Error{u"The cluster at %1 did not accept the credentials of user \"%2\" (401 Unauthorized). Renew the token or log in again."_s
                             .arg(server, context.user.name), detail, status};
        case 403:
            return Error{u"Access denied by the cluster's RBAC: %1"_s.arg(message), detail, status};
        case 404:
            return Error{message.isEmpty() ? u"Not found on the cluster."_s : message + u'.', detail, status};
        case 409:
            return Error{u"Conflict: %1"_s.arg(message), detail, status};
        case 410:
            return Error{u"The cluster no longer has the requested history (410 Gone): %1"_s.arg(message), detail, status};
        default:
            return Error{status >= 500 ? u"The cluster's API server failed (%1): %2"_s.arg(status).arg(message)
                                       : u"The cluster refused the request (%1): %2"_s.arg(status).arg(message),
                         detail, status};
        }
    }
    switch (reply->error()) {
    case QNetworkReply::SslHandshakeFailedError:
        return Error{u"The server's certificate at %1 is not signed by the CA in your kubeconfig (or does not match its name). Check the cluster's certificate-authority."_s.arg(server),
                     reply->errorString(), 0};
    case QNetworkReply::ConnectionRefusedError:
        return Error{u"Nothing answers at %1 (connection refused). Check the server address and that the cluster is running."_s.arg(server),
                     reply->errorString(), 0};
    case QNetworkReply::HostNotFoundError:
        return Error{u"The host of %1 is unknown. Check the server address in your kubeconfig."_s.arg(server), reply->errorString(), 0};
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError:
        return Error{u"The cluster at %1 did not answer in time."_s.arg(server), reply->errorString(), 0};
    default:
        return Error{u"Cannot reach the cluster at %1: %2."_s.arg(server, reply->errorString()), reply->errorString(), 0};
    }
}

void KubeClient::getJson(const QString &path, QObject *receiver, JsonCallback callback)
{
    QNetworkReply *reply = m_network.get(request(path));
    QPointer<QObject> guard(receiver);
    connect(reply, &QNetworkReply::finished, receiver, [this, reply, guard, callback = std::move(callback)] {
        reply->deleteLater();
        if (!guard)
            return;
        const QByteArray body = reply->readAll();
        if (auto error = errorOf(reply, body, m_context)) {
            callback(*error);
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
        if (!doc.isObject()) {
            callback(Error{u"The cluster answered with something that is not JSON."_s, parseError.errorString(), 0});
            return;
        }
        callback(doc.object());
    });
}

} // namespace eic::kube
