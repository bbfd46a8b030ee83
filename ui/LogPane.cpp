#include "LogPane.h"

#include "log/Logging.h"

#include <QPointer>

namespace eic::ui {

LogPane::LogPane(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setMaximumBlockCount(2000);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    setFont(mono);
    setAccessibleName(tr("Log"));
    connect(this, &LogPane::lineArrived, this, &LogPane::appendLine, Qt::QueuedConnection);
    // spdlog may log from any thread: the signal hops to ours; a closed pane receives nothing.
    QPointer<LogPane> self(this);
    logging::addLineSink([self](spdlog::level::level_enum level, const std::string &line) {
        if (self)
            Q_EMIT self->lineArrived(static_cast<int>(level), QString::fromStdString(line));
    });
}

void LogPane::appendLine(int level, const QString &line)
{
    if (level >= spdlog::level::warn)
        appendHtml(QStringLiteral("<span style=\"color:%1\">%2</span>")
                       .arg(level >= spdlog::level::err ? QStringLiteral("#c62828") : QStringLiteral("#ef6c00"), line.toHtmlEscaped()));
    else
        appendPlainText(line);
}

} // namespace eic::ui
