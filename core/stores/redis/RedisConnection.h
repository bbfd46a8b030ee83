#pragma once

#include "Error.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

#include <deque>
#include <functional>

struct redisReader;

namespace eic::stores {

struct RedisReply {
    enum class Type { String, Status, Error, Integer, Nil, Array };
    Type type = Type::Nil;
    QByteArray str;
    qint64 integer = 0;
    QList<RedisReply> elements;

    bool isError() const { return type == Type::Error; }
};

struct RedisOptions {
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 6379;
    bool tls = false;
    QString caFile;      // PEM; empty: the system's CAs
    QString serverName;  // TLS name to verify, when it differs from host
    QString username;    // ACL user; empty: the default user
    QString password;
    int database = 0;
    int timeoutMs = 10000;
    // How the data store is deployed: host/port name a sentinel (which is asked for the master
    // called `masterName`) or any node of a cluster (whose masters are then worked one by one).
    // RedisConnection itself always connects to host/port; see RedisTopology.h.
    enum class Topology { Standalone, Sentinel, Cluster };
    Topology topology = Topology::Standalone;
    QString masterName;
};

// A Redis/Valkey connection we own: hiredis is only the RESP codec (redisFormatCommandArgv
// for commands, redisReader for replies) over a QTcpSocket/QSslSocket, which gives TLS that
// Debian's hiredis lacks. Commands pipeline: each is written at once and its callback runs
// when its reply arrives, in order.
class RedisConnection : public QObject {
    Q_OBJECT
public:
    using ReplyCallback = std::function<void(const Result<RedisReply> &)>;
    using BatchCallback = std::function<void(const Result<QList<RedisReply>> &)>;
    using OpenCallback = std::function<void(const Result<bool> &)>;

    explicit RedisConnection(QObject *parent = nullptr);
    ~RedisConnection() override;

    // Connects, TLS handshake, AUTH and SELECT; the callback gets the server's own sentence on failure.
    void open(const RedisOptions &options, OpenCallback callback);
    void command(const QList<QByteArray> &argv, ReplyCallback callback);
    // Many commands, one callback with all their replies in order: for bulk transfers, where a
    // callback per key would cost more than the key.
    void batch(const QList<QList<QByteArray>> &commands, BatchCallback callback);
    void close();
    bool isOpen() const { return m_open; }
    bool tlsInUse() const { return m_socket.isEncrypted(); }
    QString target() const { return m_target; }
    qsizetype pendingReplies() const { return m_pending.size(); }

    static QByteArray encode(const QList<QByteArray> &argv);
    static void encodeInto(QByteArray &out, const QList<QByteArray> &argv);

private:
    void onReadyRead();
    void failAll(const Error &error);

    QSslSocket m_socket;
    redisReader *m_reader = nullptr;
    struct Pending {
        ReplyCallback single;
        BatchCallback batch;
        qsizetype expected = 1;
        QList<RedisReply> replies;
    };
    void deliver(RedisReply reply);
    std::deque<Pending> m_pending;
    OpenCallback m_openCallback;
    RedisOptions m_options;
    QTimer m_connectTimer;
    bool m_open = false;
    QString m_target;
};

} // namespace eic::stores
