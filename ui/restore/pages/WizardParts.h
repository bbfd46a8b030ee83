#pragma once

#include <QString>

class QLabel;
class QListWidgetItem;
class QWidget;

namespace eic::ui {

// The pieces the wizard's pages share.
QLabel *wrapped(const QString &text, QWidget *parent);
// A check's line: passed (green tick) or failed (red cross).
QListWidgetItem *checkItem(bool ok, const QString &text);
// A check that could not be made (no store connection given): neither passed nor failed.
QListWidgetItem *notCheckedItem(const QString &text);
// A pre-flight check's name as the admin reads it.
QString checkTitle(const QString &check);

} // namespace eic::ui
