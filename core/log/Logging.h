#pragma once

#include <QString>

#include <spdlog/spdlog.h>

#include <functional>
#include <memory>

namespace eic::logging {

struct Options {
    QString appName;       // file name of the rotating log: <appName>.log
    QString directory;     // default: <AppLocalDataLocation>/logs
    spdlog::level::level_enum level = spdlog::level::info;
    spdlog::level::level_enum consoleLevel = spdlog::level::info;
    bool console = true;   // to stderr
};

// spdlog from the first line: a console sink, a rotating file in the app's log directory,
// and Qt's message handler routed into both (qDebug/qWarning from Qt itself included).
void init(const Options &options);
QString logDirectory();
std::shared_ptr<spdlog::logger> logger();

// Extra sinks (the GUI's log pane) receive every formatted line from here on. A line starts
// with "HH:MM:SS.mmm level " (the level's name padded to 5): lineSinkPrefixWidth characters.
int lineSinkPrefixWidth(spdlog::level::level_enum level);
using LineCallback = std::function<void(spdlog::level::level_enum, const std::string &)>;
void addLineSink(LineCallback callback);

spdlog::level::level_enum parseLevel(const QString &name, bool *ok);

} // namespace eic::logging

// Short forms that take QStrings.
#define EIC_LOG(level, ...) ::eic::logging::logger()->log(level, __VA_ARGS__)
