#include "PrivateDir.h"

#include "ChildProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::util {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(PrivateDir)
};

constexpr const char *kMarker = ".owner";

QByteArray native(const QString &path)
{
    return QFile::encodeName(path);
}

bool ownedByUsOnly(const QString &path)
{
    struct stat st = {};
    return ::lstat(native(path).constData(), &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == ::geteuid() && (st.st_mode & 07777) == 0700;
}

QString runtimeBase()
{
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    struct stat st = {};
    if (runtime.isEmpty() || ::stat(native(runtime).constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid()
        || ::access(native(runtime).constData(), W_OK | X_OK) != 0)
        return {};
    return runtime + u"/eic-restore"_s;
}

QString dataBase()
{
    // Where the journals are ($XDG_DATA_HOME, else ~/.local/share): the user's own, not shared.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/eic-restore/private"_s;
}

// A directory of ours, 0700: made if missing, its mode set back if we own it; anything else
// (another owner, a symlink planted there) is refused.
Result<bool> ensurePrivate(const QString &path)
{
    if (::mkdir(native(path).constData(), 0700) != 0 && errno != EEXIST)
        return Error{Tr::tr("Cannot create the private folder %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno))), {}, 0};
    struct stat st = {};
    if (::lstat(native(path).constData(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid())
        return Error{Tr::tr("%1 is not a folder of this user: temporary credentials are not written there.").arg(path), {}, 0};
    if ((st.st_mode & 07777) != 0700 && ::chmod(native(path).constData(), 0700) != 0)
        return Error{Tr::tr("Cannot make %1 private (mode 0700).").arg(path), {}, 0};
    return true;
}

Result<QString> writeNew(const QString &path, const QByteArray &content)
{
    const int fd = ::open(native(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{Tr::tr("Cannot write %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno))), {}, 0};
    bool ok = ::fchmod(fd, 0600) == 0; // the umask may have taken bits away, never added some
    for (qsizetype written = 0; ok && written < content.size();) {
        const ssize_t n = ::write(fd, content.constData() + written, static_cast<size_t>(content.size() - written));
        ok = n > 0 || (n < 0 && errno == EINTR);
        written += n > 0 ? n : 0;
    }
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        QFile::remove(path);
        return Error{Tr::tr("Cannot write %1.").arg(path), {}, 0};
    }
    return path;
}

// The start time of the process that made `dir`, from its marker; 0 if there is none.
qint64 markerTicks(const QString &dir)
{
    QFile f(dir + u'/' + QLatin1StringView(kMarker));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    return f.readAll().trimmed().split(' ').value(1).toLongLong();
}

qint64 pidOf(const QString &dirName)
{
    return dirName.section(u'-', -1).toLongLong();
}

} // namespace

QString PrivateDir::base()
{
    const QString runtime = runtimeBase();
    return runtime.isEmpty() ? dataBase() : runtime;
}

Result<std::unique_ptr<PrivateDir>> PrivateDir::create(const QString &name)
{
    const QString root = base();
    if (root == dataBase() && !QDir().mkpath(QFileInfo(root).absolutePath()))
        return Error{Tr::tr("Cannot create the folder %1.").arg(QFileInfo(root).absolutePath()), {}, 0};
    if (auto ok = ensurePrivate(root); !ok)
        return ok.error();
    const qint64 self = QCoreApplication::applicationPid();
    const qint64 selfTicks = startTicksOf(self);
    for (int n = 1, attempts = 0; n <= 100 && attempts < 200; ++n, ++attempts) {
        // Two jobs of one process with one name: the second gets "<name>.2-<pid>".
        const QString path = root + u'/' + (n == 1 ? name : name + u'.' + QString::number(n)) + u'-' + QString::number(self);
        if (::mkdir(native(path).constData(), 0700) != 0) {
            if (errno != EEXIST)
                return Error{Tr::tr("Cannot create the private folder %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno))), {}, 0};
            // Left by an earlier process that had our pid: not ours, and gone.
            if (markerTicks(path) != selfTicks && ownedByUsOnly(path) && QDir(path).removeRecursively())
                --n;
            continue;
        }
        auto dir = std::unique_ptr<PrivateDir>(new PrivateDir(path));
        if (!ownedByUsOnly(path))
            return Error{Tr::tr("The private folder %1 does not have mode 0700 of this user.").arg(path), {}, 0};
        if (auto marker = writeNew(path + u'/' + QLatin1StringView(kMarker), u"%1 %2\n"_s.arg(self).arg(selfTicks).toLatin1()); !marker)
            return marker.error();
        return dir;
    }
    return Error{Tr::tr("Cannot create a private folder in %1: too many in use.").arg(root), {}, 0};
}

PrivateDir::~PrivateDir()
{
    QDir(m_path).removeRecursively();
}

Result<QString> PrivateDir::writeSecretFile(const QString &fileName, const QByteArray &content)
{
    if (fileName.isEmpty() || fileName.contains(u'/') || fileName == "."_L1 || fileName == ".."_L1 || fileName == QLatin1StringView(kMarker))
        return Error{Tr::tr("%1 is not a plain file name.").arg(fileName), {}, 0};
    return writeNew(m_path + u'/' + fileName, content);
}

int PrivateDir::sweep()
{
    int removed = 0;
    // Both places: the run that left a folder may have had another environment than this one.
    QStringList roots{dataBase()};
    if (const QString runtime = runtimeBase(); !runtime.isEmpty())
        roots.prepend(runtime);
    for (const QString &root : std::as_const(roots)) {
        const QStringList entries = QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden | QDir::NoSymLinks);
        for (const QString &entry : entries) {
            const QString path = root + u'/' + entry;
            const qint64 pid = pidOf(entry);
            const qint64 ticks = markerTicks(path);
            // No marker yet: made this instant by a live process, or left by one killed at once.
            const bool gone = pid > 0 && (ticks > 0 ? !isAlive({pid, ticks, {}}) : startTicksOf(pid) == 0);
            if (gone && ownedByUsOnly(path) && QDir(path).removeRecursively())
                ++removed;
        }
    }
    return removed;
}

} // namespace eic::util
