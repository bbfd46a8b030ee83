#include "ChildProcess.h"
#include <QFile>
#include <QTimer>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>
using namespace Qt::StringLiterals;
namespace eic::util {
QJsonObject ChildRecord::toJson() const { return {{"pid"_L1, pid}, {"startTicks"_L1, startTicks}, {"program"_L1, program}}; }
ChildRecord ChildRecord::fromJson(const QJsonObject &o) { return {o.value("pid"_L1).toInteger(), o.value("startTicks"_L1).toInteger(), o.value("program"_L1).toString()}; }
static qint64 ticksOf(qint64 pid)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const QByteArray s = f.readAll();
    const QList<QByteArray> rest = s.mid(s.lastIndexOf(')') + 2).split(' ');
    return rest.size() > 19 ? rest.at(19).toLongLong() : -1;
}
void makeRunChild(QProcess *process, std::function<void()> extra)
{
    process->setChildProcessModifier([extra] {
        for (int s : {SIGHUP, SIGPIPE, SIGINT, SIGTERM, SIGQUIT}) ::signal(s, SIG_DFL);
        sigset_t none; sigemptyset(&none); ::sigprocmask(SIG_SETMASK, &none, nullptr);
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (extra) extra();
    });
}
std::optional<ChildRecord> recordOf(const QProcess &p)
{
    if (p.processId() <= 0) return std::nullopt;
    return ChildRecord{p.processId(), ticksOf(p.processId()), p.program()};
}
bool isAlive(const ChildRecord &c) { return c.pid > 0 && ticksOf(c.pid) == c.startTicks; }
void endSurvivor(const ChildRecord &child, int graceMs, QObject *context, std::function<void(bool)> done)
{
    if (!isAlive(child)) return done(true);
    ::kill(-static_cast<pid_t>(child.pid), SIGTERM);
    ::kill(static_cast<pid_t>(child.pid), SIGTERM);
    auto *t = new QTimer(context);
    auto left = std::make_shared<int>(graceMs / 25 + 80);
    auto killed = std::make_shared<bool>(false);
    QObject::connect(t, &QTimer::timeout, context, [=] {
        if (!isAlive(child)) { t->deleteLater(); return done(true); }
        if (--*left < 80 && !*killed) { *killed = true; ::kill(-static_cast<pid_t>(child.pid), SIGKILL); ::kill(static_cast<pid_t>(child.pid), SIGKILL); }
        if (*left <= 0) { t->deleteLater(); done(false); }
    });
    t->start(25);
}
}
