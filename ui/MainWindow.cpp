#include "MainWindow.h"

#include "BackupsView.h"
#include "CellConnection.h"
#include "DashboardView.h"
#include "HelpDialogs.h"
#include "MessageBox.h"
#include "ProfileActions.h"
#include "ProfileEditor.h"
#include "SandboxBanner.h"
#include "SandboxWorkspace.h"
#include "SecretResolver.h"
#include "BackupText.h"
#include "StoresPanel.h"
#include "UnfinishedBanner.h"
#include "WelcomePage.h"
#include "cell/CellSession.h"
#include "profiles/ProfileStore.h"
#include "restore/RestoreLauncher.h"
#include "restore/RestoreWizard.h"
#include "log/Logging.h"
#include "restore/Events.h"
#include "restore/RunRequest.h"
#include "sandbox/Sandbox.h"

#include <QAction>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

// How long a quit waits for the rollback: the rollout timeout, and a minute for the rest (the
// runner gives up on a rollout by itself and journals it before this ends).
const int kRollbackBoundMs = restore::RunRequest{}.rolloutTimeoutMs + 60000;

} // namespace

MainWindow::MainWindow(std::optional<kube::KubeConfig> config, profiles::ProfileStore *profiles, profiles::SecretStore *secrets,
                       const QString &context, const QString &nsOverride, Start start, QWidget *parent)
    : QMainWindow(parent)
    , m_workspace{std::move(config), profiles, secrets}
{
    setWindowTitle(tr("eic-restore — Edge Integration Cell"));
    setWindowIcon(QIcon(u":/eic/icons/eic-restore.svg"_s));
    resize(1240, 740);
    m_secrets = new SecretResolver(&m_workspace, this);
    m_cell = new CellConnection(&m_workspace, m_secrets, nsOverride, this);
    m_profileActions = new ProfileActions(&m_workspace, m_secrets, m_cell, this);
    m_restores = new RestoreLauncher(&m_workspace, m_cell, m_secrets, this);
    buildPages();
    buildCellMenu();
    buildRestoreMenu();
    m_profileActions->addTo(menuBar()->addMenu(tr("&Profiles")));
    buildHelpMenu();
    wireParts();
    m_cell->rebuildChooser();
    openAtStart(context, start);
    m_restores->rescanUnfinished(); // also with no cell open: the banner says to open the run's
}

MainWindow::~MainWindow()
{
    // The sandbox's cell goes with the window: no watch may outlive it.
    if (m_sandbox) {
        m_cell->close();
        m_sandbox.reset();
    }
}

void MainWindow::openAtStart(const QString &context, Start start)
{
    if (start == Start::Welcome)
        showWelcome();
    else if (m_workspace.config && (!context.isEmpty() || !m_workspace.config->currentContext().isEmpty()))
        switchContext(context.isEmpty() ? m_workspace.config->currentContext() : context);
    else if (m_workspace.profiles && !m_workspace.profiles->profiles().isEmpty())
        switchProfile(m_workspace.profiles->profiles().first().id);
}

void MainWindow::buildPages()
{
    auto *outer = new QWidget(this);
    auto *outerLayout = new QVBoxLayout(outer);
    outerLayout->setContentsMargins(0, 0, 0, 0);
    outerLayout->setSpacing(0);
    m_sandboxBanner = new SandboxBanner(outer);
    outerLayout->addWidget(m_sandboxBanner);
    m_unfinishedBanner = new UnfinishedBanner(outer);
    outerLayout->addWidget(m_unfinishedBanner);
    m_pages = new QStackedWidget(outer);
    outerLayout->addWidget(m_pages, 1);
    m_dashboard = new DashboardView(m_cell, this);
    m_pages->addWidget(m_dashboard);
    setCentralWidget(outer);
}

void MainWindow::buildCellMenu()
{
    QMenu *cellMenu = menuBar()->addMenu(tr("&Cell"));
    cellMenu->addAction(m_dashboard->copyAction());
    cellMenu->addSeparator();
    m_sandboxStart = cellMenu->addAction(tr("Start the &sandbox"));
    m_sandboxStart->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    m_sandboxStart->setToolTip(tr("A simulated cell on this computer with throwaway stores, to rehearse a restore"));
    connect(m_sandboxStart, &QAction::triggered, this, &MainWindow::startSandbox);
    m_sandboxStop = cellMenu->addAction(tr("S&top the sandbox"));
    m_sandboxStop->setEnabled(false);
    connect(m_sandboxStop, &QAction::triggered, this, &MainWindow::stopSandbox);
    cellMenu->addSeparator();
    auto *quit = cellMenu->addAction(tr("&Quit"));
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
}

