#include "SandboxDirectory.h"

#include "Sandbox.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QTemporaryDir>

#include <spdlog/spdlog.h>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::sandbox {

namespace {

// Texts of this file, in the translation context "Sandbox" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Sandbox)
};

// When a process started (field 22 of /proc/PID/stat, in clock ticks since boot): with its pid,
// it names one process for good, even once the pid is reused. Empty when there is no such process.
QByteArray processStart(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return {};
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' '); // after "pid (comm) "
    if (fields.value(0) == "Z" || fields.value(0) == "X")
        return {}; // dead, not yet reaped
    return fields.value(19); // field 22 of the whole line
}

// The marker's text: the owner's pid and start.
QByteArray ownerMark()
{
    const qint64 pid = QCoreApplication::applicationPid();
    return QByteArray::number(pid) + ' ' + processStart(pid);
}

QString markerOf(const QString &dir)
{
    return dir + u'/' + QLatin1StringView(SandboxDirectory::kMarker);
}

Result<QString> makeDirectory(const QString &requested)
{
    if (requested.isEmpty()) {
        QTemporaryDir temp(QDir::tempPath() + u"/eic-sandbox-XXXXXX"_s);
        if (!temp.isValid())
            return Error{Tr::tr("Cannot create a directory for the sandbox under %1: %2").arg(QDir::tempPath(), temp.errorString()), {}, 0};
        temp.setAutoRemove(false);
        return temp.path();
    }
    // A sandbox killed in this directory left it behind: it is ours to reuse.
    QDir d(requested);
    if (d.exists() && !d.isEmpty() && !SandboxDirectory::removeIfAbandoned(requested))
        return Error{Tr::tr("%1 is not empty; give the sandbox a new or empty directory.").arg(requested), {}, 0};
    if (!QDir().mkpath(requested))
        return Error{Tr::tr("Cannot create the sandbox directory %1.").arg(requested), {}, 0};
    return requested;
}

// As root, PostgreSQL runs as postgres (it refuses root): pg is theirs, and every directory
// above it must let them through.
Result<bool> handToPostgres(const QString &dir, const QString &pgDir)
{
    const passwd *pw = ::getpwnam("postgres");
    if (!pw)
        return Error{Tr::tr("PostgreSQL refuses to run as root and there is no system user \"postgres\" to run it as; install the package postgresql."), {}, 0};
    for (QString p = dir; p != u"/"_s; p = QFileInfo(p).absolutePath()) {
        struct stat st {};
        if (::stat(QFile::encodeName(p).constData(), &st) == 0 && !(st.st_mode & S_IXOTH))
            return Error{Tr::tr("%1 cannot be entered by other users, so PostgreSQL (user postgres) cannot reach the sandbox; choose another directory.").arg(p), {}, 0};
    }
    if (::chown(QFile::encodeName(pgDir).constData(), pw->pw_uid, pw->pw_gid) != 0)
        return Error{Tr::tr("Cannot give %1 to the user postgres.").arg(pgDir), QString::fromLocal8Bit(strerror(errno)), 0};
    return true;
}

} // namespace

Result<QString> SandboxDirectory::create(const QString &requested)
{
    auto made = makeDirectory(requested);
    if (!made)
        return made.error();
    const QString dir = QFileInfo(*made).canonicalFilePath();
    QFile marker(markerOf(dir));
    if (!marker.open(QIODevice::WriteOnly) || marker.write(ownerMark()) <= 0)
        return Error{Tr::tr("Cannot write in the sandbox directory %1: %2").arg(dir, marker.errorString()), {}, 0};
    return dir;
}

Result<bool> SandboxDirectory::prepareStores(const SandboxInfo &info)
{
    // PostgreSQL may run as another user (as root: postgres) that must reach its data.
    ::chmod(QFile::encodeName(info.dir).constData(), 0755);
    const QString pgDir = info.dir + u"/pg"_s;
    QDir().mkpath(pgDir);
    QDir().mkpath(info.dir + u"/redis"_s);
    QDir().mkpath(info.backupFolder());
    QDir().mkpath(info.runsDir());
    if (::geteuid() == 0)
        if (auto handed = handToPostgres(info.dir, pgDir); !handed)
            return handed;
    ::chmod(QFile::encodeName(pgDir).constData(), 0700);
    return true;
}

bool SandboxDirectory::remove(const QString &dir)
{
    return QFile::exists(markerOf(dir)) && QDir(dir).removeRecursively();
}

