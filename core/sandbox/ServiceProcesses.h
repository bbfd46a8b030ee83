#pragma once

#include <QProcess>
#include <QString>

#include <memory>
#include <vector>

namespace eic::sandbox {

// The sandbox's servers as child processes, each logging to DIR/NAME.log. They die with this
// process (PR_SET_PDEATHSIG), so a crash leaves no server behind; stopAll() stops them side by
// side, each with the signal that shuts it down cleanly.
class ServiceProcesses {
public:
    void setDirectory(const QString &dir) { m_dir = dir; }

    // Started at once. `asPostgres`: as root, the child becomes the system user postgres.
    QProcess *spawn(const QString &name, const QString &program, const QStringList &args, bool asPostgres, int stopSignal);
    QProcess *newest() const { return m_services.back().process.get(); }
    // The newest failed to start (a port taken): it goes, so that it can be started again.
    void dropNewest() { m_services.pop_back(); }
    // A process that has finished its work (initdb).
    void forget(const QProcess *process);
    // The end of NAME.log, for the error that says why a service did not start.
    QString logTail(const QString &name, int lines = 12) const;
    // Stops them all; `receiver` hears no more of their signals (no "stopped while starting").
    void stopAll(const QObject *receiver);

private:
    struct Service {
        QString name;
        std::unique_ptr<QProcess> process;
        int stopSignal = 15;
    };
    QString m_dir;
    std::vector<Service> m_services;
};

} // namespace eic::sandbox