void MainWindow::buildRestoreMenu()
{
    QMenu *restoreMenu = menuBar()->addMenu(tr("&Restore"));
    auto *restoreAction = restoreMenu->addAction(tr("&Restore the database or data store…"));
    restoreAction->setShortcut(QKeySequence(tr("Ctrl+R")));
    connect(restoreAction, &QAction::triggered, this, [this] { openRestoreWizard(); });
    auto *backupsAction = restoreMenu->addAction(tr("&Backups…"));
    backupsAction->setShortcut(QKeySequence(tr("Ctrl+B")));
    connect(backupsAction, &QAction::triggered, this, [this] { openBackups(); });
    auto *reportsAction = restoreMenu->addAction(tr("Re&ports…"));
    reportsAction->setShortcut(QKeySequence(tr("Ctrl+Shift+P")));
    connect(reportsAction, &QAction::triggered, this, [this] { openReports(); });
    restoreMenu->addSeparator();
    m_unfinishedAction = restoreMenu->addAction(tr("&Unfinished restore…"));
    m_unfinishedAction->setObjectName(u"unfinishedRestoreAction"_s);
    m_unfinishedAction->setVisible(false);
    connect(m_unfinishedAction, &QAction::triggered, this, [this] { m_restores->offerUnfinishedRun(); });
}

void MainWindow::buildHelpMenu()
{
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    auto *procedureAction = helpMenu->addAction(tr("The restore &procedure"));
    procedureAction->setShortcut(QKeySequence::HelpContents);
    connect(procedureAction, &QAction::triggered, this, [this] { openProcedure(); });
    auto *aboutAction = helpMenu->addAction(tr("&About eic-restore"));
    connect(aboutAction, &QAction::triggered, this, [this] { openAbout(); });
}

void MainWindow::wireParts()
{
    connect(m_cell, &CellConnection::sessionAboutToChange, this, [this] { m_dashboard->setSession(nullptr); });
    connect(m_cell, &CellConnection::sessionChanged, this, &MainWindow::showSession);
    connect(m_profileActions, &ProfileActions::profileSaved, m_cell, &CellConnection::switchProfile);
    connect(m_profileActions, &ProfileActions::profileDeleted, m_cell, &CellConnection::forgetProfile);
    connect(m_profileActions, &ProfileActions::profilesChanged, m_cell, &CellConnection::rebuildChooser);
    connect(m_sandboxBanner, &SandboxBanner::stopRequested, this, &MainWindow::stopSandbox);
    // No session of the stores panel may stand in a restore's way (nor in its wizard's checks).
    m_dashboard->stores()->setPauseWhile(
        [this] { return m_restores->runInProgress() || m_restores->runAwaitingData() || findChild<RestoreWizard *>(); });
    // The last backup's verdict is the one the backups view remembers (void once the file changed).
    m_dashboard->stores()->setVerificationLookup([](const stores::BackupEntry &entry) {
        using O = stores::BackupVerdict::Outcome;
        const BackupVerification v = BackupVerification::of(entry.path);
        const O outcome = v.outcome == BackupVerification::Outcome::Passed ? O::Passed : v.outcome == BackupVerification::Outcome::Failed ? O::Failed : O::NotChecked;
        return stores::BackupVerdict{outcome, v.text()};
    });
    connect(m_restores, &RestoreLauncher::unfinishedChanged, this, &MainWindow::showUnfinished);
    connect(m_unfinishedBanner, &UnfinishedBanner::resumeRequested, m_restores, &RestoreLauncher::resumeUnfinished);
    connect(m_unfinishedBanner, &UnfinishedBanner::rollBackRequested, m_restores, &RestoreLauncher::rollBackUnfinished);
    connect(m_unfinishedBanner, &UnfinishedBanner::detailsRequested, m_restores, &RestoreLauncher::showUnfinishedDetails);
}

void MainWindow::showUnfinished()
{
    m_unfinishedAction->setVisible(m_restores->hasUnfinished());
    if (!m_restores->hasUnfinished())
        return m_unfinishedBanner->hide();
    m_unfinishedBanner->showRun(m_restores->unfinishedText(), m_restores->unfinishedActionable(),
                                m_restores->unfinishedAwaitsData() ? tr("&Continue…") : tr("&Resume…"));
}

