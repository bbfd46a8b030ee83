#include "CredentialSource.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::kube {

namespace {
constexpr int kExecTimeoutMs = 60000;
}

CredentialSource::CredentialSource(ResolvedContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{
}

void CredentialSource::invalidate()
{
    m_execCached.reset();
    m_tokenFileStamp = {};
}

Result<Credentials> CredentialSource::staticCredentials()
{
    Credentials c;
    const UserConfig &user = m_context.user;
    c.token = user.token;
    if (c.token.isEmpty() && !user.tokenFile.isEmpty()) {
        const QFileInfo info(user.tokenFile);
        if (!info.exists())
            return Error{QCoreApplication::translate("CredentialSource", "The token file %1 named by user \"%2\" does not exist.").arg(user.tokenFile, user.name), {}, 0};
        if (info.lastModified() != m_tokenFileStamp) {
            QFile f(user.tokenFile);
            if (!f.open(QIODevice::ReadOnly))
                return Error{QCoreApplication::translate("CredentialSource", "Cannot read the token file %1: %2.").arg(user.tokenFile, f.errorString()), {}, 0};
            m_tokenFromFile = QString::fromUtf8(f.readAll()).trimmed();
            m_tokenFileStamp = info.lastModified();
        }
        c.token = m_tokenFromFile;
    }
    c.clientCertPem = user.clientCertPem;
    c.clientKeyPem = user.clientKeyPem;
    auto readFile = [](const QString &path, QByteArray *out) -> std::optional<Error> {
        if (path.isEmpty() || !out->isEmpty())
            return std::nullopt;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error{QCoreApplication::translate("CredentialSource", "Cannot read %1 named by the kubeconfig: %2.").arg(path, f.errorString()), {}, 0};
        *out = f.readAll();
        return std::nullopt;
    };
    if (auto e = readFile(user.clientCertFile, &c.clientCertPem))
        return *e;
    if (auto e = readFile(user.clientKeyFile, &c.clientKeyPem))
        return *e;
    return c;
}

void CredentialSource::fetch(QObject *receiver, Callback callback)
{
    if (!m_context.user.exec) {
        callback(staticCredentials());
        return;
    }
    const bool fresh = m_execCached && (!m_execExpiry.isValid() || QDateTime::currentDateTimeUtc().addSecs(10) < m_execExpiry);
    if (fresh) {
        callback(*m_execCached);
        return;
    }
    m_waiting.append({QPointer<QObject>(receiver), std::move(callback)});
    if (!m_process)
        runExec();
}

QByteArray CredentialSource::execInfo() const
{
    QJsonObject spec{{"interactive"_L1, false}};
    if (m_context.user.exec->provideClusterInfo) {
        QJsonObject cluster{{"server"_L1, m_context.cluster.server.toString()},
                            {"insecure-skip-tls-verify"_L1, m_context.cluster.insecureSkipTlsVerify}};
        if (!m_context.cluster.tlsServerName.isEmpty())
            cluster["tls-server-name"_L1] = m_context.cluster.tlsServerName;
        if (!m_context.cluster.caPem.isEmpty())
            cluster["certificate-authority-data"_L1] = QString::fromLatin1(m_context.cluster.caPem.toBase64());
        spec["cluster"_L1] = cluster;
    }
    return QJsonDocument(QJsonObject{{"apiVersion"_L1, m_context.user.exec->apiVersion},
                                     {"kind"_L1, "ExecCredential"_L1},
                                     {"spec"_L1, spec}})
        .toJson(QJsonDocument::Compact);
}

void CredentialSource::runExec()
{
    const ExecConfig &exec = *m_context.user.exec;
    QString program = exec.command;
    // kubectl resolves a relative command with a path separator against the kubeconfig's folder.
    if (program.contains(u'/') && !QFileInfo(program).isAbsolute())
        program = QFileInfo(exec.baseDirectory + u'/' + program).absoluteFilePath();
    else if (!program.contains(u'/'))
        program = QStandardPaths::findExecutable(program);
    if (program.isEmpty() || !QFileInfo(program).isExecutable()) {
        QString message = u"The credential plugin \"%1\" of user \"%2\" was not found."_s.arg(exec.command, m_context.user.name);
        if (!exec.installHint.isEmpty())
            message += u' ' + exec.installHint.trimmed();
        finishExec(Error{message, u"exec: executable %1 not found"_s.arg(exec.command), 0});
        return;
    }
    auto *process = new QProcess(this);
    m_process = process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const auto &[name, value] : exec.env)
        env.insert(name, value);
    env.insert(u"KUBERNETES_EXEC_INFO"_s, QString::fromUtf8(execInfo()));
    process->setProcessEnvironment(env);
    ++m_execRuns;
    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, process, [this, process] {
        process->kill();
        finishExec(Error{QCoreApplication::translate("CredentialSource", "The credential plugin \"%1\" did not answer within %2 s.").arg(m_context.user.exec->command).arg(kExecTimeoutMs / 1000), {}, 0});
    });
    timer->start(kExecTimeoutMs);
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        finishExec(Error{QCoreApplication::translate("CredentialSource", "The credential plugin \"%1\" could not be started: %2.").arg(m_context.user.exec->command, process->errorString()), {}, 0});
        process->deleteLater();
    });
    connect(process, &QProcess::finished, this, [this, process](int code, QProcess::ExitStatus status) {
        process->deleteLater();
        const QString stderrText = QString::fromLocal8Bit(process->readAllStandardError()).trimmed();
        if (status != QProcess::NormalExit || code != 0) {
            finishExec(Error{QCoreApplication::translate("CredentialSource", "The credential plugin \"%1\" failed (exit code %2): %3").arg(m_context.user.exec->command).arg(code)
                                 .arg(stderrText.isEmpty() ? u"no message"_s : stderrText.section(u'\n', -1)),
                             stderrText, code});
            return;
        }
        const QJsonObject doc = QJsonDocument::fromJson(process->readAllStandardOutput()).object();
        const QJsonObject st = doc.value("status"_L1).toObject();
        if (doc.value("kind"_L1).toString() != "ExecCredential"_L1 || st.isEmpty()) {
            finishExec(Error{QCoreApplication::translate("CredentialSource", "The credential plugin \"%1\" did not print an ExecCredential.").arg(m_context.user.exec->command), {}, 0});
            return;
        }
        Credentials c;
        c.token = st.value("token"_L1).toString();
        c.clientCertPem = st.value("clientCertificateData"_L1).toString().toUtf8();
        c.clientKeyPem = st.value("clientKeyData"_L1).toString().toUtf8();
        if (c.token.isEmpty() && (c.clientCertPem.isEmpty() || c.clientKeyPem.isEmpty())) {
            finishExec(Error{QCoreApplication::translate("CredentialSource", "The credential plugin \"%1\" gave neither a token nor a client certificate and key.").arg(m_context.user.exec->command), {}, 0});
            return;
        }
        m_execExpiry = QDateTime::fromString(st.value("expirationTimestamp"_L1).toString(), Qt::ISODate);
        m_execCached = c;
        spdlog::debug("exec credential plugin {} answered; valid until {}", m_context.user.exec->command.toStdString(),
                      m_execExpiry.isValid() ? m_execExpiry.toString(Qt::ISODate).toStdString() : std::string("the end of the session"));
        finishExec(c);
    });
    process->start(program, exec.args);
}

void CredentialSource::finishExec(const Result<Credentials> &result)
{
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[receiver, callback] : waiting) {
        if (receiver)
            callback(result);
    }
}

} // namespace eic::kube
