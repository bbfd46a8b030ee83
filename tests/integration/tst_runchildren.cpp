// The children of a run (util/ChildProcess) and the private folder for their credentials
// (util/PrivateDir), against the real kernel: default dispositions and an own process group
// whatever this process ignores or blocks; a child dies with its parent killed by SIGKILL (the
// parent is this binary again, --eic-run-child; a plain QProcess child is the control that
// survives); endSurvivor ends a whole group, with SIGKILL when SIGTERM is ignored; a pid with
// another start time is not our child; a private folder is 0700/0600, goes with its object,
// and what dead processes left is swept.

#include "util/ChildProcess.h"
#include "util/PrivateDir.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstdio>
#include <optional>

#include <unistd.h>

using namespace Qt::StringLiterals;
using eic::util::ChildRecord;

namespace {

// Field `n` (1-based, as proc(5) counts) of /proc/PID/stat; the name (field 2) may hold spaces.
qint64 statField(qint64 pid, int n)
{
    QFile f(u"/proc/%1/stat"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = f.readAll();
    return text.mid(text.lastIndexOf(')') + 2).split(' ').value(n - 3).toLongLong();
}

// "SigIgn:" or "SigBlk:" of /proc/PID/status, as a mask.
quint64 statusMask(qint64 pid, const char *field)
{
    QFile f(u"/proc/%1/status"_s.arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return ~0ULL;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().toULongLong(nullptr, 16);
    return ~0ULL;
}

// --eic-run-child with|without: starts `sleep 60` (through makeRunChild or not), prints its
// pid and start time, and waits to be killed.
int runChildHelper(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QProcess child;
    if (qstrcmp(argv[2], "with") == 0)
        eic::util::makeRunChild(&child);
    child.start(u"sleep"_s, {u"60"_s});
    const auto record = child.waitForStarted() ? eic::util::recordOf(child) : std::nullopt;
    if (!record)
        return 2;
    std::printf("%lld %lld\n", record->pid, record->startTicks);
    std::fflush(stdout);
    return app.exec();
}

} // namespace

class TestRunChildren : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void runChildHasDefaultsAndItsOwnGroup();
    void runChildDiesWithItsParent_data();
    void runChildDiesWithItsParent();
    void endSurvivorEndsTheGroup_data();
    void endSurvivorEndsTheGroup();
    void isAliveTellsAReusedPid();
    void privateDir();

private:
    QTemporaryDir m_dir;
};

void TestRunChildren::initTestCase()
{
    // Folders of this run's own: the sweep must find exactly what this test left.
    for (const char *name : {"XDG_RUNTIME_DIR", "XDG_DATA_HOME"}) {
        const QString dir = m_dir.filePath(QString::fromLatin1(name).toLower());
        QVERIFY(QDir().mkpath(dir));
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        qputenv(name, QFile::encodeName(dir));
    }
}

void TestRunChildren::runChildHasDefaultsAndItsOwnGroup()
{
    // As under nohup or a shell's trap: what a plain QProcess child would inherit.
    struct sigaction ignore = {}, oldPipe = {}, oldHup = {};
    ignore.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ignore, &oldPipe);
    ::sigaction(SIGHUP, &ignore, &oldHup);
    sigset_t usr1, oldMask;
    sigemptyset(&usr1);
    sigaddset(&usr1, SIGUSR1);
    ::pthread_sigmask(SIG_BLOCK, &usr1, &oldMask);
    QProcess plain, ours;
    eic::util::makeRunChild(&ours);
    for (QProcess *p : {&plain, &ours}) {
        p->start(u"sleep"_s, {u"30"_s});
        QVERIFY(p->waitForStarted());
    }
    ::sigaction(SIGPIPE, &oldPipe, nullptr);
    ::sigaction(SIGHUP, &oldHup, nullptr);
    ::pthread_sigmask(SIG_SETMASK, &oldMask, nullptr);
    const quint64 bits = (1ULL << (SIGHUP - 1)) | (1ULL << (SIGPIPE - 1)) | (1ULL << (SIGINT - 1)) | (1ULL << (SIGTERM - 1)) | (1ULL << (SIGQUIT - 1));
    // The control: the test would see it, had makeRunChild not reset them.
    QVERIFY(statusMask(plain.processId(), "SigIgn:") & (1ULL << (SIGHUP - 1))); // (Qt resets SIGPIPE itself)
    QVERIFY(statusMask(plain.processId(), "SigBlk:") & (1ULL << (SIGUSR1 - 1)));
    QCOMPARE(statusMask(ours.processId(), "SigIgn:") & bits, 0ULL);
    QCOMPARE(statusMask(ours.processId(), "SigBlk:"), 0ULL);
    QCOMPARE(statField(ours.processId(), 5), ours.processId()); // pgrp: its own group
    QCOMPARE(statField(plain.processId(), 5), static_cast<qint64>(::getpgrp()));
    const auto record = eic::util::recordOf(ours);
    QVERIFY(record && record->startTicks == statField(ours.processId(), 22) && record->program == "sleep"_L1);
    for (QProcess *p : {&plain, &ours}) {
        p->kill();
        p->waitForFinished();
    }
}

void TestRunChildren::runChildDiesWithItsParent_data()
{
    QTest::addColumn<bool>("runChild");
    QTest::newRow("made by makeRunChild: dies with its parent") << true;
    QTest::newRow("plain QProcess (the control): survives") << false;
}