void MainWindow::showSession()
{
    m_dashboard->setSession(m_cell->session());
    updateBackupAge();
    const QString profileId = currentProfileId();
    m_secrets->storeAccess(profileId, [this, profileId](const profiles::Profile *p, const restore::StoreAccess &stores) {
        if (profileId != currentProfileId())
            return; // another cell was opened meanwhile
        if (p)
            m_dashboard->stores()->setStores(stores, p->backupFolder);
        else
            m_dashboard->stores()->clear(tr("A kubeconfig context names no stores: open a profile to see its database and data store."));
    });
    m_pages->setCurrentWidget(m_dashboard);
    Q_EMIT sessionChanged();
}

bool MainWindow::switchContext(const QString &context)
{
    return m_cell->switchContext(context);
}

void MainWindow::switchProfile(const QString &profileId)
{
    m_cell->switchProfile(profileId);
}

ProfileEditor *MainWindow::newProfile()
{
    return m_profileActions->newProfile();
}

ProfileEditor *MainWindow::editProfile(const QString &profileId)
{
    return m_profileActions->editProfile(profileId);
}

bool MainWindow::duplicateProfile(const QString &profileId)
{
    return m_profileActions->duplicateProfile(profileId);
}

bool MainWindow::deleteProfile(const QString &profileId)
{
    return m_profileActions->deleteProfile(profileId);
}

QString MainWindow::currentProfileId() const
{
    return m_cell->profileId();
}

const profiles::Profile *MainWindow::currentProfile() const
{
    return m_workspace.profiles && !currentProfileId().isEmpty() ? m_workspace.profiles->find(currentProfileId()) : nullptr;
}

cell::CellSession *MainWindow::session() const
{
    return m_cell->session();
}

QTableView *MainWindow::componentTable() const
{
    return m_dashboard->table();
}

ComponentFilterModel *MainWindow::filterModel() const
{
    return m_dashboard->filterModel();
}

QString MainWindow::connectionText() const
{
    return m_cell->text();
}

void MainWindow::copySelectedRows()
{
    m_dashboard->copySelectedRows();
}

bool MainWindow::showingWelcome() const
{
    return m_welcome && m_pages->currentWidget() == m_welcome;
}

void MainWindow::showWelcome()
{
    if (!m_welcome)
        createWelcome();
    m_pages->setCurrentWidget(m_welcome);
}

void MainWindow::createWelcome()
{
    QStringList contexts;
    QString current;
    QString note;
    if (m_workspace.config) {
        contexts = m_workspace.config->contextNames();
        current = m_workspace.config->currentContext();
        note = m_workspace.config->files().join(u", "_s);
    } else {
        note = tr("no kubeconfig was found (%1)").arg(kube::KubeConfig::defaultFiles().join(u", "_s));
    }
    m_welcome = new WelcomePage(contexts, current, note, m_pages);
    m_pages->addWidget(m_welcome);
    connect(m_welcome, &WelcomePage::importRequested, this, [this](const QString &context) { m_profileActions->newFromContext(context); });
    connect(m_welcome, &WelcomePage::createRequested, this, [this] { newProfile(); });
    connect(m_welcome, &WelcomePage::sandboxRequested, this, &MainWindow::startSandbox);
    connect(m_welcome, &WelcomePage::openContextRequested, this, [this](const QString &context) { switchContext(context); });
}

bool MainWindow::sandboxActive() const
{
    return m_sandbox && m_sandbox->sandbox()->state() == sandbox::Sandbox::State::Running;
}

sandbox::Sandbox *MainWindow::sandbox() const
{
    return m_sandbox ? m_sandbox->sandbox() : nullptr;
}

QWidget *MainWindow::sandboxBanner() const
{
    return m_sandboxBanner;
}

void MainWindow::startSandbox()
{
    if (m_sandbox)
        return;
    m_sandbox = std::make_unique<SandboxWorkspace>();
    sandbox::Sandbox *box = m_sandbox->sandbox();
    m_sandboxStart->setEnabled(false);
    connect(box, &sandbox::Sandbox::progress, this, [this](const QString &step) {
        m_sandboxBanner->showStarting(step);
        if (m_welcome)
            m_welcome->setSandboxProgress(step);
    });
    connect(box, &sandbox::Sandbox::failed, this, &MainWindow::sandboxStartFailed);
    connect(box, &sandbox::Sandbox::ready, this, &MainWindow::enterSandbox);
    m_sandboxBanner->showStarting({});
    if (m_welcome)
        m_welcome->setSandboxProgress(tr("Starting the sandbox…"));
    box->start();
}

