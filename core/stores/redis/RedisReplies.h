#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>

#include <algorithm>

// Reading the data store's answers, shared by the backup and the restore.
namespace eic::stores::redisreplies {

using namespace Qt::StringLiterals;

inline QHash<QString, QString> infoFields(const QByteArray &info)
{
    QHash<QString, QString> fields;
    for (const QByteArray &line : info.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            fields.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 1)).trimmed());
    }
    return fields;
}

// "db0" -> "keys=12,expires=3,avg_ttl=0"
inline QList<QPair<int, QPair<quint64, quint64>>> keyspace(const QHash<QString, QString> &fields)
{
    QList<QPair<int, QPair<quint64, quint64>>> out;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (!it.key().startsWith("db"_L1))
            continue;
        bool ok = false;
        const int db = it.key().mid(2).toInt(&ok);
        if (!ok)
            continue;
        quint64 keys = 0;
        quint64 expires = 0;
        for (const QString &part : it.value().split(u',')) {
            if (part.startsWith("keys="_L1))
                keys = part.mid(5).toULongLong();
            else if (part.startsWith("expires="_L1))
                expires = part.mid(8).toULongLong();
        }
        out.append({db, {keys, expires}});
    }
    std::sort(out.begin(), out.end());
    return out;
}

inline QString permissionHint(const QByteArray &error, const QString &user, const char *command)
{
    if (error.startsWith("NOPERM"))
        return QCoreApplication::translate("RedisJobs", "The data store's ACL does not let user \"%1\" run %2: %3. Grant it (e.g. +@all or +dump +restore) or use another user.")
            .arg(user.isEmpty() ? u"default"_s : user, QString::fromLatin1(command), QString::fromUtf8(error));
    return QCoreApplication::translate("RedisJobs", "The data store refused %1: %2").arg(QString::fromLatin1(command), QString::fromUtf8(error));
}

} // namespace eic::stores::redisreplies
