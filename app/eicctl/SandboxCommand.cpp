// eicctl sandbox start|run|stop: a rehearsal cell on this machine (core/sandbox).
//
// `run` keeps the sandbox in the foreground until Ctrl-C. `start` launches `run` detached,
// waits until it is ready and prints how to connect; `stop` ends it. The running sandbox is
// recorded in $XDG_DATA_HOME/eic-restore/sandbox/current (its directory).

#include "Cli.h"
#include "sandbox/Sandbox.h"
#include "sandbox/SandboxDirectory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <csignal>
#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::cli {

namespace {

QString stateDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/eic-restore/sandbox"_s;
}

QString currentFile()
{
    return stateDir() + u"/current"_s;
}

QString recordedDir()
{
    QFile f(currentFile());
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

std::optional<QJsonObject> readState(const QString &dir)
{
    QFile f(dir + u"/sandbox.json"_s);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

// The process is alive and is an eicctl (a pid the kernel gave to another program is not ours).
bool isSandboxProcess(qint64 pid)
{
    QFile cmdline(u"/proc/%1/cmdline"_s.arg(pid));
    if (pid <= 0 || !cmdline.open(QIODevice::ReadOnly))
        return false;
    const QList<QByteArray> argv = cmdline.readAll().split('\0');
    return argv.contains("sandbox") && argv.contains("run");
}

// Polls `done` every 50 ms (the event loop keeps running) until it holds or `timeoutMs` passes.
void waitUntil(int timeoutMs, const std::function<bool()> &done)
{
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + timeoutMs;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || QDateTime::currentMSecsSinceEpoch() > deadline)
            loop.quit();
    });
    poll.start(50);
    loop.exec();
}

void printReady(const QJsonObject &s, bool json)
{
    if (json) {
        out() << QJsonDocument(s).toJson(QJsonDocument::Compact) << "\n";
        out().flush();
        return;
    }
    const QString dir = s.value("dir"_L1).toString();
    out() << "Sandbox ready in " << dir << " (stop it with: eicctl sandbox stop)\n"
          << "  simulated cell    " << s.value("apiServer"_L1).toString() << "  kubeconfig " << s.value("kubeconfig"_L1).toString()
          << ", context " << s.value("context"_L1).toString() << ", namespace edge-icell\n"
          << "  PostgreSQL " << s.value("postgresVersion"_L1).toString().leftJustified(7) << s.value("database"_L1).toString() << "\n"
          << "  Redis " << s.value("redisVersion"_L1).toString().leftJustified(12) << s.value("datastore"_L1).toString() << "\n"
          << "  backups           " << s.value("backups"_L1).toString() << "\n"
          << "\nIt holds sample data shaped like a cell's. Load its settings (passwords included) into your shell:\n"
          << "  source " << s.value("env"_L1).toString() << "\n"
          << "  eicctl status\n"
          << "  eicctl backup database --database \"$EIC_SANDBOX_DATABASE\" --to \"$EIC_SANDBOX_BACKUPS\"\n"
          << "  eicctl plan datastore --datastore \"$EIC_SANDBOX_DATASTORE\"\n"
          << "  kubectl get deployments -n edge-icell\n";
    out().flush();
}

bool writeCurrent(const QString &dir)
{
    QDir().mkpath(stateDir());
    QSaveFile f(currentFile());
    return f.open(QIODevice::WriteOnly) && f.write(dir.toUtf8() + '\n') > 0 && f.commit();
}

int run(const Options &o)
{
    sandbox::SandboxOptions options;
    options.dir = o.dir;
    sandbox::Sandbox box(options);
    int rc = Done;
    QObject::connect(&box, &sandbox::Sandbox::progress, &box, [&o](const QString &step) {
        if (!o.json) {
            err() << step << "\n";
            err().flush();
        }
    });
    QObject::connect(&box, &sandbox::Sandbox::failed, &box, [&rc](const Error &e) {
        err() << "eicctl: the sandbox could not start: " << e.message << "\n";
        if (!e.detail.isEmpty())
            err() << e.detail << "\n";
        err().flush();
        rc = Failed;
        QCoreApplication::exit(Failed);
    });
    QObject::connect(&box, &sandbox::Sandbox::ready, &box, [&box, &o] {
        writeCurrent(box.info().dir);
        if (auto state = readState(box.info().dir))
            printReady(*state, o.json);
    });
    interruptHandler() = [&box] {
        box.stop();
        QCoreApplication::exit(Done);
    };
    box.start();
    const int code = box.state() == sandbox::Sandbox::State::Failed ? Failed : QCoreApplication::exec();
    const QString dir = box.info().dir;
    box.stop();
    interruptHandler() = nullptr;
    if (recordedDir() == dir)
        QFile::remove(currentFile());
    if (!o.json && code == Done && rc == Done)
        err() << "Sandbox stopped; " << dir << " removed.\n";
    err().flush();
    return rc == Done ? code : rc;
}

