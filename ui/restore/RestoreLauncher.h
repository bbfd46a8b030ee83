#pragma once

#include <QObject>

#include <functional>

class QMainWindow;

namespace eic::ui {

class CellConnection;
class RestoreWizard;
class SecretResolver;
struct WizardContext;
struct Workspace;

// Where the window starts restores: the wizard on the open cell and profile, and at start-up
// the offer to finish (or roll back) a run the journal says did not finish.
class RestoreLauncher : public QObject {
    Q_OBJECT
public:
    RestoreLauncher(const Workspace *workspace, CellConnection *cell, SecretResolver *secrets, QMainWindow *window);

    // The restore wizard, window-modal, shown once the profile's store passwords are read.
    RestoreWizard *openWizard();
    // An unfinished run in the journal is offered for resume, roll back, or a look at its log.
    // Returns whether one was found.
    bool offerUnfinishedRun();

private:
    WizardContext wizardContext() const;
    // Another cell on the wizard's first page: the dashboard connects there too (one cell at a
    // time, so what the admin sees is what the wizard restores), then the wizard follows.
    void chooseCell(RestoreWizard *wizard, const QStringList &key, std::function<void(const WizardContext &)> done);
    // The open profile (its name, backups and stores) into the wizard's context, then shown.
    void addProfile(RestoreWizard *wizard);
    void resume(const QString &journal, bool rollBack);
    void showJournal(const QString &path, const QString &runId);

    const Workspace *m_workspace;
    CellConnection *m_cell;
    SecretResolver *m_secrets;
    QMainWindow *m_window;
};

} // namespace eic::ui
