#include "Scenario.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

QStringList toStringList(const QJsonValue &value)
{
    QStringList out;
    for (const auto &v : value.toArray())
        out.append(v.toString());
    return out;
}

RbacRule adminRule()
{
    return {{u"*"_s}, {u"*"_s}, {u"*"_s}, {u"*"_s}};
}

// The components the vendor's procedure names, with realistic counts and images.
const QList<DeploymentSpec> &cellDeployments()
{
    static const QList<DeploymentSpec> list = [] {
        QList<DeploymentSpec> l;
        auto add = [&l](const char *name, int replicas, std::optional<HpaSpec> hpa = std::nullopt) {
            DeploymentSpec d;
            d.name = QString::fromLatin1(name);
            d.replicas = replicas;
            d.image = u"registry.example/edge-icell/%1:8.40.6"_s.arg(d.name);
            d.hpa = hpa;
            l.append(d);
        };
        add("edc", 2, HpaSpec{2, 4});
        add("edge-api", 2);
        add("mdc", 1);
        add("worker", 2);
        add("policyengine", 2, HpaSpec{2, 4});
        add("esac", 1);
        add("edge-event-controller", 1);
        add("solops", 1);
        add("auditlog-agent", 1);
        add("destination-configuration", 1);
        add("destination-db-management", 1);
        return l;
    }();
    return list;
}

bool readInt(const QJsonObject &json, const char *key, int *out, QString *error, const QString &where)
{
    const QJsonValue v = json.value(QLatin1StringView(key));
    if (v.isUndefined())
        return true;
    if (!v.isDouble() || v.toDouble() < 0) {
        if (error)
            *error = u"%1.%2 must be a non-negative number"_s.arg(where, QLatin1StringView(key));
        return false;
    }
    *out = v.toInt();
    return true;
}

} // namespace

std::optional<FaultSpec> FaultSpec::fromJson(const QJsonObject &json, QString *error)
{
    FaultSpec f;
    f.errorRate = json.value("errorRate"_L1).toDouble(0);
    f.resetRate = json.value("resetRate"_L1).toDouble(0);
    f.conflictRate = json.value("conflictRate"_L1).toDouble(0);
    f.watchCutSeconds = json.value("watchCutSeconds"_L1).toInt(0);
    f.conflicts = json.value("conflicts"_L1).toInt(0);
    f.latencyMs = json.value("latencyMs"_L1).toInt(0);
    f.pathPrefix = json.value("pathPrefix"_L1).toString();
    f.seed = static_cast<quint32>(json.value("seed"_L1).toInt(1));
    if (json.contains("errorCodes"_L1)) {
        f.errorCodes.clear();
        for (const auto &c : json.value("errorCodes"_L1).toArray())
            f.errorCodes.append(c.toInt());
    }
    for (double rate : {f.errorRate, f.resetRate, f.conflictRate}) {
        if (rate < 0 || rate > 1) {
            if (error)
                *error = u"faults: rates must be between 0 and 1"_s;
            return std::nullopt;
        }
    }
    for (int code : f.errorCodes) {
        if (code < 500 || code > 599) {
            if (error)
                *error = u"faults.errorCodes: %1 is not a 5xx status"_s.arg(code);
            return std::nullopt;
        }
    }
    return f;
}

QJsonObject FaultSpec::toJson() const
{
    QJsonArray codes;
    for (int c : errorCodes)
        codes.append(c);
    return {{"errorRate"_L1, errorRate}, {"errorCodes"_L1, codes}, {"resetRate"_L1, resetRate},
            {"watchCutSeconds"_L1, watchCutSeconds}, {"conflicts"_L1, conflicts},
            {"conflictRate"_L1, conflictRate}, {"latencyMs"_L1, latencyMs},
            {"pathPrefix"_L1, pathPrefix}, {"seed"_L1, static_cast<qint64>(seed)}};
}

Scenario Scenario::defaultCell()
{
    Scenario s;
    for (DeploymentSpec d : cellDeployments()) {
        d.namespaceName = s.cellNamespace;
        s.deployments.append(d);
    }
    s.statefulSets.append({u"ssb-solace"_s, s.servicesNamespace, 1, u"registry.example/solace/pubsub-standard:10.8"_s});
    s.users.append({u"eic-admin"_s, {}, {adminRule()}});
    return s;
}

