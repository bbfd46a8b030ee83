#include "SimHost.h"

#include "ApiServer.h"
#include "Certificates.h"
#include "SimCell.h"

#include <QFile>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace eic::sim {

SimHost::SimHost(QObject *parent)
    : QObject(parent)
{
}

SimHost::~SimHost()
{
    m_server.reset();
    m_cell.reset();
}

bool SimHost::start(const SimOptions &options, QString *error)
{
    Scenario scenario = Scenario::defaultCell();
    if (options.scenario) {
        scenario = *options.scenario;
    } else if (!options.scenarioFile.isEmpty()) {
        auto loaded = Scenario::fromFile(options.scenarioFile, error);
        if (!loaded)
            return false;
        scenario = *loaded;
    }
    if (options.podStartMs >= 0)
        scenario.timing.podStartMs = options.podStartMs;

    QStringList ips{options.address.toString()};
    if (!ips.contains(u"127.0.0.1"_s))
        ips.append(u"127.0.0.1"_s);
    auto certs = Certificates::generate(ips, {u"localhost"_s, u"eic-sim"_s}, options.caCertFile, options.caKeyFile, error);
    if (!certs)
        return false;
    const auto certificate = QSslCertificate::fromData(certs->certPem, QSsl::Pem);
    const QSslKey key(certs->keyPem, QSsl::Ec, QSsl::Pem);
    if (certificate.isEmpty() || key.isNull()) {
        *error = u"the generated server certificate or key could not be read"_s;
        return false;
    }
    m_caPem = certs->caPem;

    m_cell = std::make_unique<SimCell>(scenario);
    m_server = std::make_unique<ApiServer>(*m_cell);
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificate(certificate.first());
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    m_server->sslSetup(tls);
    const quint16 port = m_server->listen(options.address, options.port);
    if (port == 0) {
        *error = u"cannot listen on %1:%2 (in use, or not an address of this machine)"_s.arg(options.address.toString()).arg(options.port);
        return false;
    }
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(options.address.toString())
                                                                                      : options.address.toString();
    m_url = QUrl(u"https://%1:%2"_s.arg(host).arg(port));
    m_server->setServerAddress(u"%1:%2"_s.arg(host).arg(port));

    if (!options.kubeconfigOut.isEmpty()) {
        QSaveFile file(options.kubeconfigOut);
        if (!file.open(QIODevice::WriteOnly)) {
            *error = u"cannot write the kubeconfig %1: %2"_s.arg(options.kubeconfigOut, file.errorString());
            return false;
        }
        file.write(kubeconfigYaml().toUtf8());
        // The kubeconfig holds a bearer token: owner-only, as kubectl writes its own.
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (!file.commit()) {
            *error = u"cannot write the kubeconfig %1: %2"_s.arg(options.kubeconfigOut, file.errorString());
            return false;
        }
    }
    return true;
}

QString SimHost::token() const
{
    return m_server ? m_server->users().first().token : QString();
}

QString SimHost::kubeconfigYaml() const
{
    const SimUser &user = m_server->users().first();
    return u"apiVersion: v1\n"
           "kind: Config\n"
           "clusters:\n"
           "- name: eic-sim\n"
           "  cluster:\n"
           "    server: %1\n"
           "    certificate-authority-data: %2\n"
           "contexts:\n"
           "- name: eic-sim\n"
           "  context:\n"
           "    cluster: eic-sim\n"
           "    user: %3\n"
           "    namespace: %4\n"
           "current-context: eic-sim\n"
           "preferences: {}\n"
           "users:\n"
           "- name: %3\n"
           "  user:\n"
           "    token: %5\n"_s.arg(m_url.toString(), QString::fromLatin1(m_caPem.toBase64()), user.name,
                                   m_cell->scenario().cellNamespace, user.token);
}

} // namespace eic::sim
