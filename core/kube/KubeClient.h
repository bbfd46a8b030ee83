#pragma once

#include "Error.h"
#include "KubeConfig.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>

#include <functional>

class QNetworkReply;

namespace eic::kube {

// REST access to one cluster: TLS configured from the kubeconfig (CA, client certificate,
// server name), bearer token, timeouts, and every failure turned into an Error with the
// server's Status message or the TLS/network reason.
class KubeClient : public QObject {
    Q_OBJECT
public:
    using JsonCallback = std::function<void(const Result<QJsonObject> &)>;

    explicit KubeClient(ResolvedContext context, QObject *parent = nullptr);

    const ResolvedContext &context() const { return m_context; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    // The reply is delivered to `callback` on `receiver`'s thread; nothing is delivered when
    // the receiver is gone first.
    void getJson(const QString &path, QObject *receiver, JsonCallback callback);

    // Builds an authenticated request for a path (with query) on the cluster.
    QNetworkRequest request(const QString &pathAndQuery) const;
    QNetworkAccessManager &network() { return m_network; }

    // Turns a finished reply into the Error a user can act on (or nullopt when it succeeded).
    static std::optional<Error> errorOf(QNetworkReply *reply, const QByteArray &body, const ResolvedContext &context);

private:
    ResolvedContext m_context;
    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
    int m_timeoutMs = 30000;
};

} // namespace eic::kube
