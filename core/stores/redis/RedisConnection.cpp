#include "RedisConnection.h"

#include <QFile>
#include <QSslConfiguration>

#include <hiredis/hiredis.h>
#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

RedisReply convert(const redisReply *r)
{
    RedisReply out;
    switch (r->type) {
    case REDIS_REPLY_STRING:
        out.type = RedisReply::Type::String;
        out.str = QByteArray(r->str, static_cast<qsizetype>(r->len));
        break;
    case REDIS_REPLY_STATUS:
        out.type = RedisReply::Type::Status;
        out.str = QByteArray(r->str, static_cast<qsizetype>(r->len));
        break;
    case REDIS_REPLY_ERROR:
        out.type = RedisReply::Type::Error;
        out.str = QByteArray(r->str, static_cast<qsizetype>(r->len));
        break;
    case REDIS_REPLY_INTEGER:
        out.type = RedisReply::Type::Integer;
        out.integer = r->integer;
        break;
    case REDIS_REPLY_ARRAY:
        out.type = RedisReply::Type::Array;
        for (size_t i = 0; i < r->elements; ++i)
            out.elements.append(convert(r->element[i]));
        break;
    default:
        out.type = RedisReply::Type::Nil;
        break;
    }
    return out;
}

} // namespace

RedisConnection::RedisConnection(QObject *parent)
    : QObject(parent)
    , m_reader(redisReaderCreate())
{
    connect(&m_socket, &QSslSocket::readyRead, this, &RedisConnection::onReadyRead);
    connect(&m_socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError && !m_open && m_pending.empty() && !m_openCallback)
            return;
        QString message = m_socket.errorString();
        if (error == QAbstractSocket::SslHandshakeFailedError)
            message = tr("its TLS certificate is not signed by the CA you gave (or does not match its name)");
        else if (error == QAbstractSocket::ConnectionRefusedError)
            message = tr("connection refused; check host and port");
        else if (error == QAbstractSocket::RemoteHostClosedError)
            message = tr("the server closed the connection");
        failAll(Error{tr("The data store at %1 cannot be reached: %2.").arg(m_target, message), m_socket.errorString(), 0});
    });
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        failAll(Error{tr("The data store at %1 did not answer within %2 s.").arg(m_target).arg(m_options.timeoutMs / 1000), {}, 0});
    });
}

RedisConnection::~RedisConnection()
{
    m_socket.abort();
    redisReaderFree(m_reader);
}

void RedisConnection::encodeInto(QByteArray &out, const QList<QByteArray> &argv)
{
    // RESP by hand: hiredis' formatter goes through sprintf, which showed up in profiles.
    out += '*';
    out += QByteArray::number(argv.size());
    out += "\r\n";
    for (const QByteArray &a : argv) {
        out += '$';
        out += QByteArray::number(a.size());
        out += "\r\n";
        out += a;
        out += "\r\n";
    }
}

QByteArray RedisConnection::encode(const QList<QByteArray> &argv)
{
    QByteArray out;
    encodeInto(out, argv);
    return out;
}

