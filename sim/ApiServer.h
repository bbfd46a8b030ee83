#pragma once

#include "ApiRequest.h"
#include "ApiStatus.h"
#include "FaultInjector.h"
#include "ResourceApi.h"
#include "Scenario.h"

#include <QAbstractHttpServer>
#include <QPointer>

#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace eic::sim {

class SimCell;
class WatchStream;

// The HTTPS front of the sim: authentication (bearer tokens of the scenario's users), RBAC,
// the scenario's faults (latency, resets, 5xx), discovery, the resource endpoints, watches,
// and a small control API under /sim/v1 (state snapshot, faults) for tests and the sandbox.
class ApiServer : public QAbstractHttpServer {
    Q_OBJECT
public:
    explicit ApiServer(SimCell &cell, QObject *parent = nullptr);

    // The users with their tokens (generated where the scenario gave none).
    const QList<SimUser> &users() const { return m_users; }
    void setServerAddress(const QString &hostPort) { m_serverAddress = hostPort; }
    FaultInjector &faults() { return m_faults; }
    // Changes the faults, for new requests and for the watch streams already open.
    void setFaults(const FaultSpec &spec);
    qint64 requestCount() const { return m_requests; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void serve(const ApiRequest &request, const std::shared_ptr<QHttpServerResponder> &responder, const QPointer<QTcpSocket> &socket);
    std::optional<ApiResponse> discovery(const ApiRequest &request) const;
    ApiResponse control(const ApiRequest &request);
    void startWatch(const ApiRequest &request, const ResourcePath &path, const ResourceType &type,
                    const std::shared_ptr<QHttpServerResponder> &responder, QTcpSocket *socket);
    const SimUser *authenticate(const ApiRequest &request) const;
    static void reply(QHttpServerResponder &responder, const ApiResponse &response);

    SimCell &m_cell;
    QList<QPointer<WatchStream>> m_streams;
    QList<SimUser> m_users;
    FaultInjector m_faults;
    ResourceApi m_resources;
    QString m_serverAddress = QStringLiteral("127.0.0.1:6443");
    qint64 m_requests = 0;
};

} // namespace eic::sim