QStringList Scenario::allNamespaces() const
{
    QStringList out{cellNamespace, servicesNamespace, u"default"_s, u"kube-system"_s};
    out += namespaces;
    for (const auto &d : deployments)
        out.append(d.namespaceName);
    for (const auto &st : statefulSets)
        out.append(st.namespaceName);
    out.removeDuplicates();
    return out;
}

namespace {

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

bool readHpa(DeploymentSpec &d, const QJsonObject &o, const QString &where, QString *error)
{
    if (!o.contains("hpa"_L1))
        return true;
    if (o.value("hpa"_L1).isNull()) {
        d.hpa.reset();
        return true;
    }
    HpaSpec h;
    const QJsonObject ho = o.value("hpa"_L1).toObject();
    h.minReplicas = ho.value("minReplicas"_L1).toInt(1);
    h.maxReplicas = ho.value("maxReplicas"_L1).toInt(h.minReplicas);
    if (h.minReplicas < 1 || h.maxReplicas < h.minReplicas)
        return fail(error, u"%1.hpa: need 1 <= minReplicas <= maxReplicas"_s.arg(where));
    d.hpa = h;
    return true;
}

bool readDeployment(DeploymentSpec &d, const QJsonObject &o, QString *error)
{
    const QString where = u"deployments.%1"_s.arg(d.name);
    if (!readInt(o, "replicas", &d.replicas, error, where) || !readInt(o, "podStartMs", &d.podStartMs, error, where))
        return false;
    d.neverReady = o.value("neverReady"_L1).toBool(d.neverReady);
    d.namespaceName = o.value("namespace"_L1).toString(d.namespaceName);
    const QString selector = o.value("selector"_L1).toString(d.selectByExpressions ? u"matchExpressions"_s : u"matchLabels"_s);
    if (selector != "matchLabels"_L1 && selector != "matchExpressions"_L1)
        return fail(error, u"%1.selector must be \"matchLabels\" or \"matchExpressions\""_s.arg(where));
    d.selectByExpressions = selector == "matchExpressions"_L1;
    return readHpa(d, o, where, error);
}

bool applyDeployments(Scenario &s, const QJsonObject &json, QString *error)
{
    if (json.value("olderCell"_L1).toBool()) {
        // Cells before the audit log and destination services had the vendor's four components.
        const QStringList newer{u"auditlog-agent"_s, u"destination-configuration"_s, u"destination-db-management"_s};
        s.deployments.removeIf([&](const DeploymentSpec &d) { return newer.contains(d.name); });
    }
    const QJsonObject deployments = json.value("deployments"_L1).toObject();
    for (auto it = deployments.begin(); it != deployments.end(); ++it) {
        const QString name = it.key();
        auto existing = std::find_if(s.deployments.begin(), s.deployments.end(), [&](const DeploymentSpec &d) { return d.name == name; });
        if (it.value().isNull()) {
            if (existing != s.deployments.end())
                s.deployments.erase(existing);
            continue;
        }
        if (!it.value().isObject())
            return fail(error, u"deployments.%1 must be an object or null"_s.arg(name));
        DeploymentSpec d;
        if (existing != s.deployments.end()) {
            d = *existing;
        } else {
            d.name = name;
            d.namespaceName = s.cellNamespace;
            d.image = u"registry.example/%1:1.0"_s.arg(name);
        }
        if (!readDeployment(d, it.value().toObject(), error))
            return false;
        if (existing != s.deployments.end())
            *existing = d;
        else
            s.deployments.append(d);
    }
    // Many extra deployments, for the dashboard's scale benchmark.
    const int extra = json.value("extraDeployments"_L1).toInt(0);
    for (int i = 0; i < extra; ++i)
        s.deployments.append({u"extra-%1"_s.arg(i, 4, 10, QChar(u'0')), s.cellNamespace, 1, u"registry.example/extra:1.0"_s, {}, false, -1, false});
    return true;
}

bool applyServices(Scenario &s, const QJsonObject &json, QString *error)
{
    // Built-in (non-production) PostgreSQL / Redis that a development cell runs inside the cluster.
    for (const QString &kind : toStringList(json.value("builtinServices"_L1))) {
        if (kind != "postgres"_L1 && kind != "redis"_L1)
            return fail(error, u"builtinServices: unknown service \"%1\" (postgres or redis)"_s.arg(kind));
        s.statefulSets.append({kind, s.servicesNamespace, 1, u"registry.example/%1:latest"_s.arg(kind)});
    }
    if (json.contains("messageService"_L1)) {
        const int replicas = json.value("messageService"_L1).toObject().value("replicas"_L1).toInt(1);
        if (replicas != 1 && replicas != 3)
            return fail(error, u"messageService.replicas must be 1 (no high availability) or 3 (high availability)"_s);
        for (auto &st : s.statefulSets) {
            if (st.name == "ssb-solace"_L1)
                st.replicas = replicas;
        }
    }
    static const QRegularExpression dns1123(u"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$"_s);
    for (const QString &ns : toStringList(json.value("namespaces"_L1))) {
        if (!dns1123.match(ns).hasMatch())
            return fail(error, u"namespaces: \"%1\" is not a DNS-1123 label"_s.arg(ns));
        s.namespaces.append(ns);
    }
    return true;
}

bool applyUsers(Scenario &s, const QJsonObject &json, QString *error)
{
    if (!json.contains("users"_L1))
        return true;
    s.users.clear();
    for (const auto &uv : json.value("users"_L1).toArray()) {
        const QJsonObject uo = uv.toObject();
        SimUser u{uo.value("name"_L1).toString(), uo.value("token"_L1).toString(), {}};
        if (u.name.isEmpty())
            return fail(error, u"users: every user needs a name"_s);
        if (!uo.contains("rules"_L1))
            u.rules.append(adminRule());
        for (const auto &rv : uo.value("rules"_L1).toArray()) {
            const QJsonObject ro = rv.toObject();
            RbacRule r{toStringList(ro.value("apiGroups"_L1)), toStringList(ro.value("resources"_L1)),
                       toStringList(ro.value("verbs"_L1)), toStringList(ro.value("namespaces"_L1))};
            if (r.namespaces.isEmpty())
                r.namespaces = {u"*"_s};
            u.rules.append(r);
        }
        s.users.append(u);
    }
    if (s.users.isEmpty())
        return fail(error, u"users: at least one user is needed"_s);
    return true;
}

bool applyTiming(Scenario &s, const QJsonObject &json, QString *error)
{
    const QJsonObject timing = json.value("timing"_L1).toObject();
    return readInt(timing, "podStartMs", &s.timing.podStartMs, error, u"timing"_s)
        && readInt(timing, "podTerminateMs", &s.timing.podTerminateMs, error, u"timing"_s)
        && readInt(timing, "controllerDelayMs", &s.timing.controllerDelayMs, error, u"timing"_s)
        && readInt(timing, "hpaSyncMs", &s.timing.hpaSyncMs, error, u"timing"_s)
        && readInt(timing, "progressDeadlineSeconds", &s.timing.progressDeadlineSeconds, error, u"timing"_s)
        && readInt(timing, "bookmarkIntervalMs", &s.timing.bookmarkIntervalMs, error, u"timing"_s)
        && readInt(json, "watchHistory", &s.watchHistory, error, u"scenario"_s);
}

} // namespace

std::optional<Scenario> Scenario::fromJson(const QJsonObject &json, QString *error)
{
    Scenario s = defaultCell();
    if (!applyDeployments(s, json, error) || !applyServices(s, json, error) || !applyUsers(s, json, error))
        return std::nullopt;
    if (json.contains("faults"_L1)) {
        auto faults = FaultSpec::fromJson(json.value("faults"_L1).toObject(), error);
        if (!faults)
            return std::nullopt;
        s.faults = *faults;
    }
    if (!applyTiming(s, json, error))
        return std::nullopt;
    return s;
}

std::optional<Scenario> Scenario::fromFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read scenario %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = u"scenario %1 is not a JSON object: %2 at offset %3"_s.arg(path, parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    QString err;
    auto s = fromJson(doc.object(), &err);
    if (!s && error)
        *error = u"scenario %1: %2"_s.arg(path, err);
    return s;
}

} // namespace eic::sim
