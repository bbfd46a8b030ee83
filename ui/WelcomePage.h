#pragma once

#include <QWidget>

class QCommandLinkButton;
class QLabel;
class QVBoxLayout;

namespace eic::ui {

// First run (no profile yet): what eic-restore is, and three ways to begin: a profile from a
// kubeconfig context, a new profile typed in, or the sandbox (a rehearsal cell on this
// computer). With a kubeconfig, the dashboard of its current context is one click away too.
class WelcomePage : public QWidget {
    Q_OBJECT
public:
    // `kubeconfigNote`: where the contexts come from, or why there are none.
    WelcomePage(const QStringList &contexts, const QString &currentContext, const QString &kubeconfigNote, QWidget *parent = nullptr);

    QCommandLinkButton *importButton() const { return m_import; }
    QCommandLinkButton *createButton() const { return m_create; }
    QCommandLinkButton *sandboxButton() const { return m_sandbox; }
    QCommandLinkButton *openContextButton() const { return m_openContext; }
    // While the sandbox starts: its steps, and the buttons wait.
    void setSandboxProgress(const QString &step);

protected:
    // Return or Enter activates the focused choice, as in a dialog; the first choice has the
    // focus when the page shows, and the focus is drawn so that it can be seen.
    void keyPressEvent(QKeyEvent *event) override;
    void showEvent(QShowEvent *event) override;

Q_SIGNALS:
    void importRequested(const QString &context);
    void createRequested();
    void sandboxRequested();
    void openContextRequested(const QString &context);

private:
    void addIntro(QVBoxLayout *layout);
    void addImport(QVBoxLayout *layout, const QStringList &contexts, const QString &currentContext, const QString &kubeconfigNote);
    void addCreateAndSandbox(QVBoxLayout *layout);
    void addOpenContext(QVBoxLayout *layout, const QString &currentContext);
    QCommandLinkButton *m_import = nullptr;
    QCommandLinkButton *m_create = nullptr;
    QCommandLinkButton *m_sandbox = nullptr;
    QCommandLinkButton *m_openContext = nullptr;
    QLabel *m_progress = nullptr;
    bool m_canImport = false;
};

} // namespace eic::ui