int start(const Options &o)
{
    const QString running = recordedDir();
    if (!running.isEmpty()) {
        if (auto state = readState(running); state && isSandboxProcess(state->value("pid"_L1).toInteger()))
            return failed(u"a sandbox already runs in %1; stop it first: eicctl sandbox stop"_s.arg(running));
        QFile::remove(currentFile()); // a sandbox that died (a reboot): forget it
    }
    QString dir = o.dir;
    if (dir.isEmpty()) {
        QTemporaryDir temp(QDir::tempPath() + u"/eic-sandbox-XXXXXX"_s);
        if (!temp.isValid())
            return failed(u"cannot create a directory for the sandbox under %1: %2"_s.arg(QDir::tempPath(), temp.errorString()));
        temp.setAutoRemove(false);
        dir = temp.path();
    }
    dir = QFileInfo(dir).absoluteFilePath();
    // What a killed sandbox left here goes first: its old state must not pass for the new one's.
    sandbox::SandboxDirectory::removeIfAbandoned(dir);
    QDir().mkpath(stateDir());
    const QString log = stateDir() + u"/run.log"_s;
    QFile::remove(log);
    QProcess launcher;
    launcher.setProgram(QCoreApplication::applicationFilePath());
    launcher.setArguments({u"sandbox"_s, u"run"_s, u"--dir"_s, dir, u"--log-level"_s, u"info"_s});
    launcher.setStandardInputFile(QProcess::nullDevice());
    launcher.setStandardOutputFile(QProcess::nullDevice());
    launcher.setStandardErrorFile(log);
    qint64 pid = 0;
    if (!launcher.startDetached(&pid))
        return failed(u"cannot start %1 in the background"_s.arg(launcher.program()));
    if (!o.json)
        err() << "Starting the sandbox in " << dir << " …\n";
    err().flush();
    // Ready when the sandbox has written its state; failed when the process has gone.
    std::optional<QJsonObject> state;
    waitUntil(120000, [&] {
        state = readState(dir);
        if (state && state->value("pid"_L1).toInteger() != pid)
            state.reset(); // not the one just launched
        return state || !isSandboxProcess(pid);
    });
    if (!state) {
        if (isSandboxProcess(pid))
            ::kill(pid_t(pid), SIGTERM);
        QFile f(log);
        f.open(QIODevice::ReadOnly);
        err() << "eicctl: the sandbox did not start; its output:\n" << QString::fromUtf8(f.readAll());
        err().flush();
        return Failed;
    }
    printReady(*state, o.json);
    return Done;
}

// What a stop removes that the admin made (backups, runs, reports) is listed first. Without
// --force it is removed only when the admin answers y on a terminal; elsewhere the stop refuses.
bool mayRemove(const QString &dir, const Options &o)
{
    const sandbox::Keepsakes held = sandbox::SandboxDirectory::keepsakes(dir);
    if (held.isEmpty())
        return true;
    err() << "The sandbox in " << dir << " holds what you made in it; stopping it removes:\n";
    auto list = [](const char *what, const QStringList &files) {
        if (files.isEmpty())
            return;
        err() << "  " << what << ": " << files.size() << (files.size() == 1 ? " file\n" : " files\n");
        for (qsizetype i = 0; i < files.size() && i < 10; ++i)
            err() << "    " << files.at(i) << "\n";
        if (files.size() > 10)
            err() << "    … and " << files.size() - 10 << " more\n";
    };
    list("backups", held.backups);
    list("restore runs (journals, reports)", held.runs);
    list("reports", held.reports);
    err().flush();
    if (o.force)
        return true;
    if (::isatty(STDIN_FILENO)) {
        err() << "Remove them and stop the sandbox? [y/N] ";
        err().flush();
        char buffer[64];
        const char *line = std::fgets(buffer, sizeof buffer, stdin);
        const QString answer = line ? QString::fromUtf8(line).trimmed().toLower() : QString();
        if (answer == "y"_L1 || answer == "yes"_L1)
            return true;
    }
    err() << "eicctl: the sandbox is left running; copy what you need out of " << dir << ", then: eicctl sandbox stop --force\n";
    err().flush();
    return false;
}

int stop(const Options &o)
{
    const QString dir = o.dir.isEmpty() ? recordedDir() : QFileInfo(o.dir).absoluteFilePath();
    if (dir.isEmpty())
        return failed(u"no sandbox is running (none is recorded in %1)"_s.arg(currentFile()));
    const auto state = readState(dir);
    const qint64 pid = state ? state->value("pid"_L1).toInteger() : 0;
    if (!state || !isSandboxProcess(pid)) {
        if (recordedDir() == dir)
            QFile::remove(currentFile());
        // Killed (kill -9, a crash): its servers died with it; what it left on disk goes now.
        if (QFileInfo::exists(dir + u"/"_s + QLatin1StringView(sandbox::SandboxDirectory::kMarker)) && !mayRemove(dir, o))
            return Failed;
        if (sandbox::SandboxDirectory::removeIfAbandoned(dir)) {
            out() << "The sandbox in " << dir << " had stopped without cleaning up (killed?); its directory is removed.\n";
            return Done;
        }
        return failed(u"no sandbox runs in %1 (it has stopped already)"_s.arg(dir));
    }
    if (!mayRemove(dir, o))
        return Failed;
    ::kill(pid_t(pid), SIGTERM);
    waitUntil(30000, [pid] { return !isSandboxProcess(pid); });
    if (isSandboxProcess(pid))
        return failed(u"the sandbox (process %1) did not stop within 30 s; its directory %2 is left as it is"_s.arg(pid).arg(dir));
    if (QFileInfo::exists(dir))
        return failed(u"the sandbox stopped, but %1 is still there; remove it by hand"_s.arg(dir));
    if (o.json)
        out() << QJsonDocument(QJsonObject{{u"stopped"_s, dir}}).toJson(QJsonDocument::Compact) << "\n";
    else
        out() << "Sandbox stopped; " << dir << " removed.\n";
    return Done;
}

} // namespace

int sandboxCommand(const Options &o)
{
    const QString action = o.args.value(1);
    if (action == "start"_L1)
        return start(o);
    if (action == "run"_L1)
        return run(o);
    if (action == "stop"_L1)
        return stop(o);
    return usage(u"sandbox needs start, run or stop"_s);
}

} // namespace eic::cli