void MainWindow::sandboxStartFailed(const Error &error)
{
    m_sandboxBanner->hide();
    m_sandboxStart->setEnabled(true);
    if (m_welcome)
        m_welcome->setSandboxProgress({});
    // Not from inside the sandbox's own signal.
    QTimer::singleShot(0, this, [this] { m_sandbox.reset(); });
    Q_EMIT sandboxFailed(error.message);
    MessageBox::warning(this, tr("The sandbox could not start"), error.detail.isEmpty() ? error.message : error.message + u"\n\n"_s + error.detail);
}

void MainWindow::enterSandbox()
{
    const CellChoice before = m_cell->choice();
    const QString profileId = m_sandbox->enter(m_workspace, before);
    m_cell->forgetProfile(before.profileId);
    m_sandboxBanner->showRunning(m_sandbox->sandbox()->info());
    setWindowTitle(tr("[Sandbox] eic-restore — Edge Integration Cell"));
    m_sandboxStop->setEnabled(true);
    if (m_welcome)
        m_welcome->setSandboxProgress({});
    m_cell->rebuildChooser();
    switchProfile(profileId);
    Q_EMIT sandboxReady();
}

void MainWindow::stopSandbox()
{
    if (!m_sandbox || !m_sandbox->confirmStop(this))
        return;
    std::optional<CellChoice> before;
    if (m_sandbox->entered()) {
        m_cell->close();
        before = m_sandbox->leave(m_workspace);
    }
    m_sandbox.reset();
    m_sandboxBanner->hide();
    m_sandboxStart->setEnabled(true);
    m_sandboxStop->setEnabled(false);
    setWindowTitle(tr("eic-restore — Edge Integration Cell"));
    if (m_welcome)
        m_welcome->setSandboxProgress({});
    m_cell->rebuildChooser();
    if (before)
        reopen(*before);
    m_restores->rescanUnfinished(); // the user's own runs again, not the sandbox's
    Q_EMIT sandboxStopped();
}

void MainWindow::reopen(const CellChoice &before)
{
    if (!before.profileId.isEmpty() && m_workspace.profiles && m_workspace.profiles->find(before.profileId))
        switchProfile(before.profileId);
    else if (!before.context.isEmpty() && m_workspace.config)
        switchContext(before.context);
    else
        showWelcome();
}

AboutDialog *MainWindow::openAbout()
{
    auto *about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->askCluster(session() ? session()->client.get() : nullptr);
    QPointer<AboutDialog> guard(about);
    m_secrets->storeAccess(currentProfileId(), [guard](const profiles::Profile *, const restore::StoreAccess &stores) {
        if (guard)
            guard->askStores(stores);
    });
    about->show();
    return about;
}

ProcedureDialog *MainWindow::openProcedure()
{
    auto *help = new ProcedureDialog(this);
    help->setAttribute(Qt::WA_DeleteOnClose);
    help->show();
    return help;
}

RestoreWizard *MainWindow::openRestoreWizard()
{
    return m_restores->openWizard();
}

bool MainWindow::checkUnfinishedRun()
{
    return m_restores->offerUnfinishedRun();
}

