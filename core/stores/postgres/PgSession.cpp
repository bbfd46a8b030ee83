#include "PgSession.h"

#include <QRegularExpression>

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

// libpq's messages start with "FATAL:  " or "ERROR:  " and end with a newline; keep the sentence.
QString serverSentence(const char *message)
{
    QString text = QString::fromUtf8(message).trimmed();
    const qsizetype fatal = text.lastIndexOf("FATAL:  "_L1);
    if (fatal >= 0)
        return text.mid(fatal + 8).trimmed();
    text = text.section(u'\n', 0, 0).trimmed();
    // libpq prefixes 'connection to server at "h" (a), port p failed: '; the reason is after it.
    static const QRegularExpression prefix(u"^connection to server (at|on) .*? failed: "_s);
    text.remove(prefix);
    if (text.contains("certificate verify failed"_L1))
        text += u" — the server's certificate is not signed by the CA in sslrootcert (or sslmode=verify-full and the host name does not match it)"_s;
    return text;
}

} // namespace

QList<QPair<QByteArray, QString>> PgConnectOptions::parameters(bool withPassword) const
{
    QList<QPair<QByteArray, QString>> out;
    auto add = [&out](const char *key, const QString &value) {
        if (!value.isEmpty())
            out.append({QByteArray(key), value});
    };
    add("service", service);
    add("host", host);
    if (service.isEmpty() || port != 5432)
        add("port", QString::number(port));
    add("dbname", dbname);
    add("user", user);
    if (withPassword)
        add("password", password);
    add("sslmode", sslmode);
    add("sslrootcert", sslrootcert);
    add("application_name", u"eic-restore"_s);
    add("connect_timeout", QString::number(connectTimeoutSeconds));
    return out;
}

PgSession::PgSession(QObject *parent)
    : QObject(parent)
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this, [this] {
        if (m_connecting)
            fail(Error{tr("The database at %1 did not answer in time.").arg(m_target), {}, 0});
    });
}

PgSession::~PgSession()
{
    close();
}

void PgSession::close()
{
    m_read.reset();
    m_write.reset();
    if (m_conn) {
        PQfinish(m_conn);
        m_conn = nullptr;
    }
    m_connecting = false;
}

bool PgSession::isOpen() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK && !m_connecting;
}

bool PgSession::sslInUse() const
{
    return m_conn && PQsslInUse(m_conn) == 1;
}

QString PgSession::sslProtocol() const
{
    const char *p = m_conn ? PQsslAttribute(m_conn, "protocol") : nullptr;
    return p ? QString::fromLatin1(p) : QString();
}

int PgSession::serverVersion() const
{
    return m_conn ? PQserverVersion(m_conn) : 0;
}

QString PgSession::describeServer() const
{
    const int v = serverVersion();
    return tr("PostgreSQL %1.%2 at %3").arg(v / 10000).arg(v % 100).arg(m_target);
}

void PgSession::open(const PgConnectOptions &options, OpenCallback callback)
{
    close();
    m_openCallback = std::move(callback);
    m_target = options.service.isEmpty() ? u"%1:%2"_s.arg(options.host).arg(options.port) : u"service %1"_s.arg(options.service);
    QList<QByteArray> keys;
    QList<QByteArray> values;
    for (const auto &[key, value] : options.parameters(true)) {
        keys.append(key);
        values.append(value.toUtf8());
    }
    std::vector<const char *> k;
    std::vector<const char *> v;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        k.push_back(keys[i].constData());
        v.push_back(values[i].constData());
    }
    k.push_back(nullptr);
    v.push_back(nullptr);
    m_conn = PQconnectStartParams(k.data(), v.data(), 0);
    if (!m_conn || PQstatus(m_conn) == CONNECTION_BAD) {
        fail(Error{tr("Cannot connect to the database at %1: %2").arg(m_target, m_conn ? serverSentence(PQerrorMessage(m_conn)) : tr("out of memory")),
                   {}, 0});
        return;
    }
    m_connecting = true;
    m_connectTimer.start(options.connectTimeoutSeconds * 1000 + 2000);
    watchSocket(false, true); // PQconnectStart's first poll is "writing"
}

void PgSession::watchSocket(bool forRead, bool forWrite)
{
    m_read.reset();
    m_write.reset();
    const int fd = PQsocket(m_conn);
    if (fd < 0)
        return;
    if (forRead) {
        m_read = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Read);
        connect(m_read.get(), &QSocketNotifier::activated, this, &PgSession::onReadable);
    }
    if (forWrite) {
        m_write = std::make_unique<QSocketNotifier>(fd, QSocketNotifier::Write);
        connect(m_write.get(), &QSocketNotifier::activated, this, &PgSession::onWritable);
    }
}

