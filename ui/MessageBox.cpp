#include "MessageBox.h"

namespace eic::ui {

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title, const QString &text,
                                                 QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton)
{
    s_history.append(text);
    if (s_next)
        return *std::exchange(s_next, std::nullopt);
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

void MessageBox::warning(QWidget *parent, const QString &title, const QString &text)
{
    s_history.append(text);
    if (s_next) {
        s_next.reset();
        return;
    }
    QMessageBox::warning(parent, title, text);
}

void MessageBox::information(QWidget *parent, const QString &title, const QString &text)
{
    s_history.append(text);
    if (s_next) {
        s_next.reset();
        return;
    }
    QMessageBox::information(parent, title, text);
}

} // namespace eic::ui