BackupsView *MainWindow::openBackups()
{
    const profiles::Profile *p = currentProfile();
    const QString folder = p ? p->backupFolder : QString();
    auto *view = new BackupsView(folder, {}, this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<BackupsView> guard(view);
    // The view with the stores replaces the placeholder once their passwords are read.
    m_secrets->storeAccess(currentProfileId(), [this, guard, folder](const profiles::Profile *, const restore::StoreAccess &stores) {
        if (!guard)
            return;
        guard->deleteLater();
        auto *real = new BackupsView(folder, stores, this);
        real->setAttribute(Qt::WA_DeleteOnClose);
        connect(real, &BackupsView::backupFinished, this, &MainWindow::updateBackupAge);
        connect(real, &BackupsView::restoreRequested, m_restores, &RestoreLauncher::restoreBackup);
        real->show();
        m_backups = real;
    });
    return m_backups ? m_backups.data() : view;
}

ReportsView *MainWindow::openReports()
{
    auto *view = new ReportsView(this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->show();
    return view;
}

void MainWindow::updateBackupAge()
{
    const profiles::Profile *p = currentProfile();
    bool warn = false;
    m_dashboard->showBackupAge(p ? lastBackupText(p->backupFolder, stores::BackupEntry::Kind::Database, 1.0, &warn) : QString(), warn);
}

QString MainWindow::backupAgeText() const
{
    return m_dashboard->backupAgeText();
}

bool MainWindow::runInProgress() const
{
    return m_restores->runInProgress();
}

void MainWindow::cancelRunAndThen(std::function<void(const restore::RunOutcome &)> then)
{
    m_restores->cancelRunAndThen(std::move(then), kRollbackBoundMs);
}

void MainWindow::startUnattendedRestore(cell::RestoreTarget target, const QString &dataCommand)
{
    m_restores->startUnattended(target, dataCommand);
}

void MainWindow::quitSafely(const QString &why)
{
    const std::string reason = why.toStdString();
    if (m_quitting || (m_closing && m_restores->rollingBack())) {
        m_quitting = true;
        spdlog::warn("{}: already rolling back; eic-restore exits once every component is back at its recorded count", reason);
        return;
    }
    if (!m_restores->runInProgress()) {
        if (m_restores->runAwaitingData())
            spdlog::warn("{}: exiting; the restore waiting for its data step is left as it is (its components stay stopped). "
                         "Its journal keeps it: the next start of eic-restore, or eicctl resume, finishes or rolls it back.", reason);
        else
            spdlog::info("{}: exiting (no restore running)", reason);
        QCoreApplication::exit(0);
        return;
    }
    m_quitting = true;
    const QString text = tr("%1: rolling back the restore before exiting (up to %2 min): every component goes back to its recorded count.")
                             .arg(why).arg(kRollbackBoundMs / 60000);
    spdlog::warn("{}", text.toStdString());
    statusBar()->showMessage(text);
    cancelRunAndThen([](const restore::RunOutcome &o) {
        // Cancelled: stopped in its pre-flight, nothing had changed.
        const bool rolledBack = o.outcome == restore::ev::RolledBack || o.outcome == restore::ev::Cancelled;
        spdlog::log(rolledBack ? spdlog::level::info : spdlog::level::err, "rollback before exiting: {} {}", o.outcome.toStdString(), o.message.toStdString());
        QCoreApplication::exit(rolledBack ? 0 : 1);
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_quitting || m_closing) {
        event->ignore();
        statusBar()->showMessage(tr("Rolling back: the window closes once every component is back at its recorded count."));
        return;
    }
    const bool awaiting = m_restores->runAwaitingData();
    if (!m_restores->runInProgress() && !awaiting) {
        // The sandbox goes with the window: what was made in it is kept, or removed knowingly.
        if (m_sandbox && !m_sandbox->confirmStop(this))
            return event->ignore();
        QMainWindow::closeEvent(event);
        return;
    }
    QList<QPair<QMessageBox::StandardButton, QString>> buttons{{QMessageBox::Discard, tr("Roll back and close")}, {QMessageBox::Cancel, tr("Keep running")}};
    if (awaiting)
        buttons.insert(1, {QMessageBox::Close, tr("Close; finish it later")});
    const auto answer = MessageBox::choose(this, tr("A restore is running"), m_restores->runAtStakeText(), buttons);
    if (awaiting && answer == QMessageBox::Close) {
        spdlog::warn("closed while a restore waits for its data step: its journal keeps it; the next start offers it");
        m_restores->closeWizard();
        QMainWindow::closeEvent(event);
        return;
    }
    event->ignore();
    if (answer != QMessageBox::Discard)
        return;
    m_closing = true;
    statusBar()->showMessage(tr("Rolling back: the window closes once every component is back at its recorded count."));
    QPointer<MainWindow> self(this);
    cancelRunAndThen([self](const restore::RunOutcome &o) {
        if (!self)
            return;
        spdlog::info("rolled back before closing: {} {}", o.outcome.toStdString(), o.message.toStdString());
        const int code = o.outcome == restore::ev::RolledBack || o.outcome == restore::ev::Cancelled ? 0 : 1;
        // From the event loop: this runs inside the run's own finished signal.
        QTimer::singleShot(0, self, [self, code] {
            if (self->m_quitting) // a SIGTERM came during this rollback
                return QCoreApplication::exit(code);
            self->m_closing = false;
            self->m_restores->closeWizard();
            self->close();
        });
    });
}

} // namespace eic::ui
