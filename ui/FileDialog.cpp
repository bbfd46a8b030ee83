#include "FileDialog.h"

#include "util/OsUser.h"

#include <QDir>
#include <QFileDialog>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

bool under(const QString &path, const QString &folder)
{
    const QString p = QDir::cleanPath(QDir(path).absolutePath());
    const QString f = QDir::cleanPath(QDir(folder).absolutePath());
    return p == f || p.startsWith(f + u'/');
}

// A home that goes away: under the temp dir (and /tmp, whatever TMPDIR says).
bool throwaway(const QString &path)
{
    return under(path, QDir::tempPath()) || under(path, u"/tmp"_s) || under(path, u"/var/tmp"_s);
}

} // namespace

QString FileDialog::getSaveFileName(QWidget *parent, const QString &caption, const QString &proposed, const QString &filter)
{
    s_history.append(proposed);
    if (s_next)
        return *std::exchange(s_next, std::nullopt);
    return QFileDialog::getSaveFileName(parent, caption, proposed, filter);
}

QString FileDialog::documentsFolder()
{
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (!documents.isEmpty() && !throwaway(documents) && !throwaway(QDir::homePath()))
        return documents;
    const QString home = util::osHome();
    if (home.isEmpty() || throwaway(home))
        return documents; // nothing better is known; the dialog lets the admin choose
    const QString real = QDir(home).filePath(u"Documents"_s);
    return QDir(real).exists() ? real : home;
}

} // namespace eic::ui
