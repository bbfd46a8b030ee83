#pragma once
// TEMPORARY shim until helper-children's ChildProcess merges (same API).
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <functional>
#include <optional>
namespace eic::util {
struct ChildRecord {
    qint64 pid = 0;
    qint64 startTicks = 0;
    QString program;
    QJsonObject toJson() const;
    static ChildRecord fromJson(const QJsonObject &);
};
void makeRunChild(QProcess *process, std::function<void()> extra = {});
std::optional<ChildRecord> recordOf(const QProcess &process);
bool isAlive(const ChildRecord &child);
void endSurvivor(const ChildRecord &child, int graceMs, QObject *context, std::function<void(bool gone)> done);
}
