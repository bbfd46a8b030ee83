#pragma once

#include <QString>

class QJsonObject;
class QLabel;
class QListWidgetItem;
class QWidget;

namespace eic::ui {

// The pieces the wizard's pages share.
QLabel *wrapped(const QString &text, QWidget *parent);
// A check's line: passed (green tick) or failed (red cross).
QListWidgetItem *checkItem(bool ok, const QString &text);
// Something that could not be checked or was left behind: neither passed nor failed (amber).
QListWidgetItem *notCheckedItem(const QString &text);
// A journaled check as its line, by its three outcomes: passed (green), failed (red), not checked
// (amber, "Not checked — why"); a not-checked check is never shown as passed.
QListWidgetItem *checkEventItem(const QJsonObject &check, const QString &what);
// The same in words, for a log line: "passed", "FAILED — why", "not checked — why".
QString checkOutcomeText(const QJsonObject &check);
// A data mode's journal name (external, archive, new-instance) in words.
QString modeWords(const QString &mode);
// A pre-flight check's name as the admin reads it.
QString checkTitle(const QString &check);

} // namespace eic::ui
