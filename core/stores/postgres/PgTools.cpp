#include "PgTools.h"

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

Result<std::unique_ptr<PgPassFile>> PgPassFile::create(const QString &user, const QString &password)
{
    auto file = std::unique_ptr<PgPassFile>(new PgPassFile);
    file->m_file.setFileTemplate(QDir::tempPath() + u"/eic-pgpass-XXXXXX"_s);
    if (!file->m_file.open())
        return Error{QCoreApplication::translate("PgTools", "Cannot create a temporary password file: %1.").arg(file->m_file.errorString()), {}, 0};
    file->m_file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file->m_file.write((u"*:*:*:%1:%2\n"_s.arg(escapePass(user), escapePass(password))).toUtf8());
    file->m_file.flush();
    return file;
}

QString toolConninfo(const PgConnectOptions &o)
{
    QStringList parts;
    for (const auto &[key, value] : o.parameters(false))
        parts.append(QString::fromLatin1(key) + u'=' + quoteConninfo(value));
    return parts.join(u' ');
}

} // namespace eic::stores
