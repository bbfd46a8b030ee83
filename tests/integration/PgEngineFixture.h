#pragma once

// What tst_pgengine's tests share: the connection to scripts/test's PostgreSQL, running a
// backup or restore to its end, copies of a backup to damage, and a second role of the test
// binary (--eic-restore-helper) as an eicctl that the kill test kills.

#include "stores/postgres/BackupManifest.h"
#include "stores/postgres/PgBackup.h"
#include "stores/postgres/PgRestore.h"
#include "stores/postgres/PgSession.h"
#include "util/ChildProcess.h"
#include "util/PrivateDir.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <functional>
#include <optional>

#include <sys/stat.h>

namespace pgengine {

using namespace Qt::StringLiterals;
using namespace eic::stores;
using eic::util::ChildRecord;

inline PgConnectOptions testOptions(const QString &db)
{
    PgConnectOptions o;
    o.host = qEnvironmentVariable("EIC_TEST_PGHOST");
    o.port = qEnvironmentVariableIntValue("EIC_TEST_PGPORT");
    o.user = qEnvironmentVariable("EIC_TEST_PGUSER");
    o.password = qEnvironmentVariable("EIC_TEST_PGPASSWORD");
    o.dbname = db;
    o.sslmode = u"verify-full"_s;
    o.sslrootcert = qEnvironmentVariable("EIC_TEST_CA");
    return o;
}

// What a job may never leave behind: an old-style $TMPDIR/eic-pgpass-*, a pgpass anywhere, a
// private folder of ours.
inline QStringList secretsLeft()
{
    QStringList found;
    for (const QString &root : {QDir::tempPath(), qEnvironmentVariable("XDG_RUNTIME_DIR"), qEnvironmentVariable("XDG_DATA_HOME")}) {
        QDirIterator it(root, {u"eic-pgpass*"_s, u"pgpass"_s}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            found.append(it.next());
    }
    found += QDir(eic::util::PrivateDir::base()).entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
    return found;
}

inline QByteArray sha256Line(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex() + "  manifest.json\n";
}

// TMPDIR, XDG_RUNTIME_DIR and XDG_DATA_HOME of this run's own (the helper inherits them): what a
// job leaves behind is seen, and nothing another run on the machine leaves is taken for it.
inline void isolateSecrets()
{
    static QTemporaryDir root;
    for (const char *name : {"TMPDIR", "XDG_RUNTIME_DIR", "XDG_DATA_HOME"}) {
        const QString dir = root.path() + u'/' + QString::fromLatin1(name).toLower();
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv(name, QFile::encodeName(dir));
    }
}

// --eic-restore-helper BACKUP DB: restores, printing "RESTORING <pid> <start ticks>" of
// pg_restore as it starts, like eicctl journals it; then waits to be killed.
inline int pgEngineHelper(int argc, char **argv)
{
    if (argc < 4 || qstrcmp(argv[1], "--eic-restore-helper") != 0)
        return -1;
    QCoreApplication app(argc, argv);
    PgRestore job;
    PgRestore::Options o{testOptions(QString::fromLocal8Bit(argv[3])), QString::fromLocal8Bit(argv[2]), 1, true, 5000, {}};
    bool restoring = false;
    QObject::connect(&job, &PgRestore::progress, &job, [&restoring](const RestoreProgress &p) { restoring = p.phase == "restoring"_L1; });
    o.childStarted = [&restoring](const ChildRecord &c) {
        if (restoring)
            std::printf("RESTORING %lld %lld\n", c.pid, c.startTicks);
        std::fflush(stdout);
    };
    // Ending early (the test kills it while it restores): say why, for the test's log.
    QObject::connect(&job, &PgRestore::finished, &app, [](const eic::Result<RestoreOutcome> &r) {
        std::fprintf(stderr, "restore helper: finished: %s\n", r ? "ok" : qPrintable(r.error().toString()));
        QCoreApplication::exit(r ? 0 : 1);
    });
    job.start(o);
    return app.exec();
}

inline std::optional<ChildRecord> restoringChild(QProcess &helper)
{
    while (helper.canReadLine()) {
        const QByteArray line = helper.readLine().trimmed();
        const QList<QByteArray> f = line.split(' ');
        if (f.value(0) == "RESTORING")
            return ChildRecord{f.value(1).toLongLong(), f.value(2).toLongLong(), u"pg_restore"_s};
    }
    return std::nullopt;
}

class PgEngineFixture {
protected:
    PgConnectOptions options(const QString &db) const { return testOptions(db); }
    QStringList run(PgSession &s, const QString &sql)
    {
        std::optional<eic::Result<PgResult>> r;
        s.query(sql, [&r](const eic::Result<PgResult> &x) { r = x; });
        if (!QTest::qWaitFor([&] { return r.has_value(); }, 120000))
            return {u"ERROR: timeout"_s};
        if (!*r)
            return {u"ERROR: "_s + r->error().message};
        return r->value().rows.value(0);
    }
    bool open(PgSession &s, const QString &db)
    {
        std::optional<eic::Result<bool>> r;
        s.open(options(db), [&r](const eic::Result<bool> &x) { r = x; });
        return QTest::qWaitFor([&] { return r.has_value(); }, 20000) && r->ok();
    }
    QString checksums(const QString &db)
    {
        PgSession s;
        if (!open(s, db))
            return u"cannot connect"_s;
        QStringList all;
        for (const char *t : {"edc.tenant", "edc.artifact", "edc.message_log", "policy.policy", "policy.rule"})
            all.append(run(s, u"SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM %1 x"_s.arg(QLatin1StringView(t))).value(0));
        all.append(run(s, u"SELECT last_value || ':' || is_called FROM edc.message_seq"_s).value(0));
        all.append(run(s, u"SELECT md5(lo_get(oid)) FROM pg_largeobject_metadata"_s).value(0));
        return all.join(u' ');
    }
    eic::Result<BackupResult> backup(const QString &db, const QString &folder, int jobs = 2)
    {
        PgBackup job;
        QSignalSpy done(&job, &PgBackup::finished);
        PgBackup::Options o{options(db), folder, jobs, 1000000}; // 300k rows: counted exactly
        o.childStarted = [this](const ChildRecord &child) { m_children.append(child), m_childEnv = childEnvironment(child); };
        job.start(o);
        if (done.isEmpty() && !done.wait(120000))
            return eic::Error{u"backup timed out"_s, {}, 0};
        return done.first().first().value<eic::Result<BackupResult>>();
    }
    eic::Result<RestoreOutcome> restore(const QString &db, const QString &dir, bool terminate, PgRestore **keep = nullptr)
    {
        PgRestore job;
        if (keep)
            *keep = &job;
        QSignalSpy done(&job, &PgRestore::finished);
        job.start({options(db), dir, 2, terminate, 5000, {}});
        if (done.isEmpty() && !done.wait(120000))
            return eic::Error{u"restore timed out"_s, {}, 0};
        return done.first().first().value<eic::Result<RestoreOutcome>>();
    }

    // A copy of the first test's backup, to damage.
    bool copyBackup(const QString &copy) const
    {
        if (!QDir().mkpath(copy + u"/data"_s))
            return false;
        for (const QString &f : QDir(m_backup + u"/data"_s).entryList(QDir::Files))
            if (!QFile::copy(m_backup + u"/data/"_s + f, copy + u"/data/"_s + f))
                return false;
        if (QFile::exists(m_backup + u"/manifest.json.sha256"_s) && !QFile::copy(m_backup + u"/manifest.json.sha256"_s, copy + u"/manifest.json.sha256"_s))
            return false;
        return QFile::copy(m_backup + u"/manifest.json"_s, copy + u"/manifest.json"_s);
    }
    // A table's data file of a backup (one big enough to flip a byte in the middle).
    static QString tableFile(const QString &backup)
    {
        const auto manifest = BackupManifest::read(backup);
        if (!manifest)
            return {};
        for (const auto &f : manifest->files)
            if (f.bytes > 1000 && f.path.endsWith(u".dat.gz"_s))
                return backup + u'/' + f.path;
        return {};
    }
    static bool flipAByte(const QString &path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadWrite) || !f.seek(f.size() / 2))
            return false;
        char c = 0;
        return f.getChar(&c) && f.seek(f.size() / 2) && f.putChar(static_cast<char>(c ^ 0x20));
    }

