#include "ServiceProcesses.h"

#include <QFile>

#include <spdlog/spdlog.h>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::sandbox {

QProcess *ServiceProcesses::spawn(const QString &name, const QString &program, const QStringList &args, bool asPostgres, int stopSignal)
{
    auto process = std::make_unique<QProcess>();
    process->setProgram(program);
    process->setArguments(args);
    process->setWorkingDirectory(m_dir);
    const QString log = m_dir + u'/' + name + u".log"_s;
    process->setStandardErrorFile(log, QIODevice::Append);
    if (name != "sim"_L1)
        process->setStandardOutputFile(log, QIODevice::Append);
    uid_t uid = 0;
    gid_t gid = 0;
    const bool dropRoot = asPostgres && ::geteuid() == 0;
    if (dropRoot) {
        const passwd *pw = ::getpwnam("postgres");
        uid = pw->pw_uid;
        gid = pw->pw_gid;
    }
    // In the child, before exec: become postgres if need be, and die with this process.
    process->setChildProcessModifier([dropRoot, uid, gid] {
        if (dropRoot && (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0))
            ::_exit(126);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    });
    QProcess *raw = process.get();
    m_services.push_back(Service{name, std::move(process), stopSignal});
    raw->start();
    return raw;
}

void ServiceProcesses::forget(const QProcess *process)
{
    std::erase_if(m_services, [process](const Service &s) { return s.process.get() == process; });
}

QString ServiceProcesses::logTail(const QString &name, int lines) const
{
    QFile f(m_dir + u'/' + name + u".log"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    QList<QByteArray> split = all.trimmed().split('\n');
    if (split.size() > lines)
        split = split.mid(split.size() - lines);
    return QString::fromUtf8(split.join('\n'));
}

void ServiceProcesses::stopAll(const QObject *receiver)
{
    // Signal all first, then wait: the services stop side by side.
    for (auto it = m_services.rbegin(); it != m_services.rend(); ++it) {
        it->process->disconnect(receiver);
        if (it->process->state() != QProcess::NotRunning)
            ::kill(pid_t(it->process->processId()), it->stopSignal);
    }
    for (auto it = m_services.rbegin(); it != m_services.rend(); ++it) {
        if (it->process->state() != QProcess::NotRunning && !it->process->waitForFinished(8000)) {
            spdlog::warn("sandbox: {} did not stop in 8 s; killing it", it->name.toStdString());
            it->process->kill();
            it->process->waitForFinished(2000);
        }
    }
    m_services.clear();
}

} // namespace eic::sandbox
