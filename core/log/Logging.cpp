#include "Logging.h"

#include <QDir>
#include <QStandardPaths>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <algorithm>
#include <cstring>
#include <mutex>

using namespace Qt::StringLiterals;

namespace eic::logging {

namespace {

std::shared_ptr<spdlog::logger> g_logger;
QString g_directory;

class CallbackSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit CallbackSink(LineCallback callback) : m_callback(std::move(callback)) {}

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        spdlog::memory_buf_t formatted;
        formatter_->format(msg, formatted);
        std::string line(formatted.data(), formatted.size());
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.pop_back();
        m_callback(msg.level, line);
    }
    void flush_() override {}

private:
    LineCallback m_callback;
};

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    spdlog::level::level_enum level = spdlog::level::info;
    switch (type) {
    case QtDebugMsg: level = spdlog::level::debug; break;
    case QtInfoMsg: level = spdlog::level::info; break;
    case QtWarningMsg: level = spdlog::level::warn; break;
    case QtCriticalMsg: level = spdlog::level::err; break;
    case QtFatalMsg: level = spdlog::level::critical; break;
    }
    const char *category = context.category && qstrcmp(context.category, "default") != 0 ? context.category : "qt";
    logger()->log(level, "[{}] {}", category, message.toStdString());
    if (type == QtFatalMsg) {
        logger()->flush();
        std::abort();
    }
}

} // namespace

void init(const Options &options)
{
    std::vector<spdlog::sink_ptr> sinks;
    if (options.console) {
        auto console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
        console->set_level(options.consoleLevel);
        sinks.push_back(console);
    }
    g_directory = options.directory.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) + u"/logs"_s
        : options.directory;
    if (QDir().mkpath(g_directory)) {
        try {
            const QString file = g_directory + u'/' + (options.appName.isEmpty() ? u"eic-restore"_s : options.appName) + u".log"_s;
            auto rotating = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(file.toStdString(), 5 * 1024 * 1024, 5);
            rotating->set_level(spdlog::level::trace);
            sinks.push_back(rotating);
        } catch (const spdlog::spdlog_ex &) {
            // No writable log directory: the console still gets everything.
        }
    }
    g_logger = std::make_shared<spdlog::logger>("eic", sinks.begin(), sinks.end());
    g_logger->set_level(options.level);
    g_logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%-5l%$ %v");
    g_logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(g_logger);
    qInstallMessageHandler(qtMessageHandler);
}

QString logDirectory()
{
    return g_directory;
}

std::shared_ptr<spdlog::logger> logger()
{
    // Before init (tests, libraries) spdlog's default console logger is the one.
    return g_logger ? g_logger : spdlog::default_logger();
}

int lineSinkPrefixWidth(spdlog::level::level_enum level)
{
    return int(std::strlen("00:00:00.000 ")) + std::max(5, int(spdlog::level::to_string_view(level).size())) + 1;
}

void addLineSink(LineCallback callback)
{
    auto sink = std::make_shared<CallbackSink>(std::move(callback));
    sink->set_pattern("%H:%M:%S.%e %-5l %v"); // lineSinkPrefixWidth() follows this
    logger()->sinks().push_back(sink);
}

spdlog::level::level_enum parseLevel(const QString &name, bool *ok)
{
    const auto level = spdlog::level::from_str(name.toLower().toStdString());
    *ok = level != spdlog::level::off || name.compare("off"_L1, Qt::CaseInsensitive) == 0;
    if (name.compare("warn"_L1, Qt::CaseInsensitive) == 0)
        return spdlog::level::warn;
    return level;
}

} // namespace eic::logging
