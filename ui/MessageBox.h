#pragma once

#include <QMessageBox>

#include <optional>

namespace eic::ui {

// "Ask the user", with a seam for tests (in the spirit of KeePassXC's MessageBox): a test sets
// the next answer, and the next question returns it without showing a dialog.
class MessageBox {
public:
    static QMessageBox::StandardButton question(QWidget *parent, const QString &title, const QString &text,
                                                QMessageBox::StandardButtons buttons, QMessageBox::StandardButton defaultButton);
    // A question whose buttons carry their own words (e.g. Resume / Roll back / View the log);
    // the answer is the standard button the chosen text stands for.
    static QMessageBox::StandardButton choose(QWidget *parent, const QString &title, const QString &text,
                                              const QList<QPair<QMessageBox::StandardButton, QString>> &buttons);
    // A question that closes by itself (answered No) when `signal` of `sender` fires first: a
    // roll-back question whose run ends under it. While it is open, open() returns it.
    template <typename Sender, typename Signal>
    static QMessageBox::StandardButton questionUntil(QWidget *parent, const QString &title, const QString &text, QMessageBox::StandardButtons buttons,
                                                     QMessageBox::StandardButton defaultButton, const Sender *sender, Signal signal)
    {
        s_history.append(text);
        if (s_next)
            return *std::exchange(s_next, std::nullopt);
        QMessageBox box(QMessageBox::Question, title, text, buttons, parent);
        box.setDefaultButton(defaultButton);
        QObject::connect(sender, signal, &box, [&box] { box.done(QMessageBox::NoButton); });
        s_open = &box;
        box.exec();
        s_open = nullptr;
        return box.clickedButton() ? box.standardButton(box.clickedButton()) : QMessageBox::No;
    }
    static QMessageBox *open() { return s_open; }
    static void warning(QWidget *parent, const QString &title, const QString &text);
    static void information(QWidget *parent, const QString &title, const QString &text);

    static void setNextAnswer(QMessageBox::StandardButton answer) { s_next = answer; }
    // Texts of the dialogs answered through the seam (or shown), newest last.
    static QStringList &history() { return s_history; }

private:
    static inline std::optional<QMessageBox::StandardButton> s_next;
    static inline QStringList s_history;
    static inline QMessageBox *s_open = nullptr;
};

} // namespace eic::ui
