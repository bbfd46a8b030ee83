#include "SimStore.h"

#include "SimTime.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace eic::sim {

QString eventTypeName(EventType type)
{
    switch (type) {
    case EventType::Added: return u"ADDED"_s;
    case EventType::Modified: return u"MODIFIED"_s;
    case EventType::Deleted: return u"DELETED"_s;
    }
    return {};
}

SimStore::SimStore(int historyLimit, QObject *parent)
    : QObject(parent)
    , m_historyLimit(historyLimit)
{
}

qint64 SimStore::oldestResumableVersion() const
{
    return m_trimmedUpTo;
}

QList<QJsonObject> SimStore::list(const QString &resource, const QString &ns) const
{
    QList<QJsonObject> out;
    const auto objects = m_objects.value(resource);
    for (const auto &object : objects) {
        if (ns.isEmpty() || object.value("metadata"_L1).toObject().value("namespace"_L1).toString() == ns)
            out.append(object);
    }
    return out;
}

std::optional<QJsonObject> SimStore::get(const QString &resource, const QString &ns, const QString &name) const
{
    const auto objects = m_objects.find(resource);
    if (objects == m_objects.end())
        return std::nullopt;
    const auto it = objects->find(keyOf(ns, name));
    if (it == objects->end())
        return std::nullopt;
    return *it;
}

QJsonObject SimStore::create(const QString &resource, QJsonObject object)
{
    QJsonObject meta = object.value("metadata"_L1).toObject();
    meta["uid"_L1] = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!meta.contains("creationTimestamp"_L1))
        meta["creationTimestamp"_L1] = SimTime::nowRfc3339();
    if (!meta.contains("generation"_L1) && resource != "pods"_L1 && resource != "leases"_L1 && resource != "namespaces"_L1)
        meta["generation"_L1] = 1;
    meta["resourceVersion"_L1] = QString::number(++m_version);
    object["metadata"_L1] = meta;
    m_objects[resource].insert(keyOf(meta.value("namespace"_L1).toString(), meta.value("name"_L1).toString()), object);
    record(EventType::Added, resource, object);
    return object;
}

QJsonObject SimStore::update(const QString &resource, QJsonObject object)
{
    QJsonObject meta = object.value("metadata"_L1).toObject();
    meta["resourceVersion"_L1] = QString::number(++m_version);
    object["metadata"_L1] = meta;
    m_objects[resource].insert(keyOf(meta.value("namespace"_L1).toString(), meta.value("name"_L1).toString()), object);
    record(EventType::Modified, resource, object);
    return object;
}

bool SimStore::remove(const QString &resource, const QString &ns, const QString &name)
{
    auto objects = m_objects.find(resource);
    if (objects == m_objects.end())
        return false;
    auto it = objects->find(keyOf(ns, name));
    if (it == objects->end())
        return false;
    QJsonObject object = *it;
    objects->erase(it);
    // A deletion carries the object's last state with a new resourceVersion, as etcd does.
    QJsonObject meta = object.value("metadata"_L1).toObject();
    meta["resourceVersion"_L1] = QString::number(++m_version);
    object["metadata"_L1] = meta;
    record(EventType::Deleted, resource, object);
    return true;
}

std::optional<QList<StoreEvent>> SimStore::eventsSince(const QString &resource, qint64 version) const
{
    if (version < m_trimmedUpTo)
        return std::nullopt;
    QList<StoreEvent> out;
    for (const auto &event : m_history) {
        if (event.resourceVersion > version && event.resource == resource)
            out.append(event);
    }
    return out;
}

void SimStore::record(EventType type, const QString &resource, const QJsonObject &object)
{
    StoreEvent event{type, resource, object, m_version};
    m_history.push_back(event);
    trimHistory();
    Q_EMIT changed(event);
}

void SimStore::trimHistory()
{
    while (m_history.size() > static_cast<size_t>(qMax(1, m_historyLimit))) {
        m_trimmedUpTo = m_history.front().resourceVersion;
        m_history.pop_front();
    }
}

} // namespace eic::sim
