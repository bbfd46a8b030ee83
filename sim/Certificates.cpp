#include "Certificates.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

bool runOpenssl(const QStringList &args, QString *error)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"openssl"_s, args);
    if (!p.waitForStarted(10000)) {
        *error = u"cannot run openssl (install Debian's openssl package): %1"_s.arg(p.errorString());
        return false;
    }
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = u"openssl %1 failed: %2"_s.arg(args.value(0), QString::fromLocal8Bit(p.readAll()).trimmed());
        return false;
    }
    return true;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

std::optional<ServerCertificates> Certificates::generate(const QStringList &ipAddresses, const QStringList &dnsNames,
                                                         const QString &caCertFile, const QString &caKeyFile, QString *error)
{
    QTemporaryDir dir;
    if (!dir.isValid()) {
        *error = u"cannot create a temporary directory for the certificates"_s;
        return std::nullopt;
    }
    QString caCert = caCertFile;
    QString caKey = caKeyFile;
    if (caCert.isEmpty()) {
        caCert = dir.filePath(u"ca.crt"_s);
        caKey = dir.filePath(u"ca.key"_s);
        if (!runOpenssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s,
                         u"-keyout"_s, caKey, u"-out"_s, caCert, u"-days"_s, u"3650"_s, u"-subj"_s, u"/CN=eic-sim CA"_s,
                         u"-addext"_s, u"basicConstraints=critical,CA:TRUE"_s,
                         u"-addext"_s, u"keyUsage=critical,keyCertSign,cRLSign"_s},
                        error))
            return std::nullopt;
    }
    QStringList san;
    for (const QString &ip : ipAddresses)
        san.append(u"IP:"_s + ip);
    for (const QString &dns : dnsNames)
        san.append(u"DNS:"_s + dns);
    const QString ext = dir.filePath(u"server.ext"_s);
    {
        QFile f(ext);
        if (!f.open(QIODevice::WriteOnly)) {
            *error = u"cannot write %1"_s.arg(ext);
            return std::nullopt;
        }
        f.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\nsubjectAltName=");
        f.write(san.join(u',').toLatin1());
        f.write("\n");
    }
    const QString key = dir.filePath(u"server.key"_s);
    const QString csr = dir.filePath(u"server.csr"_s);
    const QString cert = dir.filePath(u"server.crt"_s);
    if (!runOpenssl({u"req"_s, u"-new"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s,
                     u"-keyout"_s, key, u"-out"_s, csr, u"-subj"_s, u"/CN=eic-sim"_s},
                    error)
        || !runOpenssl({u"x509"_s, u"-req"_s, u"-in"_s, csr, u"-CA"_s, caCert, u"-CAkey"_s, caKey, u"-CAcreateserial"_s,
                        u"-CAserial"_s, dir.filePath(u"ca.srl"_s), u"-out"_s, cert, u"-days"_s, u"825"_s, u"-extfile"_s, ext},
                       error))
        return std::nullopt;
    ServerCertificates out{readAll(caCert), readAll(cert), readAll(key)};
    if (out.caPem.isEmpty() || out.certPem.isEmpty() || out.keyPem.isEmpty()) {
        *error = u"openssl wrote no certificate (CA %1)"_s.arg(caCert);
        return std::nullopt;
    }
    return out;
}

} // namespace eic::sim
