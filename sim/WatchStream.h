#pragma once

#include "ApiDiscovery.h"
#include "Selectors.h"
#include "SimStore.h"
#include "TableConverter.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

#include <functional>
#include <memory>

class QHttpServerResponder;

namespace eic::sim {

enum class Representation { Object, Table, PartialMetadata };

// One watch request, answered as kube-apiserver does: HTTP 200 with a chunked stream of
// {"type":..,"object":..} lines, bookmarks, the initial-events bookmark of a watch-list,
// a 410 Expired ERROR event for a resourceVersion older than the history, and an orderly end
// after timeoutSeconds.
class WatchStream : public QObject {
    Q_OBJECT
public:
    struct Params {
        ResourceType type;
        QString ns;
        LabelSelector labels;
        FieldSelector fields;
        Representation representation = Representation::Object;
        TableConverter::IncludeObject include = TableConverter::IncludeObject::Metadata;
        QString resourceVersion;  // "" or "0": start with the current objects
        bool sendInitialEvents = false;
        bool bookmarks = false;
        int timeoutSeconds = 0;
        int bookmarkIntervalMs = 10000;
        int cutAfterSeconds = 0; // fault: the connection is dropped after this long
    };

    WatchStream(SimStore &store, std::shared_ptr<QHttpServerResponder> responder, QTcpSocket *socket, Params params,
                QObject *parent = nullptr);
    ~WatchStream() override;

    void start();
    // Fault: drop this stream's connection after `seconds` from now (0: never).
    void setCutAfter(int seconds);

private:
    void onStoreChanged(const eic::sim::StoreEvent &event);
    bool matches(const QJsonObject &object) const;
    void sendEvent(const QString &type, const QJsonObject &object);
    void sendBookmark(bool initialEventsEnd);
    void writeChunk(const QByteArray &data);
    void finish();
    void cut();

    SimStore &m_store;
    std::shared_ptr<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    Params m_params;
    QTimer m_timeout;
    QTimer m_bookmarkTimer;
    QTimer m_cutTimer;
    bool m_columnsSent = false;
    bool m_done = false;
    qint64 m_lastVersion = 0;
};

} // namespace eic::sim
