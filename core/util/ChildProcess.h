#pragma once

#include <QJsonObject>
#include <QString>

#include <functional>
#include <optional>

class QObject;
class QProcess;

namespace eic::util {

// A child process as the journal knows it: a pid alone is not enough, pids are reused.
struct ChildRecord {
    qint64 pid = 0;
    qint64 startTicks = 0; // /proc/PID/stat field 22: clock ticks after boot
    QString program;
    QJsonObject toJson() const;
    static ChildRecord fromJson(const QJsonObject &json);
};

// Makes the next start() of `process` a child that belongs to this run: default signal
// dispositions (SIGHUP, SIGPIPE, SIGINT, SIGTERM, SIGQUIT) and an empty signal mask, whatever
// this process inherited (nohup, a shell's trap); its own process group, so a cancel reaches
// its workers too and a terminal's Ctrl-C reaches only us; SIGKILL when its parent goes.
// Replaces any child process modifier already set; `extra` runs in the child after ours (it
// must be async-signal-safe too). PR_SET_PDEATHSIG fires when the *thread* that started the
// child ends: start children from a thread that outlives them.
void makeRunChild(QProcess *process, std::function<void()> extra = {});

// After started(): its pid and start time; nullopt if it is not running.
std::optional<ChildRecord> recordOf(const QProcess &process);

// That pid exists, is not a zombie, and started at that time (a reused pid is not our child).
bool isAlive(const ChildRecord &child);

// Ends a survivor of a crashed run: SIGTERM to its process group, up to `graceMs`, then SIGKILL
// to the group, then waits until no member is left. Never blocks: a timer on `context` polls
// every 25 ms. `done(true)` once gone (at once if it was gone already), done(false) if anything
// of it is still alive 2 s after the SIGKILL. Nothing is called if `context` is destroyed first.
void endSurvivor(const ChildRecord &child, int graceMs, QObject *context, std::function<void(bool gone)> done);

// Whether any live (non-zombie) member of the child's process group is left, the child
// included; false if its pid now belongs to another process (then the group is not ours).
bool groupAlive(const ChildRecord &child);
// The start time (/proc/PID/stat field 22) of a live process; 0 if there is none.
qint64 startTicksOf(qint64 pid);
// Sends `signal` to the child's process group (to the child alone if it leads none); nothing
// if its pid now belongs to another process.
void signalGroup(const ChildRecord &child, int signal);

} // namespace eic::util
