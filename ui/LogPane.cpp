#include "LogPane.h"

#include "log/Logging.h"

#include <QPointer>

namespace eic::ui {

LogPane::LogPane(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setReadOnly(true);
    setMaximumBlockCount(2000);
    // At 2 a.m. nobody scrolls sideways to read why a restore stopped: lines wrap.
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
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
    // A message of several lines (libpq's errors end in DETAIL and HINT lines, and a newline)
    // shows each line under the first one's text, not under the time and level; a warning or
    // an error is coloured on all of its lines.
    const QString indent(logging::lineSinkPrefixWidth(spdlog::level::level_enum(level)), u' ');
    QStringList lines = line.split(u'\n');
    while (lines.size() > 1 && lines.constLast().trimmed().isEmpty())
        lines.removeLast();
    for (qsizetype i = 1; i < lines.size(); ++i)
        lines[i].prepend(indent);
    if (level < spdlog::level::warn) {
        appendPlainText(lines.join(u'\n'));
        return;
    }
    const QString colour = level >= spdlog::level::err ? QStringLiteral("#c62828") : QStringLiteral("#ef6c00");
    for (const QString &part : std::as_const(lines))
        appendHtml(QStringLiteral("<span style=\"color:%1; white-space:pre-wrap\">%2</span>").arg(colour, part.toHtmlEscaped()));
}

} // namespace eic::ui
