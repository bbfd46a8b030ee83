#include "KubeConfig.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <yaml-cpp/yaml.h>

using namespace Qt::StringLiterals;

namespace eic::kube {

namespace {

QString str(const YAML::Node &node, const char *key)
{
    const YAML::Node v = node[key];
    if (!v || !v.IsScalar())
        return {};
    return QString::fromStdString(v.as<std::string>());
}

Error configError(const QString &file, const YAML::Mark &mark, const QString &what)
{
    const QString where = mark.line >= 0 ? u"%1, line %2"_s.arg(file).arg(mark.line + 1) : file;
    return {u"The kubeconfig %1 is not valid: %2."_s.arg(where, what), {}, 0};
}

QString resolvePath(const QString &path, const QString &file)
{
    if (path.isEmpty())
        return path;
    QString p = path;
    if (p.startsWith("~/"_L1))
        p = QDir::homePath() + p.mid(1);
    if (QFileInfo(p).isAbsolute())
        return p;
    return QFileInfo(file).absoluteDir().filePath(p);
}

} // namespace

QStringList KubeConfig::defaultFiles()
{
    const QString env = qEnvironmentVariable("KUBECONFIG");
    if (!env.isEmpty()) {
        QStringList out;
        for (const QString &f : env.split(QDir::listSeparator(), Qt::SkipEmptyParts))
            out.append(f);
        return out;
    }
    return {QDir::homePath() + u"/.kube/config"_s};
}

Result<KubeConfig> KubeConfig::load(const QStringList &files)
{
    KubeConfig config;
    bool any = false;
    for (const QString &file : files) {
        // kubectl skips files of $KUBECONFIG that do not exist; so do we, unless none does.
        if (!QFileInfo::exists(file))
            continue;
        auto merged = config.merge(file);
        if (!merged)
            return merged.error();
        any = true;
    }
    if (!any) {
        return Error{files.size() == 1 ? u"No kubeconfig found at %1. Choose a kubeconfig file or set KUBECONFIG."_s.arg(files.first())
                                       : u"None of the kubeconfig files exists: %1. Choose a kubeconfig file or set KUBECONFIG."_s.arg(files.join(u", "_s)),
                     {}, 0};
    }
    return config;
}

namespace {

Result<ClusterConfig> readCluster(const YAML::Node &entry, const QString &file)
{
    const QString name = str(entry, "name");
    const YAML::Node c = entry["cluster"];
    if (name.isEmpty() || !c || !c.IsMap())
        return configError(file, entry.Mark(), u"a cluster needs a name and a cluster mapping"_s);
    ClusterConfig cluster;
    cluster.name = name;
    cluster.sourceFile = file;
    cluster.server = QUrl(str(c, "server"));
    cluster.tlsServerName = str(c, "tls-server-name");
    cluster.insecureSkipTlsVerify = c["insecure-skip-tls-verify"] && c["insecure-skip-tls-verify"].as<bool>();
    cluster.caFile = resolvePath(str(c, "certificate-authority"), file);
    const QString caData = str(c, "certificate-authority-data");
    if (!caData.isEmpty()) {
        cluster.caPem = QByteArray::fromBase64(caData.toLatin1());
        if (cluster.caPem.isEmpty())
            return configError(file, c["certificate-authority-data"].Mark(), u"certificate-authority-data is not base64"_s);
    }
    if (cluster.server.isEmpty() || !cluster.server.isValid())
        return configError(file, c.Mark(), u"cluster \"%1\" has no valid server URL"_s.arg(name));
    return cluster;
}

Result<ExecConfig> readExec(const YAML::Node &e, const QString &user, const QString &file)
{
    ExecConfig exec;
    exec.apiVersion = str(e, "apiVersion");
    exec.command = str(e, "command");
    exec.installHint = str(e, "installHint");
    exec.interactiveMode = str(e, "interactiveMode");
    exec.provideClusterInfo = e["provideClusterInfo"] && e["provideClusterInfo"].as<bool>();
    exec.baseDirectory = QFileInfo(file).absolutePath();
    for (const auto &a : e["args"])
        exec.args.append(QString::fromStdString(a.as<std::string>()));
    for (const auto &v : e["env"])
        exec.env.append({str(v, "name"), str(v, "value")});
    if (exec.command.isEmpty())
        return configError(file, e.Mark(), u"user \"%1\": exec needs a command"_s.arg(user));
    if (exec.apiVersion != "client.authentication.k8s.io/v1"_L1 && exec.apiVersion != "client.authentication.k8s.io/v1beta1"_L1)
        return configError(file, e.Mark(),
                           u"user \"%1\": exec apiVersion \"%2\" is not supported (client.authentication.k8s.io/v1 or v1beta1)"_s
                               .arg(user, exec.apiVersion));
    return exec;
}

Result<UserConfig> readUser(const YAML::Node &entry, const QString &file)
{
    UserConfig user;
    user.name = str(entry, "name");
    user.sourceFile = file;
    if (user.name.isEmpty())
        return configError(file, entry.Mark(), u"a user needs a name"_s);
    const YAML::Node u = entry["user"];
    if (!u || !u.IsMap())
        return user;
    user.token = str(u, "token");
    user.tokenFile = resolvePath(str(u, "tokenFile"), file);
    user.clientCertFile = resolvePath(str(u, "client-certificate"), file);
    user.clientKeyFile = resolvePath(str(u, "client-key"), file);
    user.clientCertPem = QByteArray::fromBase64(str(u, "client-certificate-data").toLatin1());
    user.clientKeyPem = QByteArray::fromBase64(str(u, "client-key-data").toLatin1());
    const YAML::Node e = u["exec"];
    if (e && e.IsMap()) {
        auto exec = readExec(e, user.name, file);
        if (!exec)
            return exec.error();
        user.exec = *exec;
    }
    return user;
}

// kubectl's merge: the first definition of a name wins.
template <typename T>
bool known(const QList<T> &list, const QString &name)
{
    return std::any_of(list.begin(), list.end(), [&](const T &x) { return x.name == name; });
}

} // namespace

Result<bool> KubeConfig::merge(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("KubeConfig", "Cannot read the kubeconfig %1: %2.").arg(file, f.errorString()), {}, 0};
    const QByteArray text = f.readAll();
    YAML::Node root;
    try {
        root = YAML::Load(text.toStdString());
    } catch (const YAML::ParserException &e) {
        return configError(file, e.mark, QString::fromStdString(e.msg));
    }
    if (!root || root.IsNull())
        return true; // an empty file is allowed, as kubectl allows it
    if (!root.IsMap())
        return configError(file, root.Mark(), u"the top level is not a mapping"_s);
    m_files.append(file);
    try {
        if (m_currentContext.isEmpty())
            m_currentContext = str(root, "current-context");
        // A name defined before is skipped unread, as kubectl skips it.
        for (const auto &entry : root["clusters"]) {
            if (entry["cluster"] && entry["cluster"].IsMap() && known(m_clusters, str(entry, "name")))
                continue;
            auto cluster = readCluster(entry, file);
            if (!cluster)
                return cluster.error();
            m_clusters.append(*cluster);
        }
        for (const auto &entry : root["users"]) {
            if (known(m_users, str(entry, "name")))
                continue;
            auto user = readUser(entry, file);
            if (!user)
                return user.error();
            m_users.append(*user);
        }
        for (const auto &entry : root["contexts"]) {
            const QString name = str(entry, "name");
            const YAML::Node c = entry["context"];
            if (name.isEmpty() || !c || !c.IsMap())
                return configError(file, entry.Mark(), u"a context needs a name and a context mapping"_s);
            if (!known(m_contexts, name))
                m_contexts.append({name, str(c, "cluster"), str(c, "user"), str(c, "namespace")});
        }
    } catch (const YAML::Exception &e) {
        return configError(file, e.mark, QString::fromStdString(e.msg));
    }
    return true;
}

