#include "ChildProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTimer>

#include <csignal>

#include <sys/prctl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::util {

namespace {

struct ProcStat {
    char state = 0;
    qint64 pgrp = 0;
    qint64 startTicks = 0;
    bool live() const { return state != 'Z' && state != 'X' && state != 'x'; }
};

std::optional<ProcStat> procStat(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QByteArray text = f.readAll();
    // The command name (field 2) may hold spaces and parentheses: fields count from the last ')'.
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 20 || fields.at(0).isEmpty())
        return std::nullopt;
    // fields.at(0) is field 3 (state), at(2) field 5 (pgrp), at(19) field 22 (starttime).
    return ProcStat{fields.at(0).at(0), fields.at(2).toLongLong(), fields.at(19).toLongLong()};
}

// Runs in the child between fork and exec: async-signal-safe calls only.
void dieWithParent(pid_t parent)
{
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // The parent may have gone before prctl: then nobody would ever send the signal.
    if (::getppid() != parent)
        ::_exit(127);
}

} // namespace

QJsonObject ChildRecord::toJson() const
{
    return {{"pid"_L1, pid}, {"startTicks"_L1, startTicks}, {"program"_L1, program}};
}

ChildRecord ChildRecord::fromJson(const QJsonObject &json)
{
    return {json.value("pid"_L1).toInteger(), json.value("startTicks"_L1).toInteger(), json.value("program"_L1).toString()};
}

void makeRunChild(QProcess *process, std::function<void()> extra)
{
    const pid_t parent = ::getpid();
    process->setChildProcessModifier([parent, extra = std::move(extra)] {
        struct sigaction defaults = {};
        defaults.sa_handler = SIG_DFL;
        sigemptyset(&defaults.sa_mask);
        for (const int signal : {SIGHUP, SIGPIPE, SIGINT, SIGTERM, SIGQUIT})
            ::sigaction(signal, &defaults, nullptr);
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::setpgid(0, 0);
        dieWithParent(parent);
        if (extra) {
            extra();
            // A change of credentials (setuid/setgid) clears the parent-death signal: set it again.
            dieWithParent(parent);
        }
    });
}

std::optional<ChildRecord> recordOf(const QProcess &process)
{
    const qint64 pid = process.processId();
    if (pid <= 0 || process.state() == QProcess::NotRunning)
        return std::nullopt;
    const auto stat = procStat(pid);
    if (!stat)
        return std::nullopt;
    return ChildRecord{pid, stat->startTicks, process.program()};
}

bool isAlive(const ChildRecord &child)
{
    const auto stat = procStat(child.pid);
    return stat && stat->live() && stat->startTicks == child.startTicks;
}

qint64 startTicksOf(qint64 pid)
{
    const auto stat = procStat(pid);
    return stat && stat->live() ? stat->startTicks : 0;
}

bool groupAlive(const ChildRecord &child)
{
    const auto leader = procStat(child.pid);
    if (child.pid <= 0 || (leader && leader->startTicks != child.startTicks))
        return false;
    if (leader && leader->live())
        return true;
    // The leader is gone; its workers may not be. Linux reuses no pid still naming a group.
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const qint64 pid = entry.toLongLong(&numeric);
        if (!numeric)
            continue;
        if (const auto stat = procStat(pid); stat && stat->pgrp == child.pid && stat->live())
            return true;
    }
    return false;
}

void signalGroup(const ChildRecord &child, int signal)
{
    const auto leader = procStat(child.pid);
    if (child.pid <= 0 || (leader && leader->startTicks != child.startTicks))
        return;
    const auto pid = static_cast<pid_t>(child.pid);
    ::kill(leader && leader->pgrp != child.pid ? pid : -pid, signal);
}

void endSurvivor(const ChildRecord &child, int graceMs, QObject *context, std::function<void(bool gone)> done)
{
    if (!groupAlive(child)) {
        QTimer::singleShot(0, context, [done] { done(true); });
        return;
    }
    signalGroup(child, SIGTERM);
    auto *timer = new QTimer(context);
    timer->setInterval(25);
    QElapsedTimer clock;
    clock.start();
    QObject::connect(timer, &QTimer::timeout, context, [timer, child, graceMs, done, clock, killedAt = qint64(-1)]() mutable {
        const bool gone = !groupAlive(child);
        if (!gone && killedAt < 0 && clock.elapsed() >= graceMs) {
            signalGroup(child, SIGKILL);
            killedAt = clock.elapsed();
        }
        if (gone || (killedAt >= 0 && clock.elapsed() - killedAt > 2000)) {
            timer->stop();
            timer->deleteLater();
            done(gone);
        }
    });
    timer->start();
}

} // namespace eic::util
