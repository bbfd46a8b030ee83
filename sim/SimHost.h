#pragma once

#include "Scenario.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace eic::sim {

class ApiServer;
class SimCell;

struct SimOptions {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0; // 0: any free port
    QString scenarioFile;
    std::optional<Scenario> scenario; // in-process users may pass one directly
    int podStartMs = -1;
    QString caCertFile;
    QString caKeyFile;
    QString kubeconfigOut;
};

// A running simulated cell: the scenario's objects and controllers behind an HTTPS API server,
// and the kubeconfig that reaches it. eic-sim is a thin main() around this; tests embed it.
class SimHost : public QObject {
    Q_OBJECT
public:
    explicit SimHost(QObject *parent = nullptr);
    ~SimHost() override;

    bool start(const SimOptions &options, QString *error);

    QUrl url() const { return m_url; }
    QByteArray caPem() const { return m_caPem; }
    QString token() const;
    QString kubeconfigYaml() const;
    SimCell &cell() { return *m_cell; }
    ApiServer &server() { return *m_server; }

private:
    std::unique_ptr<SimCell> m_cell;
    std::unique_ptr<ApiServer> m_server;
    QUrl m_url;
    QByteArray m_caPem;
};

} // namespace eic::sim
