#pragma once

#include <QString>
#include <QStringList>

#include <optional>

class QWidget;

namespace eic::ui {

// "Where to save?", with a seam for tests like MessageBox's: a test sets the next answer (a
// path, or an empty string for Cancel) and the next question returns it without a dialog.
class FileDialog {
public:
    // The chosen path; empty: cancelled.
    static QString getSaveFileName(QWidget *parent, const QString &caption, const QString &proposed, const QString &filter);

    // The folder a report is proposed in: the documents folder, unless $HOME is a throwaway
    // directory (under the temp dir, as scripts/run and the sandbox make it): then the user's
    // real home's Documents (from the password database), else that home.
    static QString documentsFolder();

    static void setNextAnswer(const QString &path) { s_next = path; }
    // The proposed paths of the questions asked (or answered through the seam), newest last.
    static QStringList &history() { return s_history; }

private:
    static inline std::optional<QString> s_next;
    static inline QStringList s_history;
};

} // namespace eic::ui
