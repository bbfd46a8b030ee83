#include "WatchStream.h"

#include "ApiStatus.h"

#include <QHttpServerResponder>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace eic::sim {

WatchStream::WatchStream(SimStore &store, std::shared_ptr<QHttpServerResponder> responder, QTcpSocket *socket,
                         Params params, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_responder(std::move(responder))
    , m_socket(socket)
    , m_params(std::move(params))
{
    // A client that goes away ends the watch; the socket is deleted by the server after that.
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        m_done = true;
        deleteLater();
    });
    connect(socket, &QObject::destroyed, this, [this] {
        m_done = true;
        deleteLater();
    });
}

WatchStream::~WatchStream() = default;

void WatchStream::start()
{
    m_responder->writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    m_responder->writeHeader("Content-Type", "application/json");
    m_responder->writeHeader("Cache-Control", "no-cache, private");
    m_responder->writeHeader("Transfer-Encoding", "chunked");
    // The first body write ends the header block: an empty one sends the headers at once, so
    // that the client's request returns even when no event is due yet.
    m_responder->writeBody(QByteArray());

    const QString rv = m_params.resourceVersion;
    const bool fromNow = rv.isEmpty() || rv == "0"_L1;
    m_lastVersion = m_store.currentVersion();
    if (m_params.sendInitialEvents || fromNow) {
        for (const QJsonObject &o : m_store.list(m_params.type.resource, m_params.ns)) {
            if (matches(o))
                sendEvent(u"ADDED"_s, o);
        }
        if (m_params.sendInitialEvents)
            sendBookmark(true);
    } else {
        bool ok = false;
        const qint64 since = rv.toLongLong(&ok);
        const auto events = ok ? m_store.eventsSince(m_params.type.resource, since) : std::nullopt;
        if (!events) {
            // The real server answers 200 and then one ERROR event carrying 410 Expired.
            const QJsonObject status = statusObject(410, u"Expired"_s,
                u"too old resource version: %1 (%2)"_s.arg(rv).arg(m_store.oldestResumableVersion()));
            writeChunk(QJsonDocument(QJsonObject{{"type"_L1, "ERROR"_L1}, {"object"_L1, status}}).toJson(QJsonDocument::Compact) + '\n');
            finish();
            return;
        }
        for (const StoreEvent &e : *events) {
            if (matches(e.object))
                sendEvent(eventTypeName(e.type), e.object);
        }
    }
    connect(&m_store, &SimStore::changed, this, &WatchStream::onStoreChanged);

    if (m_params.timeoutSeconds > 0) {
        m_timeout.setSingleShot(true);
        connect(&m_timeout, &QTimer::timeout, this, &WatchStream::finish);
        m_timeout.start(m_params.timeoutSeconds * 1000);
    }
    if (m_params.bookmarks && m_params.representation == Representation::Object) {
        connect(&m_bookmarkTimer, &QTimer::timeout, this, [this] { sendBookmark(false); });
        m_bookmarkTimer.start(qMax(100, m_params.bookmarkIntervalMs));
    }
    m_cutTimer.setSingleShot(true);
    connect(&m_cutTimer, &QTimer::timeout, this, &WatchStream::cut);
    setCutAfter(m_params.cutAfterSeconds);
}

void WatchStream::setCutAfter(int seconds)
{
    m_params.cutAfterSeconds = seconds;
    if (seconds > 0)
        m_cutTimer.start(seconds * 1000);
    else
        m_cutTimer.stop();
}

bool WatchStream::matches(const QJsonObject &object) const
{
    const QJsonObject meta = object.value("metadata"_L1).toObject();
    if (!m_params.ns.isEmpty() && meta.value("namespace"_L1).toString() != m_params.ns)
        return false;
    return m_params.labels.matches(meta.value("labels"_L1).toObject()) && m_params.fields.matches(object);
}

void WatchStream::onStoreChanged(const StoreEvent &event)
{
    if (m_done || event.resource != m_params.type.resource)
        return;
    m_lastVersion = event.resourceVersion;
    if (matches(event.object))
        sendEvent(eventTypeName(event.type), event.object);
}

void WatchStream::sendEvent(const QString &type, const QJsonObject &object)
{
    QJsonObject out;
    switch (m_params.representation) {
    case Representation::Object:
        out = object;
        out["kind"_L1] = m_params.type.kind;
        out["apiVersion"_L1] = m_params.type.apiVersion();
        break;
    case Representation::PartialMetadata:
        out = TableConverter::partialMetadata(object);
        break;
    case Representation::Table:
        // Column definitions travel with the first event only, as the real server does.
        out = TableConverter::table(m_params.type.resource, {object}, m_params.include,
                                    object.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString(), {},
                                    !m_columnsSent);
        m_columnsSent = true;
        break;
    }
    writeChunk(QJsonDocument(QJsonObject{{"type"_L1, type}, {"object"_L1, out}}).toJson(QJsonDocument::Compact) + '\n');
}

void WatchStream::sendBookmark(bool initialEventsEnd)
{
    QJsonObject meta{{"resourceVersion"_L1, QString::number(qMax(m_lastVersion, m_store.currentVersion()))},
                     {"creationTimestamp"_L1, QJsonValue::Null}};
    if (initialEventsEnd)
        meta["annotations"_L1] = QJsonObject{{"k8s.io/initial-events-end"_L1, "true"_L1}};
    const QJsonObject object{{"kind"_L1, m_params.type.kind}, {"apiVersion"_L1, m_params.type.apiVersion()}, {"metadata"_L1, meta}};
    writeChunk(QJsonDocument(QJsonObject{{"type"_L1, "BOOKMARK"_L1}, {"object"_L1, object}}).toJson(QJsonDocument::Compact) + '\n');
}

void WatchStream::writeChunk(const QByteArray &data)
{
    if (m_done || !m_socket)
        return;
    m_responder->writeBody(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
}

void WatchStream::finish()
{
    if (m_done)
        return;
    if (m_socket)
        m_responder->writeBody(QByteArray("0\r\n\r\n"));
    m_done = true;
    deleteLater();
}

void WatchStream::cut()
{
    if (m_done)
        return;
    m_done = true;
    if (m_socket)
        m_socket->abort();
    deleteLater();
}

} // namespace eic::sim
