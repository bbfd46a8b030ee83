// Helper of bench/redis_engine.sh: the app's data store restore of a file (timed by the
// script, with its peak memory), and the same RESTORE commands as a RESP stream for
// `redis-cli --pipe`, the reference.
// Usage: bench-redis-engine restore FILE | emit-resp FILE OUT
// Env: EIC_TEST_REDIS_HOST/PORT/PASSWORD.

#include "stores/redis/RedisBackupFile.h"
#include "stores/redis/RedisConnection.h"
#include "stores/redis/RedisJobs.h"

#include <QCoreApplication>
#include <QFile>
#include <QSignalSpy>

#include <cstdio>

using namespace Qt::StringLiterals;
using namespace eic::stores;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench-redis-engine restore FILE | emit-resp FILE OUT\n");
        return 2;
    }
    if (args.at(0) == "emit-resp"_L1 && args.size() == 3) {
        RedisBackupStream stream;
        if (!stream.open(args.at(1)))
            return 1;
        QFile out(args.at(2));
        if (!out.open(QIODevice::WriteOnly))
            return 1;
        int db = -1;
        RedisRecord r;
        for (;;) {
            auto next = stream.next(&r);
            if (!next || !*next)
                break;
            if (r.db != db) {
                db = r.db;
                out.write(RedisConnection::encode({"SELECT", QByteArray::number(db)}));
            }
            out.write(RedisConnection::encode(restoreCommand(r)));
        }
        return 0;
    }
    if (args.at(0) == "restore"_L1) {
        RedisOptions o;
        o.host = qEnvironmentVariable("EIC_TEST_REDIS_HOST", u"127.0.0.1"_s);
        o.port = static_cast<quint16>(qEnvironmentVariableIntValue("EIC_TEST_REDIS_PORT"));
        o.password = qEnvironmentVariable("EIC_TEST_REDIS_PASSWORD");
        RedisRestore job;
        QSignalSpy done(&job, &RedisRestore::finished);
        // Where the time goes: the moment each phase begins (on stderr, after the timing line).
        QString phase;
        QObject::connect(&job, &RedisRestore::progress, &job, [&phase](const RedisProgress &p) {
            if (p.phase != phase) {
                phase = p.phase;
                std::fprintf(stderr, "  phase %s from %.2f s\n", qPrintable(phase), p.elapsedSeconds);
            }
        });
        job.start({o, args.at(1), true, 2000});
        if (done.isEmpty())
            (void)done.wait(600000);
        const auto r = done.first().first().value<eic::Result<RedisRestoreResult>>();
        if (!r) {
            std::fprintf(stderr, "restore failed: %s\n", qPrintable(r.error().message));
            return 1;
        }
        std::printf("restored %llu keys in %.2f s (digest %s)\n", static_cast<unsigned long long>(r->restored), r->seconds, qPrintable(r->digestCheck));
        return 0;
    }
    return 2;
}
