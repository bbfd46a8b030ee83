#pragma once

#include <QMetaType>
#include <QString>

namespace eic::stores {

struct RedisProgress {
    QString phase; // "scanning", "verifying", "restoring", "checking"
    quint64 keys = 0;
    quint64 keysTotal = 0;
    qint64 bytes = 0;
    double keysPerSecond = 0;
    double elapsedSeconds = 0;
    double etaSeconds = -1;
};

} // namespace eic::stores

Q_DECLARE_METATYPE(eic::stores::RedisProgress)
