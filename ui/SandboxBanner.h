#pragma once

#include <QWidget>

class QLabel;

namespace eic::sandbox {
struct SandboxInfo;
}

namespace eic::ui {

// The purple band above the window while a sandbox starts or runs: what it is, that nothing in
// it touches a real cell, and the button that stops it.
class SandboxBanner : public QWidget {
    Q_OBJECT
public:
    explicit SandboxBanner(QWidget *parent = nullptr);

    // Shows the banner with the step the start is at (empty: the first words).
    void showStarting(const QString &step);
    void showRunning(const sandbox::SandboxInfo &info);

Q_SIGNALS:
    void stopRequested();

private:
    QLabel *m_text = nullptr;
};

} // namespace eic::ui
