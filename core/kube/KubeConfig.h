#pragma once

#include "Error.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace eic::kube {

// An exec credential plugin (client.authentication.k8s.io): how AKS and EKS users log in.
struct ExecConfig {
    QString apiVersion;
    QString command;
    QStringList args;
    QList<QPair<QString, QString>> env;
    QString installHint;
    bool provideClusterInfo = false;
    QString interactiveMode;
    QString baseDirectory; // relative commands are resolved against the kubeconfig's folder
};

struct ClusterConfig {
    QString name;
    QUrl server;
    QByteArray caPem;         // from certificate-authority-data, or read from certificate-authority
    QString caFile;
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QString sourceFile;
};

struct UserConfig {
    QString name;
    QString token;
    QString tokenFile;
    QByteArray clientCertPem;
    QByteArray clientKeyPem;
    QString clientCertFile;
    QString clientKeyFile;
    std::optional<ExecConfig> exec;
    QString sourceFile;
};

struct ContextConfig {
    QString name;
    QString cluster;
    QString user;
    QString ns;
};

// One context with its cluster and user: everything a client needs to connect.
struct ResolvedContext {
    QString context;
    ClusterConfig cluster;
    UserConfig user;
    QString ns; // the context's namespace, else "edge-icell"
};

// A kubeconfig read the way kubectl reads it: a list of files ($KUBECONFIG) merged in order,
// the first definition of a name wins, relative paths resolved against the file that names
// them. Errors name the file, the line and what is wrong.
class KubeConfig {
public:
    static QStringList defaultFiles();
    static Result<KubeConfig> load(const QStringList &files);
    static Result<KubeConfig> loadDefault() { return load(defaultFiles()); }

    QStringList contextNames() const;
    QString currentContext() const { return m_currentContext; }
    QStringList files() const { return m_files; }
    Result<ResolvedContext> resolve(const QString &contextName = {}) const;

private:
    Result<bool> merge(const QString &file);

    QStringList m_files;
    QString m_currentContext;
    QList<ClusterConfig> m_clusters;
    QList<UserConfig> m_users;
    QList<ContextConfig> m_contexts;
};

inline constexpr const char *kDefaultNamespace = "edge-icell";

} // namespace eic::kube
