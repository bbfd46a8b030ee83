#pragma once

#include <QPlainTextEdit>

namespace eic::ui {

// The log pane: every line spdlog writes, delivered to the GUI thread (queued), capped, wrapped;
// a message's further lines are indented under its text.
class LogPane : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit LogPane(QWidget *parent = nullptr);

Q_SIGNALS:
    void lineArrived(int level, const QString &line);

private:
    void appendLine(int level, const QString &line);
};

} // namespace eic::ui
