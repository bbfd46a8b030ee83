#include "PgTools.h"

#include "util/ChildProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

int majorOf(const QString &program, QString *versionText)
{
    QProcess p;
    util::makeRunChild(&p);
    p.setProcessEnvironment(toolEnvironment());
    p.start(program, {u"--version"_s});
    if (!p.waitForFinished(10000) || p.exitCode() != 0)
        return 0;
    *versionText = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
    static const QRegularExpression re(u"\\) (\\d+)"_s);
    const auto m = re.match(*versionText);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

QString quoteConninfo(const QString &value)
{
    QString v = value;
    v.replace(u'\\', "\\\\"_L1).replace(u'\'', "\\'"_L1);
    return u'\'' + v + u'\'';
}

QString escapePass(const QString &value)
{
    QString v = value;
    return v.replace(u'\\', "\\\\"_L1).replace(u':', "\\:"_L1);
}

} // namespace

Result<PgTools> PgTools::locate(int serverVersionNum)
{
    const int serverMajor = serverVersionNum / 10000;
    QStringList candidates;
    for (int major = serverMajor; major <= serverMajor + 3; ++major)
        candidates.append(u"/usr/lib/postgresql/%1/bin"_s.arg(major));
    const QString onPath = QStandardPaths::findExecutable(u"pg_dump"_s);
    if (!onPath.isEmpty())
        candidates.append(QFileInfo(onPath).absolutePath());
    for (const QString &dir : candidates) {
        const QString dump = dir + u"/pg_dump"_s;
        const QString restore = dir + u"/pg_restore"_s;
        if (!QFileInfo(dump).isExecutable() || !QFileInfo(restore).isExecutable())
            continue;
        PgTools tools{dump, restore, 0, {}};
        tools.major = majorOf(dump, &tools.version);
        // Newer tools read older servers; older tools cannot dump a newer server.
        if (tools.major >= serverMajor)
            return tools;
    }
    return Error{QCoreApplication::translate("PgTools",
                                             "No pg_dump/pg_restore for PostgreSQL %1 or newer was found (looked in /usr/lib/postgresql/%1/bin and PATH). "
                                             "Install the client tools of the server's major version (Debian: postgresql-client-%1).")
                     .arg(serverMajor),
                 {}, 0};
}

Result<PgTools> PgTools::newest()
{
    int best = 0;
    const QStringList versions = QDir(u"/usr/lib/postgresql"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &v : versions)
        best = qMax(best, v.toInt());
    // locate() takes the first set at least this new: the newest one, else the one on PATH.
    return locate(best * 10000);
}

Result<std::unique_ptr<PgPassFile>> PgPassFile::create(const QString &job, const QString &user, const QString &password)
{
    auto dir = util::PrivateDir::create(job);
    if (!dir)
        return Error{QCoreApplication::translate("PgTools", "Cannot create a private folder for the password file: %1").arg(dir.error().message), {}, 0};
    auto file = std::unique_ptr<PgPassFile>(new PgPassFile);
    file->m_dir = std::move(dir.value());
    auto written = file->m_dir->writeSecretFile(u"pgpass"_s, (u"*:*:*:%1:%2\n"_s.arg(escapePass(user), escapePass(password))).toUtf8());
    if (!written)
        return written.error();
    file->m_path = *written;
    return file;
}

PgPassFile::~PgPassFile() = default;

QString PgPassFile::directory() const
{
    return m_dir ? m_dir->path() : QString();
}

QProcessEnvironment toolEnvironment(const PgPassFile *passFile)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QStringList names = env.keys();
    for (const QString &name : names) {
        const QString upper = name.toUpper();
        if (upper == "REDISCLI_AUTH"_L1 || upper == "PGPASSFILE"_L1 || upper.contains("PASSWORD"_L1) || upper.contains("PASSWD"_L1)
            || upper.contains("SECRET"_L1) || upper.contains("TOKEN"_L1))
            env.remove(name);
    }
    if (passFile)
        env.insert(u"PGPASSFILE"_s, passFile->path());
    return env;
}

QString toolConninfo(const PgConnectOptions &o)
{
    QStringList parts;
    for (const auto &[key, value] : o.parameters(false))
        parts.append(QString::fromLatin1(key) + u'=' + quoteConninfo(value));
    return parts.join(u' ');
}

} // namespace eic::stores
