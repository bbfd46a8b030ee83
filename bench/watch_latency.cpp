// Benchmark: the time from the simulated cell changing a deployment to the dashboard's model
// showing it, over 200 changes, against kubectl get -w watching the same changes in the same
// run (a ratio). It also records the longest stall of the thread that runs the model.
// The sim runs on its own thread, as a real API server runs elsewhere.
//
// Usage: bench-watch-latency [--changes N] [--deployments N] [--kubectl PATH]

#include "SimCell.h"
#include "SimHost.h"
#include "cell/CellSession.h"
#include "kube/KubeConfig.h"

#include <QAbstractEventDispatcher>
#include <QCommandLineParser>
#include <QMutex>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

QElapsedTimer g_clock; // monotonic, shared by both threads

double nowMs()
{
    return static_cast<double>(g_clock.nsecsElapsed()) / 1e6;
}

struct Stats {
    double median = 0;
    double p95 = 0;
    double max = 0;
};

Stats stats(QList<double> v)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return {};
    return {v.at(v.size() / 2), v.at(std::min<qsizetype>(v.size() - 1, v.size() * 95 / 100)), v.last()};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    QCommandLineOption changesOpt(u"changes"_s, u"number of changes"_s, u"n"_s, u"200"_s);
    QCommandLineOption deploymentsOpt(u"deployments"_s, u"deployments in the cell"_s, u"n"_s, u"500"_s);
    QCommandLineOption kubectlOpt(u"kubectl"_s, u"kubectl binary"_s, u"path"_s, u"kubectl"_s);
    parser.addOptions({changesOpt, deploymentsOpt, kubectlOpt});
    parser.addHelpOption();
    parser.process(app);
    const int changes = parser.value(changesOpt).toInt();
    const int deployments = parser.value(deploymentsOpt).toInt();
    g_clock.start();

    QTemporaryDir dir;
    const QString kubeconfig = dir.filePath(u"kubeconfig"_s);
    QString error;
    auto scenario = eic::sim::Scenario::fromJson(QJsonObject{{"extraDeployments"_L1, qMax(0, deployments - 11)}}, &error);

    // The sim on its own thread.
    QThread simThread;
    QObject anchor; // lives on the sim's thread: what invokeMethod runs code there with
    anchor.moveToThread(&simThread);
    simThread.start();
    eic::sim::SimHost *sim = nullptr;
    QHash<qint64, qint64> changedAt; // resourceVersion -> ms (written on the sim thread, read after)
    QMutex mutex;
    QMetaObject::invokeMethod(&anchor, [&] {
        sim = new eic::sim::SimHost;
        eic::sim::SimOptions options;
        options.kubeconfigOut = kubeconfig;
        options.scenario = *scenario;
        if (!sim->start(options, &error)) {
            delete sim;
            sim = nullptr;
        }
    }, Qt::BlockingQueuedConnection);
    if (!sim) {
        std::fprintf(stderr, "bench: eic-sim did not start: %s\n", qPrintable(error));
        return 1;
    }

    auto config = eic::kube::KubeConfig::load({kubeconfig});
    auto ctx = config->resolve();
    eic::cell::CellSession session(*ctx);
    eic::cell::CellMonitor &monitor = *session.monitor;

    // The reference: kubectl get -w on the same deployments, lines timed as they arrive.
    QProcess kubectl;
    QHash<QString, double> kubectlSaw; // "name desired" -> ms
    QByteArray kubectlBuffer;
    kubectl.setProcessEnvironment([&] {
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"KUBECONFIG"_s, kubeconfig);
        return env;
    }());
    QObject::connect(&kubectl, &QProcess::readyReadStandardOutput, &kubectl, [&] {
        const double now = nowMs();
        kubectlBuffer += kubectl.readAllStandardOutput();
        qsizetype nl;
        while ((nl = kubectlBuffer.indexOf('\n')) >= 0) {
            const QList<QByteArray> f = kubectlBuffer.left(nl).simplified().split(' ');
            kubectlBuffer.remove(0, nl + 1);
            // EVENT NAME READY(ready/desired) ...
            if (f.size() >= 3) {
                const QString key = QString::fromLatin1(f.at(1)) + u' ' + QString::fromLatin1(f.at(2).split('/').value(1));
                if (!kubectlSaw.contains(key))
                    kubectlSaw.insert(key, now);
            }
        }
    });
    kubectl.start(parser.value(kubectlOpt), {u"--cache-dir"_s, dir.filePath(u"cache"_s), u"get"_s, u"deploy"_s, u"-w"_s,
                                              u"--output-watch-events"_s, u"--no-headers"_s});

    // Stall meter: a 5 ms timer on the model's thread; the largest gap beyond 5 ms is a stall.
    qint64 lastTick = g_clock.elapsed();
    qint64 longestStall = 0;
    QTimer meter;
    QObject::connect(&meter, &QTimer::timeout, &meter, [&] {
        const qint64 now = g_clock.elapsed();
        longestStall = std::max(longestStall, now - lastTick - 5);
        lastTick = now;
    });
    meter.start(5);

    QElapsedTimer syncClock;
    syncClock.start();
    monitor.start();
    while (!(monitor.synced() && monitor.connectionState() == eic::cell::ConnectionState::Live) && syncClock.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const qint64 syncMs = syncClock.elapsed();
    const qint64 syncStall = longestStall;
    longestStall = 0;
    // Wait for kubectl's initial list too.
    while (kubectlSaw.size() < deployments && syncClock.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);

    QList<double> ours;
    QList<double> theirs;
    QHash<QString, double> oursSaw;
    QObject::connect(&monitor, &eic::cell::CellMonitor::componentChanged, &monitor, [&](int row) {
        const auto &c = monitor.components().at(row);
        const QString key = c.name + u' ' + QString::number(c.desired);
        if (!oursSaw.contains(key))
            oursSaw.insert(key, nowMs());
    });
    for (int i = 0; i < changes; ++i) {
        // Alternate a deployment between 3 and 4 replicas: a new desired count each time.
        const QString name = u"extra-%1"_s.arg(i % qMax(1, deployments - 11), 4, 10, QChar(u'0'));
        const int replicas = 3 + (i / qMax(1, deployments - 11)) % 2 + 2 * (i % 2);
        const QString key = name + u' ' + QString::number(replicas);
        oursSaw.remove(key);
        kubectlSaw.remove(key);
        double t0 = 0;
        QMetaObject::invokeMethod(sim, [&] {
            t0 = nowMs();
            sim->cell().setReplicas(u"edge-icell"_s, name, replicas);
        }, Qt::BlockingQueuedConnection);
        QElapsedTimer wait;
        wait.start();
        while ((!oursSaw.contains(key) || !kubectlSaw.contains(key)) && wait.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        if (oursSaw.contains(key))
            ours.append(oursSaw.value(key) - t0);
        if (kubectlSaw.contains(key))
            theirs.append(kubectlSaw.value(key) - t0);
    }
    kubectl.kill();
    kubectl.waitForFinished(5000);
    const Stats o = stats(ours);
    const Stats k = stats(theirs);
    std::printf("watch latency over %lld changes, %d deployments\n", static_cast<long long>(ours.size()), deployments);
    std::printf("  eic-restore model: median %.2f ms, p95 %.2f ms, max %.2f ms\n", o.median, o.p95, o.max);
    std::printf("  kubectl get -w   : median %.2f ms, p95 %.2f ms, max %.2f ms (%lld seen)\n", k.median, k.p95, k.max,
                static_cast<long long>(theirs.size()));
    std::printf("  ratio (ours/kubectl, median): %.2f\n", k.median > 0 ? o.median / k.median : 0.0);
    std::printf("  initial list+watch of %d deployments: %lld ms (longest stall of the model's thread meanwhile: %lld ms)\n", deployments,
                static_cast<long long>(syncMs), static_cast<long long>(syncStall));
    std::printf("  longest stall of the model's thread while following changes: %lld ms\n", static_cast<long long>(longestStall));
    QMetaObject::invokeMethod(sim, [&] { delete sim; }, Qt::BlockingQueuedConnection);
    simThread.quit();
    simThread.wait();
    return ours.size() == changes ? 0 : 1;
}