// The parent is this binary again (--eic-run-child), killed with SIGKILL: no destructor runs.
void TestRunChildren::runChildDiesWithItsParent()
{
    QFETCH(bool, runChild);
    QProcess parent;
    parent.start(QCoreApplication::applicationFilePath(), {u"--eic-run-child"_s, runChild ? u"with"_s : u"without"_s});
    QVERIFY(parent.waitForStarted() && parent.waitForReadyRead(10000));
    const QList<QByteArray> line = parent.readLine().trimmed().split(' ');
    const ChildRecord child{line.value(0).toLongLong(), line.value(1).toLongLong(), u"sleep"_s};
    QVERIFY(eic::util::isAlive(child));
    ::kill(static_cast<pid_t>(parent.processId()), SIGKILL);
    QVERIFY(parent.waitForFinished(5000));
    if (runChild) {
        QTRY_VERIFY_WITH_TIMEOUT(!eic::util::isAlive(child), 5000);
    } else {
        QTest::qWait(500);
        QVERIFY(eic::util::isAlive(child));
        ::kill(static_cast<pid_t>(child.pid), SIGKILL);
    }
}

void TestRunChildren::endSurvivorEndsTheGroup_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("needsKill");
    QTest::newRow("ends on SIGTERM") << u"sleep 60 & sleep 60 & wait"_s << false;
    QTest::newRow("ignores SIGTERM: SIGKILL after the grace") << u"trap '' TERM; sleep 60 & sleep 60 & wait"_s << true;
}

void TestRunChildren::endSurvivorEndsTheGroup()
{
    QFETCH(QString, script);
    QFETCH(bool, needsKill);
    QProcess group;
    eic::util::makeRunChild(&group);
    group.start(u"/bin/sh"_s, {u"-c"_s, script});
    QVERIFY(group.waitForStarted());
    const auto child = eic::util::recordOf(group);
    QVERIFY(child);
    QTest::qWait(200); // the two sleeps have started
    std::optional<bool> gone;
    QElapsedTimer clock;
    clock.start();
    QObject context;
    eic::util::endSurvivor(*child, 300, &context, [&gone](bool g) { gone = g; });
    QVERIFY(!gone); // asynchronous: never answers from inside the call
    QTRY_VERIFY_WITH_TIMEOUT(gone.has_value(), 5000);
    qInfo("group ended in %lld ms", clock.elapsed());
    QVERIFY(*gone);
    QVERIFY(!eic::util::groupAlive(*child));
    QVERIFY(needsKill ? clock.elapsed() >= 300 : clock.elapsed() < 300);
}

void TestRunChildren::isAliveTellsAReusedPid()
{
    QProcess p;
    eic::util::makeRunChild(&p);
    p.start(u"sleep"_s, {u"30"_s});
    QVERIFY(p.waitForStarted());
    const ChildRecord child = *eic::util::recordOf(p);
    QVERIFY(eic::util::isAlive(child));
    QCOMPARE(ChildRecord::fromJson(child.toJson()).startTicks, child.startTicks);
    ChildRecord reused = child;
    reused.startTicks += 1; // the same pid, another process
    QVERIFY(!eic::util::isAlive(reused));
    QVERIFY(!eic::util::groupAlive(reused));
    QVERIFY(!eic::util::isAlive(ChildRecord{}));
    p.kill();
    QVERIFY(p.waitForFinished());
    QVERIFY(!eic::util::isAlive(child));
}

void TestRunChildren::privateDir()
{
    using eic::util::PrivateDir;
    QString path;
    {
        auto dir = PrivateDir::create(u"test"_s);
        QVERIFY2(dir, dir.ok() ? "" : qPrintable(dir.error().message));
        path = (*dir)->path();
        QVERIFY(path.startsWith(qEnvironmentVariable("XDG_RUNTIME_DIR") + u"/eic-restore/test-"_s));
        QCOMPARE(QFileInfo(path).permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        auto secret = (*dir)->writeSecretFile(u"pgpass"_s, "secret");
        QVERIFY(secret);
        QCOMPARE(QFileInfo(*secret).permissions() & 0x7077, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        QVERIFY(!(*dir)->writeSecretFile(u"../escape"_s, "x"));
        QVERIFY(!(*dir)->writeSecretFile(u"pgpass"_s, "again")); // never over a file
        auto second = PrivateDir::create(u"test"_s); // a second job of this process
        QVERIFY(second && (*second)->path() != path);
        QCOMPARE(PrivateDir::sweep(), 0); // ours are alive
    }
    QVERIFY(!QFileInfo::exists(path));
    // Left by processes that are gone: a pid that is free, and our pid with another start time.
    const QString base = PrivateDir::base();
    for (const QString &name : {u"pgrestore-999999999"_s, u"pgbackup-%1"_s.arg(QCoreApplication::applicationPid())}) {
        QVERIFY(QDir().mkpath(base + u'/' + name));
        QFile marker(base + u'/' + name + u"/.owner"_s);
        QVERIFY(marker.open(QIODevice::WriteOnly) && marker.write(name.section(u'-', -1).toLatin1() + " 12345\n") > 0);
        QFile::setPermissions(base + u'/' + name, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    QCOMPARE(PrivateDir::sweep(), 2);
    QVERIFY(QDir(base).isEmpty());
    // No usable XDG_RUNTIME_DIR: the user's data folder, never /tmp.
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    qunsetenv("XDG_RUNTIME_DIR");
    auto fallback = PrivateDir::create(u"test"_s);
    qputenv("XDG_RUNTIME_DIR", runtime);
    QVERIFY(fallback && (*fallback)->path().startsWith(qEnvironmentVariable("XDG_DATA_HOME") + u"/eic-restore/private/test-"_s));
}

int main(int argc, char **argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--eic-run-child") == 0)
        return runChildHelper(argc, argv);
    QCoreApplication app(argc, argv);
    TestRunChildren test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_runchildren.moc"