bool SandboxDirectory::removeIfAbandoned(const QString &dir)
{
    QFile marker(markerOf(dir));
    if (!marker.open(QIODevice::ReadOnly))
        return false; // not a sandbox's (or not ours to judge)
    // The owner lives while a process with its pid and its start time exists (any program: the
    // GUI, eicctl, a test). A marker without a start time: its pid alone decides.
    const QList<QByteArray> mark = marker.readAll().trimmed().split(' ');
    const qint64 owner = mark.value(0).toLongLong();
    const QByteArray started = processStart(owner);
    const bool alive = !started.isEmpty() && (mark.value(1).isEmpty() || mark.value(1) == started);
    if (owner <= 0 || alive || owner == QCoreApplication::applicationPid() || !QDir(dir).removeRecursively())
        return false;
    spdlog::info("sandbox: removed {}, left by process {} that is gone", dir.toStdString(), owner);
    return true;
}

QStringList SandboxDirectory::removeAbandoned()
{
    QStringList removed;
    const QDir temp(QDir::tempPath());
    for (const QString &name : temp.entryList({u"eic-sandbox-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (const QString dir = temp.filePath(name); removeIfAbandoned(dir))
            removed.append(dir);
    }
    return removed;
}

bool SandboxDirectory::writePrivate(const QString &path, const QByteArray &content)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(content);
    return f.commit();
}

Result<bool> SandboxDirectory::writeDescription(const SandboxInfo &info)
{
    auto quote = [](const QString &v) { return u'\'' + QString(v).replace(u'\'', "'\\''"_L1) + u'\''; };
    QString env = u"# eic-restore sandbox: source this file (it holds the sandbox's passwords).\n"_s;
    env += u"export KUBECONFIG=%1\n"_s.arg(quote(info.kubeconfig));
    env += u"export EIC_RESTORE_RUNS_DIR=%1\n"_s.arg(quote(info.runsDir()));
    env += u"export EIC_SANDBOX_DATABASE=%1\n"_s.arg(quote(info.databaseConninfo()));
    env += u"export EIC_SANDBOX_DATASTORE=%1\n"_s.arg(quote(info.datastoreUrl()));
    env += u"export EIC_SANDBOX_BACKUPS=%1\n"_s.arg(quote(info.backupFolder()));
    env += u"export PGPASSWORD=%1\n"_s.arg(quote(info.pgPassword));
    env += u"export REDISCLI_AUTH=%1\n"_s.arg(quote(info.redisPassword));
    if (!writePrivate(info.envFile(), env.toUtf8()))
        return Error{Tr::tr("Cannot write in the sandbox directory %1.").arg(info.dir), {}, 0};
    QJsonObject state{{u"pid"_s, qint64(QCoreApplication::applicationPid())},
                      {u"dir"_s, info.dir},
                      {u"apiServer"_s, info.apiServer},
                      {u"kubeconfig"_s, info.kubeconfig},
                      {u"context"_s, info.context},
                      {u"database"_s, info.databaseConninfo()},
                      {u"datastore"_s, info.datastoreUrl()},
                      {u"postgresVersion"_s, info.pgVersion},
                      {u"redisVersion"_s, info.redisVersion},
                      {u"backups"_s, info.backupFolder()},
                      {u"runs"_s, info.runsDir()},
                      {u"env"_s, info.envFile()}};
    writePrivate(info.dir + u"/sandbox.json"_s, QJsonDocument(state).toJson());
    return true;
}

namespace {

QStringList filesUnder(const QString &dir, const QStringList &patterns = {})
{
    QStringList files;
    QDirIterator it(dir, patterns, QDir::Files | QDir::Hidden | QDir::NoSymLinks, QDirIterator::Subdirectories);
    while (it.hasNext())
        files.append(it.next());
    files.sort();
    return files;
}

} // namespace

Keepsakes SandboxDirectory::keepsakes(const QString &dir)
{
    Keepsakes k;
    if (dir.isEmpty() || !QFileInfo(dir).isDir())
        return k;
    const QString backups = dir + u"/backups"_s;
    const QString runs = dir + u"/runs"_s;
    k.backups = filesUnder(backups);
    k.runs = filesUnder(runs);
    for (const QString &f : filesUnder(dir, {u"*.pdf"_s, u"*.html"_s}))
        if (!f.startsWith(backups + u'/') && !f.startsWith(runs + u'/') && !f.startsWith(dir + u"/pg/"_s) && !f.startsWith(dir + u"/redis/"_s))
            k.reports.append(f);
    return k;
}

Result<QString> SandboxDirectory::keep(const QString &dir, const QString &dest)
{
    const Keepsakes k = keepsakes(dir);
    const QDir from(dir);
    for (const QString &file : k.all()) {
        const QString target = QDir(dest).filePath(from.relativeFilePath(file));
        if (!QDir().mkpath(QFileInfo(target).absolutePath()) || (QFile::exists(target) && !QFile::remove(target)) || !QFile::copy(file, target))
            return Error{Tr::tr("Cannot copy %1 to %2.").arg(file, target), {}, 0};
    }
    spdlog::info("sandbox: {} file(s) of {} kept in {}", k.all().size(), dir.toStdString(), dest.toStdString());
    return dest;
}

} // namespace eic::sandbox
