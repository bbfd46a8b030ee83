#pragma once

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>

#include <deque>
#include <optional>

namespace eic::sim {

enum class EventType { Added, Modified, Deleted };

QString eventTypeName(EventType type);

// One change of one object, as a watch delivers it.
struct StoreEvent {
    EventType type = EventType::Added;
    QString resource; // "deployments", "pods", ...
    QJsonObject object;
    qint64 resourceVersion = 0;
};

// The sim's etcd: every object of every resource, one resourceVersion counter for all of
// them (as the real server has), and a bounded history of events so that a watch can resume
// from a recent resourceVersion and a too-old one can be told apart (410 Expired).
class SimStore : public QObject {
    Q_OBJECT
public:
    explicit SimStore(int historyLimit = 2000, QObject *parent = nullptr);

    qint64 currentVersion() const { return m_version; }
    // The oldest resourceVersion a watch may resume from.
    qint64 oldestResumableVersion() const;

    QList<QJsonObject> list(const QString &resource, const QString &ns = {}) const;
    std::optional<QJsonObject> get(const QString &resource, const QString &ns, const QString &name) const;

    // Sets uid, creationTimestamp, generation and resourceVersion; returns the stored object.
    QJsonObject create(const QString &resource, QJsonObject object);
    // Replaces the object and bumps its resourceVersion; returns the stored object.
    QJsonObject update(const QString &resource, QJsonObject object);
    bool remove(const QString &resource, const QString &ns, const QString &name);

    // Events of one resource after `version`; nullopt when the history no longer reaches back.
    std::optional<QList<StoreEvent>> eventsSince(const QString &resource, qint64 version) const;

    void setHistoryLimit(int limit) { m_historyLimit = limit; trimHistory(); }

Q_SIGNALS:
    void changed(const eic::sim::StoreEvent &event);

private:
    static QString keyOf(const QString &ns, const QString &name) { return ns + u'/' + name; }
    void record(EventType type, const QString &resource, const QJsonObject &object);
    void trimHistory();

    QHash<QString, QMap<QString, QJsonObject>> m_objects; // resource -> "ns/name" -> object
    std::deque<StoreEvent> m_history;
    int m_historyLimit;
    qint64 m_version = 100;
    qint64 m_trimmedUpTo = 100;
};

} // namespace eic::sim
