#include "RedisStoreProbe.h"

#include "RedisInspection.h"
#include "RedisTopology.h"

#include <QCoreApplication>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RedisStoreProbe)
};

QHash<QByteArray, QByteArray> fieldsOf(const QByteArray &line)
{
    QHash<QByteArray, QByteArray> f;
    for (const QByteArray &kv : line.trimmed().split(' ')) {
        const qsizetype eq = kv.indexOf('=');
        if (eq > 0)
            f.insert(kv.left(eq), kv.mid(eq + 1));
    }
    return f;
}

} // namespace

std::unique_ptr<StoreProbe> StoreProbe::datastore(const RedisOptions &options)
{
    return std::make_unique<RedisStoreProbe>(options);
}

RedisStoreProbe::RedisStoreProbe(RedisOptions options) : m_seed(std::move(options)) {}

QString RedisStoreProbe::word() const
{
    return Tr::tr("data store");
}

void RedisStoreProbe::connected(std::function<void(const Result<bool> &)> done)
{
    if (m_conn && m_conn->isOpen())
        return done(true);
    if (m_conn)
        m_conn->deleteLater();
    m_conn = nullptr;
    resolveRedisMasters(m_seed, this, [this, done](const Result<QList<RedisNode>> &masters) {
        if (!masters)
            return done(masters.error());
        m_master = masters->first().options;
        m_conn = new RedisConnection(this);
        m_conn->open(m_master, [this, done](const Result<bool> &r) {
            if (!r) {
                m_conn->deleteLater();
                m_conn = nullptr;
            }
            done(r);
        });
    });
}

void RedisStoreProbe::batch(const QList<QList<QByteArray>> &commands, std::function<void(const Result<QList<RedisReply>> &)> done)
{
    connected([this, commands, done](const Result<bool> &r) {
        if (!r)
            return done(r.error());
        m_conn->batch(commands, done);
    });
}

void RedisStoreProbe::identity(bool mark, std::function<void(const Result<StoreIdentity> &)> done)
{
    QList<QList<QByteArray>> commands;
    // SET NX first: two runs never write two markers; GET then reads whichever won.
    if (mark)
        commands.append(QList<QByteArray>{"SET", kMarkerKey, QUuid::createUuid().toByteArray(QUuid::WithoutBraces), "NX"});
    commands.append(QList<QByteArray>{"GET", kMarkerKey});
    batch(commands, [this, done](const Result<QList<RedisReply>> &replies) {
        if (!replies)
            return done(replies.error());
        const RedisReply &got = replies->constLast();
        const QString address = u"%1:%2/%3"_s.arg(m_master.host).arg(m_master.port).arg(m_master.database);
        StoreIdentity id{u"redis"_s, address, {}};
        id.fields["marker"_L1] = got.type == RedisReply::Type::String ? QJsonValue(QString::fromUtf8(got.str)) : QJsonValue(QJsonValue::Null);
        done(id);
    });
}

void RedisStoreProbe::sessions(Sessions done)
{
    batch({{"CLIENT", "LIST"}}, [done](const Result<QList<RedisReply>> &replies) {
        if (!replies)
            return done(replies.error());
        const RedisReply &list = replies->constFirst();
        if (list.isError())
            return done(Error{Tr::tr("CLIENT LIST is not allowed for this user (%1)").arg(QString::fromUtf8(list.str)), {}, 0});
        QList<StoreSession> out;
        for (const QByteArray &line : list.str.split('\n')) {
            const auto f = fieldsOf(line);
            if (!f.contains("id") || f.value("flags").contains('S')) // a replica's link is not a client of the cell
                continue;
            const QByteArray addr = f.value("addr");
            const QString name = QString::fromUtf8(f.value("name"));
            if (name == "eic-restore"_L1)
                continue;
            out.append({QString::fromUtf8(f.value("id")), name, QString::fromUtf8(addr.left(addr.lastIndexOf(':'))),
                        Tr::tr("connected %1 s ago").arg(QString::fromUtf8(f.value("age")))});
        }
        done(out);
    });
}

void RedisStoreProbe::endSessions(const QList<StoreSession> &sessions, Then done)
{
    QList<QList<QByteArray>> kills;
    for (const StoreSession &s : sessions)
        kills.append({"CLIENT", "KILL", "ID", s.id.toUtf8()});
    if (kills.isEmpty())
        return done(true);
    batch(kills, [done](const Result<QList<RedisReply>> &r) { done(r ? Result<bool>(true) : Result<bool>(r.error())); });
}

void RedisStoreProbe::acceptsWrites(Then done)
{
    connected([this, done](const Result<bool> &r) {
        if (!r)
            return done(r);
        inspectRedis(m_conn, [done](const Result<RedisInspection> &i) {
            if (!i)
                return done(i.error());
            if (!i->loading && i->role == "master"_L1)
                return done(true);
            const QString role = i->role == "slave"_L1 ? Tr::tr("a read-only replica") : i->role;
            done(Error{Tr::tr("The data store does not accept writes (%1%2).").arg(role, i->loading ? Tr::tr(", loading") : QString()), {}, 0});
        });
    });
}

void RedisStoreProbe::mayRestore(Then done)
{
    // Probes that cannot change anything: the ACL is checked before the command looks at its
    // arguments, so NOPERM answers "not allowed", anything else "allowed".
    batch({{"RESTORE", "eic-restore:probe", "0", "not-a-dump-payload"}, {"FLUSHALL", "not-an-option"}},
          [this, done](const Result<QList<RedisReply>> &replies) {
              if (!replies)
                  return done(replies.error());
              QStringList refused;
              for (const RedisReply &reply : *replies)
                  if (reply.isError() && reply.str.startsWith("NOPERM"))
                      refused.append(QString::fromUtf8(reply.str));
              if (refused.isEmpty())
                  return done(true);
              const QString user = m_master.username.isEmpty() ? u"default"_s : m_master.username;
              done(Error{Tr::tr("The data store user \"%1\" may not restore: %2. Grant +restore +flushall (or use another user).").arg(user, refused.join(u"; "_s)), {}, 0});
          });
}

void RedisStoreProbe::measure(std::function<void(const Result<StoreMeasure> &)> done)
{
    // INFO keyspace answers from counters: nothing is scanned. Of a cluster, the first master.
    batch({{"INFO", "keyspace"}}, [done](const Result<QList<RedisReply>> &replies) {
        if (!replies)
            return done(replies.error());
        const RedisReply &info = replies->constFirst();
        if (info.isError())
            return done(Error{Tr::tr("The data store refused INFO: %1").arg(QString::fromUtf8(info.str)), {}, 0});
        const RedisInspection parsed = parseRedisInfo(info.str, 0);
        StoreMeasure out;
        for (auto it = parsed.keysPerDb.cbegin(); it != parsed.keysPerDb.cend(); ++it)
            out.databases.append({it.key(), it.value()});
        done(out);
    });
}

} // namespace eic::stores
