#include "MessageBox.h"

#include <QPushButton>

namespace eic::ui {

QMessageBox::StandardButton MessageBox::question(QWidget *parent, const QString &title, const QString &text,
                                                 QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton)
{
    s_history.append(text);
    if (s_next)
        return *std::exchange(s_next, std::nullopt);
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

QMessageBox::StandardButton MessageBox::choose(QWidget *parent, const QString &title, const QString &text,
                                               const QList<QPair<QMessageBox::StandardButton, QString>> &buttons)
{
    s_history.append(text);
    if (s_next)
        return *std::exchange(s_next, std::nullopt);
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::NoButton, parent);
    for (const auto &[button, label] : buttons)
        box.addButton(button)->setText(label);
    box.exec();
    return box.standardButton(box.clickedButton());
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