QStringList KubeConfig::contextNames() const
{
    QStringList out;
    for (const auto &c : m_contexts)
        out.append(c.name);
    return out;
}

Result<ResolvedContext> KubeConfig::resolve(const QString &contextName) const
{
    const QString name = contextName.isEmpty() ? m_currentContext : contextName;
    if (name.isEmpty())
        return Error{QCoreApplication::translate("KubeConfig", "The kubeconfig (%1) has no current-context. Choose a context.").arg(m_files.join(u", "_s)), {}, 0};
    const auto ctx = std::find_if(m_contexts.begin(), m_contexts.end(), [&](const ContextConfig &c) { return c.name == name; });
    if (ctx == m_contexts.end())
        return Error{QCoreApplication::translate("KubeConfig", "The context \"%1\" is not in the kubeconfig (%2). Known contexts: %3.").arg(name, m_files.join(u", "_s),
                                                                                                  contextNames().join(u", "_s)),
                     {}, 0};
    const auto cluster = std::find_if(m_clusters.begin(), m_clusters.end(), [&](const ClusterConfig &c) { return c.name == ctx->cluster; });
    if (cluster == m_clusters.end())
        return Error{QCoreApplication::translate("KubeConfig", "The context \"%1\" names the cluster \"%2\", which the kubeconfig does not define.").arg(name, ctx->cluster), {}, 0};
    UserConfig user;
    if (!ctx->user.isEmpty()) {
        const auto u = std::find_if(m_users.begin(), m_users.end(), [&](const UserConfig &x) { return x.name == ctx->user; });
        if (u == m_users.end())
            return Error{QCoreApplication::translate("KubeConfig", "The context \"%1\" names the user \"%2\", which the kubeconfig does not define.").arg(name, ctx->user), {}, 0};
        user = *u;
    }
    // kubectl refuses a CA together with insecure-skip-tls-verify; so do we.
    if (cluster->insecureSkipTlsVerify && (!cluster->caPem.isEmpty() || !cluster->caFile.isEmpty()))
        return Error{QCoreApplication::translate("KubeConfig", "The cluster \"%1\" in %2 sets both a certificate authority and insecure-skip-tls-verify; remove one of them.")
                         .arg(cluster->name, cluster->sourceFile),
                     {}, 0};
    ResolvedContext out{name, *cluster, user, ctx->ns.isEmpty() ? QString::fromLatin1(kDefaultNamespace) : ctx->ns};
    if (out.cluster.caPem.isEmpty() && !out.cluster.caFile.isEmpty()) {
        QFile f(out.cluster.caFile);
        if (!f.open(QIODevice::ReadOnly))
            return Error{QCoreApplication::translate("KubeConfig", "Cannot read the certificate authority %1 named by cluster \"%2\": %3.").arg(out.cluster.caFile, cluster->name, f.errorString()),
                         {}, 0};
        out.cluster.caPem = f.readAll();
    }
    return out;
}

} // namespace eic::kube
