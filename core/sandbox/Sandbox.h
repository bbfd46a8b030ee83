#pragma once

#include "Error.h"
#include "profiles/Profile.h"

#include "ServiceProcesses.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>

namespace eic::stores {
class PgSession;
}

namespace eic::sandbox {

struct SandboxOptions {
    QString dir;         // empty: a new directory under the temp dir; else absent or empty
    QString simProgram;  // empty: $EIC_SIM, then eic-sim next to this program, then on PATH
    QString pgBinDir;    // empty: the newest /usr/lib/postgresql/N/bin with initdb and postgres
    QString redisServer; // empty: redis-server on PATH
    int timeoutMs = 60000; // for each service to answer
};

// How to reach a running sandbox. Passwords are here for the ready profile; they are written
// only to DIR/env (mode 0600), never to the log or to DIR/sandbox.json.
struct SandboxInfo {
    QString dir;
    QString kubeconfig;
    QString context;
    QString apiServer;
    int pgPort = 0;
    QString pgUser = QStringLiteral("eic");
    QString pgDatabase = QStringLiteral("eic");
    QString pgPassword;
    int redisPort = 0;
    QString redisPassword;
    QString pgVersion;
    QString redisVersion;

    QString envFile() const { return dir + QStringLiteral("/env"); }
    QString backupFolder() const { return dir + QStringLiteral("/backups"); }
    QString runsDir() const { return dir + QStringLiteral("/runs"); }
    QString databaseConninfo() const; // without the password
    QString datastoreUrl() const;     // without the password
    // The ready profile "Sandbox" (its secrets: pgPassword, redisPassword).
    profiles::Profile profile() const;
};

// A rehearsal cell on this machine: eic-sim (a Kubernetes API with the cell's deployments),
// a throwaway PostgreSQL and Redis with sample data shaped like a cell's, all in one
// directory that stop() removes. The services are child processes that die with this one
// (PR_SET_PDEATHSIG), so a crash leaves no server behind. As root, PostgreSQL runs as the
// `postgres` system user (it refuses root).
class Sandbox : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Starting, Running, Stopping, Failed };

    explicit Sandbox(SandboxOptions options = {}, QObject *parent = nullptr);
    ~Sandbox() override; // stops what runs

    void start();          // async: progress()…, then ready() or failed()
    void stop();           // stops the services (a few seconds at most) and removes the directory
    State state() const { return m_state; }
    const SandboxInfo &info() const { return m_info; }

Q_SIGNALS:
    void progress(const QString &step);
    void ready();
    void failed(const eic::Error &error);
    void stopped();

private:
    void fail(Error error);
    void next(std::function<void()> step);
    Result<bool> prepare();
    void initDatabase();
    void startPostgres(int attempt);
    // The newest service has not exited nor run out of time (else it is restarted or the start fails).
    bool stillStarting(const QString &name, const QString &label, int attempt, void (Sandbox::*restart)(int));
    void waitForPostgres(int attempt);
    void loadDatabase(stores::PgSession *admin);
    void startRedis(int attempt);
    void waitForRedis(int attempt);
    void loadRedis(int attempt);
    void startSim();
    void finish();
    Error serviceError(const QString &what, const QString &name) const;
    bool removeDir(); // only a directory this sandbox created and marked

    SandboxOptions m_options;
    SandboxInfo m_info;
    State m_state = State::Idle;
    bool m_createdDir = false;
    QString m_pgBin;
    QString m_redisServer;
    QString m_simProgram;
    ServiceProcesses m_services;
    qint64 m_deadline = 0;
};

} // namespace eic::sandbox
