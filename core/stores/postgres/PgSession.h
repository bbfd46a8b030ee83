#pragma once

#include "Error.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSocketNotifier>
#include <QStringList>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <optional>

typedef struct pg_conn PGconn;

namespace eic::stores {

struct PgConnectOptions {
    QString host;
    int port = 5432;
    QString dbname;
    QString user;
    QString password; // handed to libpq in memory, never in a conninfo string or argv
    QString sslmode = QStringLiteral("verify-full");
    QString sslrootcert;
    QString service;  // PGSERVICE
    int connectTimeoutSeconds = 10;

    // libpq keywords and values, without the password unless asked (the tools get it from a PGPASSFILE).
    QList<QPair<QByteArray, QString>> parameters(bool withPassword) const;
};

struct PgResult {
    QStringList columns;
    QList<QStringList> rows;
    QString commandStatus;
};

// An asynchronous libpq session on the event loop: PQconnectStartParams/PQconnectPoll and
// PQsendQuery driven by QSocketNotifier, so the GUI thread never waits on the network. It
// identifies itself as application_name=eic-restore; server errors keep their SQLSTATE.
class PgSession : public QObject {
    Q_OBJECT
public:
    using OpenCallback = std::function<void(const Result<bool> &)>;
    using QueryCallback = std::function<void(const Result<PgResult> &)>;

    explicit PgSession(QObject *parent = nullptr);
    ~PgSession() override;

    void open(const PgConnectOptions &options, OpenCallback callback);
    // Queries run one after another in the order given.
    void query(const QString &sql, QueryCallback callback);
    void close();

    bool isOpen() const;
    bool sslInUse() const;
    QString sslProtocol() const;
    int serverVersion() const;
    QString describeServer() const; // "PostgreSQL 15.18 at host:port"

private:
    void pollConnect();
    void watchSocket(bool forRead, bool forWrite);
    void startNext();
    void onReadable();
    void onWritable();
    void fail(const Error &error);

    struct Pending {
        QString sql;
        QueryCallback callback;
    };
    PGconn *m_conn = nullptr;
    OpenCallback m_openCallback;
    std::unique_ptr<QSocketNotifier> m_read;
    std::unique_ptr<QSocketNotifier> m_write;
    QTimer m_connectTimer;
    std::deque<Pending> m_queue;
    PgResult m_result;             // of the query in flight, so far
    std::optional<Error> m_error;  // its first error, so far
    bool m_busy = false;
    bool m_connecting = false;
    QString m_target;
};

} // namespace eic::stores
