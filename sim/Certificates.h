#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace eic::sim {

struct ServerCertificates {
    QByteArray caPem;
    QByteArray certPem;
    QByteArray keyPem;
};

// Makes the sim's TLS material with the openssl command (Debian's openssl package): a CA of
// its own (or the one it is given) and a server certificate for the listen address, with the
// subjectAltNames Go's TLS stack insists on.
class Certificates {
public:
    static std::optional<ServerCertificates> generate(const QStringList &ipAddresses, const QStringList &dnsNames,
                                                      const QString &caCertFile, const QString &caKeyFile, QString *error);
};

} // namespace eic::sim
