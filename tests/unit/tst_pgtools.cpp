// pg_dump/pg_restore of the server's major version: Debian's per-version directories, PATH,
// newer tools for an older server, and a sentence naming the package when none fits.

#include "stores/postgres/PgTools.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using eic::stores::PgTools;

class TestPgTools : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsTheServersMajor();
    void newerToolsServeAnOlderServer();
    void toolsOnPathAreUsedWhenTheirMajorFits();
    void saysWhichPackageIsMissing();
};

namespace {

bool installed(int major)
{
    return QFileInfo(u"/usr/lib/postgresql/%1/bin/pg_dump"_s.arg(major)).isExecutable();
}

// A fake pg_dump/pg_restore that answer --version like the real ones.
void writeTool(const QString &dir, const QString &name, const QString &version)
{
    QFile f(dir + u'/' + name);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(u"#!/bin/sh\necho '%1 (PostgreSQL) %2'\n"_s.arg(name, version).toUtf8());
    f.close();
    QVERIFY(f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner));
}

} // namespace

void TestPgTools::findsTheServersMajor()
{
    if (!installed(15))
        QSKIP("needs postgresql-client-15 (scripts/setup installs it)");
    auto tools = PgTools::locate(150004);
    QVERIFY2(tools, tools ? "" : qPrintable(tools.error().message));
    QCOMPARE(tools->major, 15);
    QCOMPARE(tools->pgDump, u"/usr/lib/postgresql/15/bin/pg_dump"_s);
    QCOMPARE(tools->pgRestore, u"/usr/lib/postgresql/15/bin/pg_restore"_s);
    QVERIFY(tools->version.startsWith(u"pg_dump (PostgreSQL) 15."_s));
}

void TestPgTools::newerToolsServeAnOlderServer()
{
    if (!installed(15) || installed(12) || installed(13) || installed(14))
        QSKIP("needs PostgreSQL 15 tools and none of 12-14");
    auto tools = PgTools::locate(120011);
    QVERIFY(tools);
    QCOMPARE(tools->major, 15);
}

void TestPgTools::toolsOnPathAreUsedWhenTheirMajorFits()
{
    QTemporaryDir bin;
    writeTool(bin.path(), u"pg_dump"_s, u"42.1"_s);
    writeTool(bin.path(), u"pg_restore"_s, u"42.1"_s);
    const QByteArray path = qgetenv("PATH");
    qputenv("PATH", QFile::encodeName(bin.path()) + ':' + path);
    auto tools = PgTools::locate(420001);
    auto tooNew = PgTools::locate(430000);
    qputenv("PATH", path);
    QVERIFY2(tools, tools ? "" : qPrintable(tools.error().message));
    QCOMPARE(tools->major, 42);
    QCOMPARE(tools->pgDump, bin.path() + u"/pg_dump"_s);
    QVERIFY(!tooNew); // 42's tools cannot dump a 43 server
}

void TestPgTools::saysWhichPackageIsMissing()
{
    auto tools = PgTools::locate(990002);
    QVERIFY(!tools);
    const QString message = tools.error().message;
    QVERIFY2(message.contains(u"PostgreSQL 99"_s) && message.contains(u"/usr/lib/postgresql/99/bin"_s)
                 && message.contains(u"postgresql-client-99"_s),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(TestPgTools)
#include "tst_pgtools.moc"
