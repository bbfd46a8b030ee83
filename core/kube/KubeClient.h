#pragma once

#include "CredentialSource.h"
#include "Error.h"
#include "KubeConfig.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>

#include <functional>

class QNetworkReply;

namespace eic::kube {

// Names that go into URLs are DNS-1123 labels (namespace, deployment).
bool isDnsLabel(const QString &name);

// REST access to one cluster: TLS configured from the kubeconfig (CA, client certificate,
// tls-server-name, the visible insecure mode), credentials from CredentialSource (token,
// token file, client certificate, exec plugin; asked again once after a 401), timeouts, and
// every failure turned into an Error with the server's Status message or the TLS/network reason.
class KubeClient : public QObject {
    Q_OBJECT
public:
    using JsonCallback = std::function<void(const Result<QJsonObject> &)>;
    using StreamCallback = std::function<void(const Result<QNetworkReply *> &)>;

    explicit KubeClient(ResolvedContext context, QObject *parent = nullptr);

    const ResolvedContext &context() const { return m_context; }
    bool tlsVerificationOff() const { return m_context.cluster.insecureSkipTlsVerify; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    CredentialSource &credentials() { return m_credentials; }

    // One request with a JSON answer; the callback runs on `receiver` and not at all once the
    // receiver is gone.
    void send(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body, const QByteArray &contentType,
              QObject *receiver, JsonCallback callback);
    void getJson(const QString &pathAndQuery, QObject *receiver, JsonCallback callback)
    {
        send("GET", pathAndQuery, {}, {}, receiver, std::move(callback));
    }
    // Opens a long-running GET (a watch): the reply is handed over once its headers arrived
    // with a 2xx; the receiver owns it from then on.
    void openStream(const QString &pathAndQuery, QObject *receiver, StreamCallback callback);

    // The scale subresource: read, and set by merge-patch (retried on 409); dryRun changes nothing.
    void getScale(const QString &ns, const QString &deployment, QObject *receiver, std::function<void(const Result<int> &)> callback);
    void patchScale(const QString &ns, const QString &deployment, int replicas, bool dryRun, QObject *receiver,
                    std::function<void(const Result<int> &)> callback);
    // SelfSubjectAccessReview: may the current user do this?
    void accessReview(const QString &verb, const QString &group, const QString &resource, const QString &subresource,
                      const QString &ns, QObject *receiver, std::function<void(const Result<bool> &)> callback);
    void serverVersion(QObject *receiver, std::function<void(const Result<QString> &)> callback);

    // Turns a finished reply into the Error a user can act on (or nullopt when it succeeded).
    static std::optional<Error> errorOf(QNetworkReply *reply, const QByteArray &body, const ResolvedContext &context);

    int maxConflictRetries() const { return m_maxConflictRetries; }

private:
    QNetworkRequest buildRequest(const QString &pathAndQuery, const Credentials &credentials) const;
    void sendAttempt(const QByteArray &verb, const QString &pathAndQuery, const QByteArray &body, const QByteArray &contentType,
                     QObject *receiver, JsonCallback callback, bool retriedAuth);
    void patchScaleAttempt(const QString &ns, const QString &deployment, int replicas, bool dryRun, QObject *receiver,
                           std::function<void(const Result<int> &)> callback, int attempt);

    ResolvedContext m_context;
    CredentialSource m_credentials;
    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
    int m_timeoutMs = 30000;
    int m_maxConflictRetries = 8;
};

} // namespace eic::kube
