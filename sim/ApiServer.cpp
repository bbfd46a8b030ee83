#include "ApiServer.h"

#include "ApiDiscovery.h"
#include "Authorizer.h"
#include "ProtobufBody.h"
#include "SimCell.h"
#include "WatchStream.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonDocument>
#include <QMetaEnum>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return u"GET"_s;
    case QHttpServerRequest::Method::Put: return u"PUT"_s;
    case QHttpServerRequest::Method::Post: return u"POST"_s;
    case QHttpServerRequest::Method::Patch: return u"PATCH"_s;
    case QHttpServerRequest::Method::Delete: return u"DELETE"_s;
    case QHttpServerRequest::Method::Head: return u"HEAD"_s;
    case QHttpServerRequest::Method::Options: return u"OPTIONS"_s;
    default: return u"UNKNOWN"_s;
    }
}

QString generateToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toHex());
}

} // namespace

ApiServer::ApiServer(SimCell &cell, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_cell(cell)
    , m_users(cell.scenario().users)
    , m_faults(cell.scenario().faults)
    , m_resources(cell, m_faults)
{
    for (SimUser &user : m_users) {
        if (user.token.isEmpty())
            user.token = generateToken();
    }
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    auto responder = makeResponder(request, socket);
    reply(responder, failure(404, u"NotFound"_s, u"the server could not find the requested resource"_s));
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ++m_requests;
    // Go's net/http (the real API server) sets TCP_NODELAY; without it Nagle's algorithm would
    // hold small watch events back by tens of milliseconds.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    ApiRequest api;
    api.method = methodName(request.method());
    api.path = request.url().path();
    api.query = request.query();
    for (const auto &[name, value] : request.headers())
        api.headers.insert(name.toLower(), value);
    api.body = request.body();
    auto responder = std::make_shared<QHttpServerResponder>(makeResponder(request, socket));
    QPointer<QTcpSocket> guard(socket);

    const FaultInjector::Decision fault = m_faults.decide(api.path);
    auto act = [this, api, responder, guard, fault] {
        if (!guard)
            return;
        if (fault.reset) {
            guard->abort();
            return;
        }
        if (fault.errorCode != 0) {
            const bool unavailable = fault.errorCode == 503;
            reply(*responder, failure(fault.errorCode, unavailable ? u"ServiceUnavailable"_s : u"InternalError"_s,
                                      unavailable ? u"the server is currently unable to handle the request"_s
                                                  : u"an error on the server (\"injected by eic-sim\") has prevented the request from succeeding"_s));
            return;
        }
        serve(api, responder, guard);
    };
    if (fault.latencyMs > 0)
        QTimer::singleShot(fault.latencyMs, this, act);
    else
        act();
    return true;
}

void ApiServer::setFaults(const FaultSpec &spec)
{
    m_faults.setSpec(spec);
    m_streams.removeAll(nullptr);
    for (const auto &stream : std::as_const(m_streams))
        stream->setCutAfter(spec.watchCutSeconds);
}

const SimUser *ApiServer::authenticate(const ApiRequest &request) const
{
    const QByteArray header = request.header("authorization");
    if (!header.startsWith("Bearer "))
        return nullptr;
    const QString token = QString::fromLatin1(header.mid(7).trimmed());
    for (const SimUser &user : m_users) {
        if (user.token == token)
            return &user;
    }
    return nullptr;
}

void ApiServer::reply(QHttpServerResponder &responder, const ApiResponse &response)
{
    responder.write(QJsonDocument(response.body).toJson(QJsonDocument::Compact),
                    {{"Content-Type", "application/json"}, {"Cache-Control", "no-cache, private"}},
                    static_cast<QHttpServerResponder::StatusCode>(response.code));
}

void ApiServer::serve(const ApiRequest &request, const std::shared_ptr<QHttpServerResponder> &responder, const QPointer<QTcpSocket> &socket)
{
    // /version and health are public, as with a default cluster's system:public-info-viewer.
    if (request.path == "/version"_L1 || request.path == "/healthz"_L1 || request.path == "/livez"_L1 || request.path == "/readyz"_L1) {
        if (request.path == "/version"_L1)
            reply(*responder, {200, ApiDiscovery::version()});
        else
            responder->write(QByteArray("ok"), "text/plain", QHttpServerResponder::StatusCode::Ok);
        return;
    }
    const SimUser *user = authenticate(request);
    if (!user) {
        reply(*responder, unauthorized());
        return;
    }
    if (request.path.startsWith("/sim/v1/"_L1)) {
        reply(*responder, control(request));
        return;
    }
    if (auto doc = discovery(request)) {
        reply(*responder, *doc);
        return;
    }
    ResourcePath path;
    if (!ResourcePath::parse(request.path, &path)) {
        reply(*responder, failure(404, u"NotFound"_s, u"the server could not find the requested resource"_s));
        return;
    }
    const auto type = ApiDiscovery::find(path.group, path.version, path.resource);
    if (!type || (!type->namespaced && !path.ns.isEmpty())) {
        reply(*responder, failure(404, u"NotFound"_s, u"the server could not find the requested resource"_s));
        return;
    }
    // The sim speaks JSON only. Like an API server's custom resources, it answers protobuf
    // bodies with 415, and client-go then repeats the request in JSON.
    if (request.header("content-type").startsWith("application/vnd.kubernetes.protobuf")) {
        if (path.resource == "selfsubjectaccessreviews"_L1) {
            if (const auto review = ProtobufBody::decodeSelfSubjectAccessReview(request.body)) {
                ApiRequest json = request;
                json.body = QJsonDocument(*review).toJson(QJsonDocument::Compact);
                json.headers.insert("content-type", "application/json");
                reply(*responder, m_resources.handle(json, path, *type, *user));
                return;
            }
        }
        reply(*responder, failure(415, u"UnsupportedMediaType"_s,
                                  u"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"_s));
        return;
    }
    const QString verb = ResourceApi::verbOf(request, path);
    // kube-apiserver's RequestInfo puts GET /api/v1/namespaces/X in namespace X: a Role there
    // that names "namespaces" may grant it; a list of namespaces needs a cluster-wide grant.
    const QString authNs = type->resource == "namespaces"_L1 ? path.name : path.ns;
    if (type->resource != "selfsubjectaccessreviews"_L1
        && !Authorizer::allowed(*user, {verb, type->group, type->resource, path.subresource, authNs})) {
        reply(*responder, forbidden(user->name, verb, type->resource, path.subresource, type->group, authNs, path.name));
        return;
    }
    if (verb == "watch"_L1) {
        startWatch(request, path, *type, responder, socket);
        return;
    }
    reply(*responder, m_resources.handle(request, path, *type, *user));
}

std::optional<ApiResponse> ApiServer::discovery(const ApiRequest &request) const
{
    if (request.method != "GET"_L1)
        return std::nullopt;
    const QString p = request.path.endsWith(u'/') ? request.path.chopped(1) : request.path;
    if (p == "/api"_L1)
        return ApiResponse{200, ApiDiscovery::coreVersions(m_serverAddress)};
    if (p == "/apis"_L1)
        return ApiResponse{200, ApiDiscovery::groupList()};
    const QStringList segs = p.split(u'/', Qt::SkipEmptyParts);
    std::optional<QJsonObject> list;
    if (segs.size() == 2 && segs[0] == "api"_L1)
        list = ApiDiscovery::resourceList({}, segs[1]);
    else if (segs.size() == 3 && segs[0] == "apis"_L1)
        list = ApiDiscovery::resourceList(segs[1], segs[2]);
    else if (segs.size() == 2 && segs[0] == "apis"_L1)
        return failure(404, u"NotFound"_s, u"the server could not find the requested resource"_s);
    else
        return std::nullopt;
    if (!list)
        return failure(404, u"NotFound"_s, u"the server could not find the requested resource"_s);
    return ApiResponse{200, *list};
}

ApiResponse ApiServer::control(const ApiRequest &request)
{
    if (request.path == "/sim/v1/state"_L1 && request.method == "GET"_L1)
        return {200, QJsonObject{{"resourceVersion"_L1, QString::number(m_cell.store().currentVersion())},
                                 {"deployments"_L1, m_cell.stateSnapshot()}}};
    if (request.path == "/sim/v1/faults"_L1) {
        if (request.method == "GET"_L1)
            return {200, m_faults.spec().toJson()};
        if (request.method == "PUT"_L1) {
            QString error;
            auto spec = FaultSpec::fromJson(QJsonDocument::fromJson(request.body).object(), &error);
            if (!spec)
                return badRequest(error);
            setFaults(*spec);
            return {200, spec->toJson()};
        }
        return methodNotAllowed();
    }
    return failure(404, u"NotFound"_s, u"the server could not find the requested resource"_s);
}

void ApiServer::startWatch(const ApiRequest &request, const ResourcePath &path, const ResourceType &type,
                           const std::shared_ptr<QHttpServerResponder> &responder, QTcpSocket *socket)
{
    QString error;
    const auto labels = LabelSelector::parse(request.param("labelSelector"), &error);
    const auto fields = labels ? FieldSelector::parse(request.param("fieldSelector"), &error) : std::nullopt;
    if (!labels || !fields) {
        reply(*responder, badRequest(error));
        return;
    }
    WatchStream::Params params;
    params.type = type;
    params.ns = path.ns;
    params.labels = *labels;
    params.fields = *fields;
    params.representation = ResourceApi::representationOf(request);
    params.include = TableConverter::parseInclude(request.param("includeObject"));
    params.resourceVersion = request.param("resourceVersion");
    params.bookmarks = request.flag("allowWatchBookmarks");
    params.sendInitialEvents = request.flag("sendInitialEvents");
    params.timeoutSeconds = request.param("timeoutSeconds").toInt();
    params.bookmarkIntervalMs = m_cell.scenario().timing.bookmarkIntervalMs;
    params.cutAfterSeconds = m_faults.watchCutSeconds();
    if (params.sendInitialEvents && request.param("resourceVersionMatch") != "NotOlderThan"_L1) {
        reply(*responder, invalid(u"ListOptions"_s, u"meta.k8s.io"_s, {}, u"resourceVersionMatch"_s, u"\"%1\""_s.arg(request.param("resourceVersionMatch")),
                                  u"sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"_s));
        return;
    }
    if (params.timeoutSeconds <= 0)
        params.timeoutSeconds = 1800; // the server's default --min-request-timeout
    auto *stream = new WatchStream(m_cell.store(), responder, socket, params, this);
    m_streams.removeAll(nullptr);
    m_streams.append(stream);
    stream->start();
}

} // namespace eic::sim
