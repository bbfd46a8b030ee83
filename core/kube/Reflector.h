#pragma once

#include "Error.h"
#include "JsonStreamSplitter.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QNetworkReply;

namespace eic::kube {

class KubeClient;

enum class WatchEvent { Added, Modified, Deleted };

// Keeps a local copy of one collection (e.g. the deployments of a namespace) current, the way
// client-go's reflector does: list (paged), then watch from the list's resourceVersion with
// bookmarks; after a server timeout or a dropped stream it resumes from the last version it
// saw; on 410 Expired it lists again and reports the differences; between attempts it backs
// off with jitter. Nothing polls: every change arrives on the watch.
class Reflector : public QObject {
    Q_OBJECT
public:
    enum class State { Connecting, Live, Reconnecting, Failed };
    Q_ENUM(State)

    struct Options {
        QString collectionPath;   // "/apis/apps/v1/namespaces/edge-icell/deployments"
        QString labelSelector;
        int pageSize = 500;
        int minBackoffMs = 250;
        int maxBackoffMs = 30000;
        int watchTimeoutSeconds = 0; // 0: 5..10 minutes, randomised like client-go
    };

    Reflector(KubeClient *client, Options options, QObject *parent = nullptr);

    void start();
    void stop();
    // Drops the open watch and watches again from the last version seen: after a silence, an
    // open connection proves nothing (a half-open TCP connection never says it died).
    void rewatch();

    State state() const { return m_state; }
    const Error &lastError() const { return m_lastError; }
    // When the next attempt starts (state Reconnecting/Failed).
    QDateTime nextAttempt() const { return m_nextAttempt; }
    bool hasSynced() const { return m_synced; }
    QString resourceVersion() const { return m_resourceVersion; }
    const QHash<QString, QJsonObject> &items() const { return m_items; }

    // Figures for tests and the log.
    int listCount() const { return m_lists; }
    int watchCount() const { return m_watches; }

Q_SIGNALS:
    void stateChanged(eic::kube::Reflector::State state);
    // A change of one object (also for the differences a re-list finds).
    void changed(eic::kube::WatchEvent event, const QJsonObject &object);
    // The first list is in (items() is complete from now on).
    void synced();
    // The cluster answered something (a list page, the watch's headers, an event, a bookmark):
    // proof of contact for whoever measures how stale the copy is.
    void heardFrom();

private:
    void list(const QString &continueToken, QHash<QString, QJsonObject> pending);
    void watch();
    void onStreamData();
    void onStreamFinished();
    void handleEvent(const QJsonObject &event);
    void replaceAll(const QHash<QString, QJsonObject> &fresh);
    void scheduleRetry(const Error &error, bool relist);
    void setState(State state);
    static QString keyOf(const QJsonObject &object);

    KubeClient *m_client;
    Options m_options;
    State m_state = State::Connecting;
    Error m_lastError;
    QDateTime m_nextAttempt;
    QHash<QString, QJsonObject> m_items;
    QString m_resourceVersion;
    QPointer<QNetworkReply> m_stream;
    JsonStreamSplitter m_splitter;
    QTimer m_retryTimer;
    QTimer m_idleTimer;
    int m_failures = 0;
    bool m_synced = false;
    bool m_running = false;
    bool m_relistNeeded = false;
    int m_lists = 0;
    int m_watches = 0;
    quint64 m_generation = 0; // drops answers of a stopped or restarted run
};

} // namespace eic::kube