void PgSession::pollConnect()
{
    switch (PQconnectPoll(m_conn)) {
    case PGRES_POLLING_READING:
        watchSocket(true, false); // the socket may change between attempts (TLS, then plain)
        return;
    case PGRES_POLLING_WRITING:
        watchSocket(false, true);
        return;
    case PGRES_POLLING_OK: {
        m_connecting = false;
        m_connectTimer.stop();
        PQsetnonblocking(m_conn, 1);
        watchSocket(true, false);
        spdlog::debug("database session open: {} (TLS {})", describeServer().toStdString(), sslInUse() ? "on" : "off");
        auto cb = std::exchange(m_openCallback, {});
        if (cb)
            cb(true);
        startNext();
        return;
    }
    case PGRES_POLLING_FAILED:
    default:
        fail(Error{tr("The database at %1 refused the connection: %2").arg(m_target, serverSentence(PQerrorMessage(m_conn))),
                   QString::fromUtf8(PQerrorMessage(m_conn)).trimmed(), 0});
        return;
    }
}

void PgSession::onWritable()
{
    if (m_connecting) {
        pollConnect();
        return;
    }
    // A query larger than the socket buffer: keep flushing until libpq has sent it all.
    if (PQflush(m_conn) == 0 && m_write)
        m_write.reset();
}

void PgSession::onReadable()
{
    if (m_connecting) {
        pollConnect();
        return;
    }
    if (!PQconsumeInput(m_conn)) {
        fail(Error{tr("The connection to the database at %1 was lost: %2").arg(m_target, serverSentence(PQerrorMessage(m_conn))), {}, 0});
        return;
    }
    if (!m_busy || PQisBusy(m_conn))
        return;
    // The results of one query may arrive over several reads (an error after a lock wait, then
    // ReadyForQuery): what came so far is kept until the last one.
    PgResult &result = m_result;
    std::optional<Error> &error = m_error;
    while (PGresult *res = PQgetResult(m_conn)) {
        const ExecStatusType status = PQresultStatus(res);
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            result = PgResult();
            result.commandStatus = QString::fromUtf8(PQcmdStatus(res));
            for (int c = 0; c < PQnfields(res); ++c)
                result.columns.append(QString::fromUtf8(PQfname(res, c)));
            for (int r = 0; r < PQntuples(res); ++r) {
                QStringList row;
                for (int c = 0; c < PQnfields(res); ++c)
                    row.append(PQgetisnull(res, r, c) ? QString() : QString::fromUtf8(PQgetvalue(res, r, c)));
                result.rows.append(row);
            }
        } else if (!error) {
            const char *sqlstate = PQresultErrorField(res, PG_DIAG_SQLSTATE);
            const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
            error = Error{tr("The database answered with an error: %1 (SQLSTATE %2)").arg(QString::fromUtf8(primary ? primary : "?"),
                                                                                            QString::fromLatin1(sqlstate ? sqlstate : "?")),
                          QString::fromUtf8(PQresultErrorMessage(res)).trimmed(), 0};
        }
        PQclear(res);
        if (PQisBusy(m_conn))
            return; // more results still on the way; wait for the socket
    }
    m_busy = false;
    Pending done = std::move(m_queue.front());
    m_queue.pop_front();
    const PgResult answer = std::exchange(m_result, {});
    const std::optional<Error> failed = std::exchange(m_error, std::nullopt);
    if (failed)
        done.callback(*failed);
    else
        done.callback(answer);
    startNext();
}

void PgSession::query(const QString &sql, QueryCallback callback)
{
    m_queue.push_back({sql, std::move(callback)});
    startNext();
}

void PgSession::startNext()
{
    if (m_busy || m_connecting || m_queue.empty())
        return;
    if (!isOpen()) {
        auto pending = std::exchange(m_queue, {});
        for (auto &p : pending)
            p.callback(Error{tr("The database session is not open."), {}, 0});
        return;
    }
    if (!PQsendQuery(m_conn, m_queue.front().sql.toUtf8().constData())) {
        Pending p = std::move(m_queue.front());
        m_queue.pop_front();
        p.callback(Error{tr("Cannot send the query to the database: %1").arg(serverSentence(PQerrorMessage(m_conn))), {}, 0});
        startNext();
        return;
    }
    m_busy = true;
    if (PQflush(m_conn) == 1)
        watchSocket(true, true);
}

void PgSession::fail(const Error &error)
{
    spdlog::info("{}", error.toString().toStdString());
    close();
    auto cb = std::exchange(m_openCallback, {});
    if (cb)
        cb(error);
    m_busy = false;
    m_result = {};
    m_error.reset();
    auto pending = std::exchange(m_queue, {});
    for (auto &p : pending)
        p.callback(error);
}

} // namespace eic::stores