void RedisConnection::open(const RedisOptions &options, OpenCallback callback)
{
    close();
    m_options = options;
    m_openCallback = std::move(callback);
    m_target = u"%1:%2"_s.arg(options.host).arg(options.port);
    m_connectTimer.start(options.timeoutMs);
    auto afterConnect = [this] {
        // AUTH and SELECT are pipelined behind the connect; the first failure decides.
        if (!m_options.password.isEmpty()) {
            QList<QByteArray> auth{"AUTH"};
            if (!m_options.username.isEmpty())
                auth.append(m_options.username.toUtf8());
            auth.append(m_options.password.toUtf8());
            command(auth, [this](const Result<RedisReply> &r) {
                if (r && r->isError())
                    failAll(Error{tr("The data store at %1 refused the login: %2").arg(m_target, QString::fromUtf8(r->str)), {}, 0});
            });
        }
        if (m_options.database != 0) {
            command({"SELECT", QByteArray::number(m_options.database)}, [this](const Result<RedisReply> &r) {
                if (r && r->isError())
                    failAll(Error{tr("The data store at %1 refused database %2: %3").arg(m_target).arg(m_options.database).arg(QString::fromUtf8(r->str)), {}, 0});
            });
        }
        command({"PING"}, [this](const Result<RedisReply> &r) {
            if (!r || r->isError()) {
                if (r)
                    failAll(Error{tr("The data store at %1 answered: %2").arg(m_target, QString::fromUtf8(r->str)), {}, 0});
                return;
            }
            m_connectTimer.stop();
            m_open = true;
            auto cb = std::exchange(m_openCallback, {});
            if (cb)
                cb(true);
        });
    };
    if (options.tls) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!options.caFile.isEmpty()) {
            QFile f(options.caFile);
            if (!f.open(QIODevice::ReadOnly)) {
                failAll(Error{tr("Cannot read the data store's CA certificate %1: %2.").arg(options.caFile, f.errorString()), {}, 0});
                return;
            }
            tls.setCaCertificates(QSslCertificate::fromData(f.readAll(), QSsl::Pem));
        }
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        m_socket.setSslConfiguration(tls);
        if (!options.serverName.isEmpty())
            m_socket.setPeerVerifyName(options.serverName);
        connect(&m_socket, &QSslSocket::encrypted, this, afterConnect, Qt::SingleShotConnection);
        m_socket.connectToHostEncrypted(options.host, options.port);
    } else {
        connect(&m_socket, &QSslSocket::connected, this, afterConnect, Qt::SingleShotConnection);
        m_socket.connectToHost(options.host, options.port);
    }
    m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void RedisConnection::command(const QList<QByteArray> &argv, ReplyCallback callback)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        callback(Error{tr("The data store connection is not open."), {}, 0});
        return;
    }
    m_pending.push_back({std::move(callback), {}, 1, {}});
    m_socket.write(encode(argv));
}

void RedisConnection::batch(const QList<QList<QByteArray>> &commands, BatchCallback callback)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        callback(Error{tr("The data store connection is not open."), {}, 0});
        return;
    }
    if (commands.isEmpty()) {
        callback(QList<RedisReply>());
        return;
    }
    QByteArray out;
    for (const auto &argv : commands)
        encodeInto(out, argv);
    Pending p{{}, std::move(callback), commands.size(), {}};
    p.replies.reserve(commands.size());
    m_pending.push_back(std::move(p));
    m_socket.write(out);
}

void RedisConnection::deliver(RedisReply reply)
{
    if (m_pending.empty())
        return;
    Pending &front = m_pending.front();
    if (front.batch) {
        front.replies.append(std::move(reply));
        if (front.replies.size() < front.expected)
            return;
        Pending done = std::move(front);
        m_pending.pop_front();
        done.batch(done.replies);
        return;
    }
    ReplyCallback cb = std::move(front.single);
    m_pending.pop_front();
    cb(reply);
}

void RedisConnection::onReadyRead()
{
    const QByteArray data = m_socket.readAll();
    // hiredis moves its unread bytes to the front of its buffer after every reply once 1 KB is
    // consumed: fed megabytes at once that is quadratic. Small slices keep it linear.
    constexpr qsizetype kSlice = 4096;
    for (qsizetype offset = 0; offset < data.size(); offset += kSlice) {
        const qsizetype n = std::min(kSlice, data.size() - offset);
        if (redisReaderFeed(m_reader, data.constData() + offset, static_cast<size_t>(n)) != REDIS_OK) {
            failAll(Error{tr("The data store at %1 sent something that is not RESP.").arg(m_target), {}, 0});
            return;
        }
        for (;;) {
            void *raw = nullptr;
            if (redisReaderGetReply(m_reader, &raw) != REDIS_OK) {
                failAll(Error{tr("The data store at %1 sent a malformed reply.").arg(m_target), {}, 0});
                return;
            }
            if (!raw)
                break;
            RedisReply reply = convert(static_cast<redisReply *>(raw));
            freeReplyObject(raw);
            deliver(std::move(reply));
            if (!m_reader || m_socket.state() != QAbstractSocket::ConnectedState)
                return; // a callback closed the connection
        }
    }
}

void RedisConnection::close()
{
    m_open = false;
    m_socket.abort();
    redisReaderFree(m_reader);
    m_reader = redisReaderCreate();
}

void RedisConnection::failAll(const Error &error)
{
    m_connectTimer.stop();
    const bool wasOpen = m_open;
    m_open = false;
    auto open = std::exchange(m_openCallback, {});
    auto pending = std::exchange(m_pending, {});
    m_socket.abort();
    if (wasOpen || open)
        spdlog::info("{}", error.toString().toStdString());
    if (open)
        open(error);
    for (auto &p : pending) {
        if (p.batch)
            p.batch(error);
        else
            p.single(error);
    }
}

} // namespace eic::stores
