#include "Reflector.h"

#include "KubeClient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QUrl>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::kube {

Reflector::Reflector(KubeClient *client, Options options, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        if (m_relistNeeded || !m_synced)
            list({}, {});
        else
            watch();
    });
    // A watch that says nothing (not even a bookmark) for longer than its own timeout is dead.
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        spdlog::warn("watch of {} went silent; reconnecting", m_options.collectionPath.toStdString());
        if (m_stream)
            m_stream->abort();
    });
}

QString Reflector::keyOf(const QJsonObject &object)
{
    const QJsonObject meta = object.value("metadata"_L1).toObject();
    return meta.value("namespace"_L1).toString() + u'/' + meta.value("name"_L1).toString();
}

void Reflector::setState(State state)
{
    if (m_state == state && state != State::Reconnecting)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void Reflector::start()
{
    if (m_running)
        return;
    m_running = true;
    ++m_generation;
    setState(State::Connecting);
    list({}, {});
}

void Reflector::stop()
{
    m_running = false;
    ++m_generation;
    m_retryTimer.stop();
    m_idleTimer.stop();
    if (m_stream) {
        QNetworkReply *stream = m_stream;
        m_stream = nullptr;
        stream->disconnect(this);
        stream->abort();
        stream->deleteLater();
    }
}

void Reflector::rewatch()
{
    if (!m_running || !m_stream)
        return;
    QNetworkReply *stream = std::exchange(m_stream, nullptr);
    stream->disconnect(this);
    stream->abort();
    stream->deleteLater();
    m_idleTimer.stop();
    watch();
}

void Reflector::list(const QString &continueToken, QHash<QString, QJsonObject> pending)
{
    QString path = m_options.collectionPath + u"?limit="_s + QString::number(m_options.pageSize);
    if (!m_options.labelSelector.isEmpty())
        path += u"&labelSelector="_s + QString::fromLatin1(QUrl::toPercentEncoding(m_options.labelSelector));
    if (!continueToken.isEmpty())
        path += u"&continue="_s + QString::fromLatin1(QUrl::toPercentEncoding(continueToken));
    if (continueToken.isEmpty())
        ++m_lists;
    const quint64 generation = m_generation;
    m_client->getJson(path, this, [this, generation, pending](const Result<QJsonObject> &result) mutable {
        if (generation != m_generation)
            return;
        if (result || result.error().code >= 400)
            Q_EMIT heardFrom();
        if (!result) {
            scheduleRetry(result.error(), true);
            return;
        }
        for (const auto &item : result->value("items"_L1).toArray())
            pending.insert(keyOf(item.toObject()), item.toObject());
        const QJsonObject meta = result->value("metadata"_L1).toObject();
        const QString next = meta.value("continue"_L1).toString();
        if (!next.isEmpty()) {
            list(next, pending);
            return;
        }
        m_resourceVersion = meta.value("resourceVersion"_L1).toString();
        m_relistNeeded = false;
        replaceAll(pending);
        if (!m_synced) {
            m_synced = true;
            Q_EMIT synced();
        }
        watch();
    });
}

void Reflector::replaceAll(const QHash<QString, QJsonObject> &fresh)
{
    // What a re-list finds is reported as the changes it amounts to, as an informer's Replace does.
    const QHash<QString, QJsonObject> old = std::exchange(m_items, fresh);
    for (auto it = old.begin(); it != old.end(); ++it) {
        if (!fresh.contains(it.key()))
            Q_EMIT changed(WatchEvent::Deleted, it.value());
    }
    for (auto it = fresh.begin(); it != fresh.end(); ++it) {
        const auto before = old.find(it.key());
        if (before == old.end())
            Q_EMIT changed(WatchEvent::Added, it.value());
        else if (before.value() != it.value())
            Q_EMIT changed(WatchEvent::Modified, it.value());
    }
}

void Reflector::watch()
{
    const int timeout = m_options.watchTimeoutSeconds > 0 ? m_options.watchTimeoutSeconds
                                                          : 300 + static_cast<int>(QRandomGenerator::global()->bounded(300));
    QString path = m_options.collectionPath + u"?watch=1&allowWatchBookmarks=true&resourceVersion="_s + m_resourceVersion
        + u"&timeoutSeconds="_s + QString::number(timeout);
    if (!m_options.labelSelector.isEmpty())
        path += u"&labelSelector="_s + QString::fromLatin1(QUrl::toPercentEncoding(m_options.labelSelector));
    ++m_watches;
    const quint64 generation = m_generation;
    m_client->openStream(path, this, [this, generation, timeout](const Result<QNetworkReply *> &result) {
        if (generation != m_generation) {
            if (result) {
                (*result)->abort();
                (*result)->deleteLater();
            }
            return;
        }
        if (!result) {
            if (result.error().code >= 400)
                Q_EMIT heardFrom();
            // 410 on the watch request itself: our version is gone; list again.
            scheduleRetry(result.error(), result.error().code == 410);
            return;
        }
        Q_EMIT heardFrom();
        m_stream = *result;
        m_splitter.reset();
        connect(m_stream, &QNetworkReply::readyRead, this, &Reflector::onStreamData);
        connect(m_stream, &QNetworkReply::finished, this, &Reflector::onStreamFinished);
        m_failures = 0;
        m_idleTimer.start((timeout + 30) * 1000);
        setState(State::Live);
        onStreamData(); // bytes that came with the headers
        if (m_stream && m_stream->isFinished())
            onStreamFinished();
    });
}

void Reflector::onStreamData()
{
    if (!m_stream)
        return;
    QNetworkReply *stream = m_stream;
    m_idleTimer.start();
    const QByteArray bytes = stream->readAll();
    if (!bytes.isEmpty())
        Q_EMIT heardFrom();
    for (const QByteArray &doc : m_splitter.feed(bytes)) {
        handleEvent(QJsonDocument::fromJson(doc).object());
        if (m_stream != stream)
            return; // the event ended this stream (410)
    }
}

void Reflector::handleEvent(const QJsonObject &event)
{
    const QString type = event.value("type"_L1).toString();
    const QJsonObject object = event.value("object"_L1).toObject();
    const QString version = object.value("metadata"_L1).toObject().value("resourceVersion"_L1).toString();
    if (type == "ERROR"_L1) {
        const int code = object.value("code"_L1).toInt();
        const Error error{code == 410 ? u"The watch's resourceVersion expired; listing again."_s
                                      : u"The cluster ended the watch: %1."_s.arg(object.value("message"_L1).toString()),
                          object.value("message"_L1).toString(), code};
        QNetworkReply *stream = m_stream;
        m_stream = nullptr;
        stream->disconnect(this);
        stream->abort();
        stream->deleteLater();
        m_idleTimer.stop();
        if (code == 410) {
            // Expired is routine (compaction): list again at once, no back-off.
            spdlog::info("watch of {}: {}", m_options.collectionPath.toStdString(), object.value("message"_L1).toString().toStdString());
            m_relistNeeded = true;
            list({}, {});
        } else {
            scheduleRetry(error, false);
        }
        return;
    }
    if (!version.isEmpty())
        m_resourceVersion = version;
    if (type == "BOOKMARK"_L1)
        return;
    const QString key = keyOf(object);
    if (type == "ADDED"_L1 || type == "MODIFIED"_L1) {
        const bool known = m_items.contains(key);
        m_items.insert(key, object);
        Q_EMIT changed(known ? WatchEvent::Modified : WatchEvent::Added, object);
    } else if (type == "DELETED"_L1) {
        m_items.remove(key);
        Q_EMIT changed(WatchEvent::Deleted, object);
    }
}

void Reflector::onStreamFinished()
{
    if (!m_stream)
        return;
    QNetworkReply *stream = m_stream;
    m_stream = nullptr;
    m_idleTimer.stop();
    for (const QByteArray &doc : m_splitter.feed(stream->readAll()))
        handleEvent(QJsonDocument::fromJson(doc).object());
    const bool clean = stream->error() == QNetworkReply::NoError;
    const QString reason = stream->errorString();
    stream->deleteLater();
    if (!m_running)
        return;
    if (clean) {
        // The server's timeoutSeconds ended it: resume at once from the last version seen.
        watch();
        return;
    }
    scheduleRetry(Error{QCoreApplication::translate("Reflector", "The watch connection to the cluster dropped; reconnecting."), reason, 0}, false);
}

void Reflector::scheduleRetry(const Error &error, bool relist)
{
    if (!m_running)
        return;
    m_lastError = error;
    m_relistNeeded = m_relistNeeded || relist;
    ++m_failures;
    // Exponential back-off with full jitter between half and the whole step.
    const int step = qMin(m_options.maxBackoffMs, m_options.minBackoffMs << qMin(m_failures - 1, 16));
    const int delay = step / 2 + static_cast<int>(QRandomGenerator::global()->bounded(step / 2 + 1));
    m_nextAttempt = QDateTime::currentDateTimeUtc().addMSecs(delay);
    spdlog::warn("{} — {} (retry in {} ms)", m_options.collectionPath.toStdString(), error.message.toStdString(), delay);
    // Authentication and authorization failures will not heal by themselves: say so.
    setState(error.code == 401 || error.code == 403 ? State::Failed : State::Reconnecting);
    m_retryTimer.start(delay);
}

} // namespace eic::kube
