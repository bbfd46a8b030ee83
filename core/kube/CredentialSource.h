#pragma once

#include "Error.h"
#include "KubeConfig.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <functional>

class QProcess;

namespace eic::kube {

struct Credentials {
    QString token;
    QByteArray clientCertPem;
    QByteArray clientKeyPem;
};

// Where a request's credentials come from: a static token, a token file (re-read when it
// changes, as projected service-account tokens rotate), a client certificate, or an exec
// credential plugin (client.authentication.k8s.io v1/v1beta1: kubelogin, aws eks get-token),
// whose answer is cached until its expirationTimestamp.
class CredentialSource : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Result<Credentials> &)>;

    CredentialSource(ResolvedContext context, QObject *parent = nullptr);

    // Delivers the credentials to `callback` on `receiver` (not at all if it is gone).
    void fetch(QObject *receiver, Callback callback);
    // After a 401: forget cached answers so the next fetch asks again.
    void invalidate();
    bool usesExec() const { return m_context.user.exec.has_value(); }
    int execRuns() const { return m_execRuns; }

private:
    Result<Credentials> staticCredentials();
    void runExec();
    void finishExec(const Result<Credentials> &result);
    QByteArray execInfo() const;

    ResolvedContext m_context;
    // token file cache
    QDateTime m_tokenFileStamp;
    QString m_tokenFromFile;
    // exec cache
    std::optional<Credentials> m_execCached;
    QDateTime m_execExpiry; // invalid: no expiry given, valid for the session
    QPointer<QProcess> m_process;
    QList<QPair<QPointer<QObject>, Callback>> m_waiting;
    int m_execRuns = 0;
};

} // namespace eic::kube