    // What a child got: its environment and the PGPASSFILE's mode (read while it runs).
    static QStringList childEnvironment(const ChildRecord &child)
    {
        QFile f(u"/proc/%1/environ"_s.arg(child.pid));
        QStringList env;
        if (f.open(QIODevice::ReadOnly))
            for (const QByteArray &v : f.readAll().split('\0'))
                env.append(QString::fromLocal8Bit(v));
        for (const QString &v : std::as_const(env)) {
            struct stat st = {};
            if (v.startsWith("PGPASSFILE="_L1) && ::stat(QFile::encodeName(v.mid(11)).constData(), &st) == 0) {
                env.append(u"mode=%1"_s.arg(st.st_mode & 0777, 0, 8));
                if (::stat(QFile::encodeName(QFileInfo(v.mid(11)).absolutePath()).constData(), &st) == 0)
                    env.append(u"dirmode=%1"_s.arg(st.st_mode & 0777, 0, 8));
            }
        }
        return env;
    }
    // A copy of the first test's backup whose manifest is changed by `edit`, its checksum file
    // written again (`reseal`) or removed (an older backup).
    bool editedCopy(const QString &copy, const std::function<void(QJsonObject &)> &edit, bool reseal)
    {
        if (!copyBackup(copy))
            return false;
        QFile f(copy + u"/manifest.json"_s);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        QJsonObject m = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        if (edit)
            edit(m);
        const QByteArray bytes = QJsonDocument(m).toJson();
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(bytes) != bytes.size())
            return false;
        f.close();
        QFile::remove(copy + u"/manifest.json.sha256"_s);
        QFile sum(copy + u"/manifest.json.sha256"_s);
        return !reseal || (sum.open(QIODevice::WriteOnly) && sum.write(sha256Line(bytes)) > 0);
    }

    QString m_db;
    QTemporaryDir m_dir;
    QString m_backup; // made by the first test; the others copy it to damage it
    QList<ChildRecord> m_children;
    QStringList m_childEnv;
    bool m_ready = false;
    QString m_customDump; // cell.dump of customFormatArchive (with its sidecar)
};

} // namespace pgengine
