#include "MainWindow.h"

#include "ComponentFilterModel.h"
#include "HealthDelegate.h"
#include "LogPane.h"
#include "MessageBox.h"
#include "ProfileEditor.h"
#include "cell/CellSession.h"
#include "profiles/ConnectionStrings.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "BackupsView.h"
#include "HelpDialogs.h"
#include "WelcomePage.h"
#include "sandbox/Sandbox.h"
#include "stores/redis/RedisInspection.h"
#include "restore/Journal.h"
#include "restore/RestoreRunner.h"
#include "restore/RestoreWizard.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QSaveFile>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QFile>
#include <QPlainTextEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::ui {

MainWindow::MainWindow(std::optional<kube::KubeConfig> config, profiles::ProfileStore *profiles, profiles::SecretStore *secrets,
                       const QString &context, const QString &nsOverride, Start start, QWidget *parent)
    : QMainWindow(parent)
    , m_config(std::move(config))
    , m_profiles(profiles)
    , m_secrets(secrets)
    , m_sessionSecrets(new profiles::MemorySecretStore(this))
    , m_nsOverride(nsOverride)
{
    setWindowTitle(tr("eic-restore — Edge Integration Cell"));
    setWindowIcon(QIcon(u":/eic/icons/eic-restore.svg"_s));
    resize(1240, 740);
    buildUi();
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &MainWindow::updateConnection);
    m_countdown.start();
    rebuildCellChooser();
    if (start == Start::Welcome)
        showWelcome();
    else if (m_config && (!context.isEmpty() || !m_config->currentContext().isEmpty()))
        switchContext(context.isEmpty() ? m_config->currentContext() : context);
    else if (m_profiles && !m_profiles->profiles().isEmpty())
        switchProfile(m_profiles->profiles().first().id);
}

MainWindow::~MainWindow()
{
    // The sandbox's cell goes with the window: no watch may outlive it.
    if (m_sandbox) {
        m_session.reset();
        m_sandbox->stop();
    }
}

void MainWindow::buildUi()
{
    auto *outer = new QWidget(this);
    auto *outerLayout = new QVBoxLayout(outer);
    outerLayout->setContentsMargins(0, 0, 0, 0);
    outerLayout->setSpacing(0);
    m_sandboxBanner = new QWidget(outer);
    m_sandboxBanner->setObjectName(u"sandboxBanner"_s);
    m_sandboxBanner->setAttribute(Qt::WA_StyledBackground);
    m_sandboxBanner->setStyleSheet(u"#sandboxBanner { background: #5e35b1; } #sandboxBanner QLabel { color: white; }"_s);
    auto *bannerLayout = new QHBoxLayout(m_sandboxBanner);
    bannerLayout->setContentsMargins(10, 6, 10, 6);
    m_sandboxText = new QLabel(m_sandboxBanner);
    m_sandboxText->setWordWrap(true);
    m_sandboxText->setAccessibleName(tr("Sandbox banner"));
    bannerLayout->addWidget(m_sandboxText, 1);
    auto *stopButton = new QPushButton(tr("S&top the sandbox"), m_sandboxBanner);
    stopButton->setObjectName(u"stopSandbox"_s);
    connect(stopButton, &QPushButton::clicked, this, &MainWindow::stopSandbox);
    bannerLayout->addWidget(stopButton);
    m_sandboxBanner->hide();
    outerLayout->addWidget(m_sandboxBanner);
    m_pages = new QStackedWidget(outer);
    outerLayout->addWidget(m_pages, 1);

    auto *central = new QWidget(this);
    m_dashboard = central;
    auto *layout = new QVBoxLayout(central);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("C&ell:"), this));
    m_cells = new QComboBox(this);
    m_cells->setObjectName(u"cellChooser"_s);
    m_cells->setMinimumContentsLength(24);
    m_cells->setToolTip(tr("A saved profile, or a context of the kubeconfig"));
    qobject_cast<QLabel *>(top->itemAt(0)->widget())->setBuddy(m_cells);
    connect(m_cells, &QComboBox::activated, this, [this](int i) {
        const QStringList choice = m_cells->itemData(i).toStringList();
        if (choice.value(0) == "profile"_L1)
            switchProfile(choice.value(1));
        else if (choice.value(0) == "context"_L1)
            switchContext(choice.value(1));
    });
    top->addWidget(m_cells);
    m_connection = new QLabel(this);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_connection, 1);
    m_backupAge = new QLabel(this);
    m_backupAge->hide();
    top->addWidget(m_backupAge);
    layout->addLayout(top);

    m_tlsWarning = new QLabel(this);
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setStyleSheet(u"QLabel { background: #fff3e0; color: #8a4b00; border: 1px solid #ef6c00; padding: 4px; }"_s);
    m_tlsWarning->hide();
    layout->addWidget(m_tlsWarning);

    auto *filters = new QHBoxLayout;
    auto *showLabel = new QLabel(tr("&Show:"), this);
    filters->addWidget(showLabel);
    m_filterChoice = new QComboBox(this);
    m_filterChoice->addItems({tr("All components"), tr("Stopped by a restore"), tr("Not healthy")});
    showLabel->setBuddy(m_filterChoice);
    filters->addWidget(m_filterChoice);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Filter by name"));
    m_search->setClearButtonEnabled(true);
    filters->addWidget(m_search, 1);
    layout->addLayout(filters);

    m_filter = new ComponentFilterModel(this);
    connect(m_filterChoice, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_filter->setFilter(static_cast<ComponentFilterModel::Filter>(i)); });
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);

    m_table = new QTableView(this);
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(-1, Qt::AscendingOrder); // catalogue order until the user sorts
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(cell::ComponentModel::Health, new HealthDelegate(m_table));
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Components of the cell"));

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QHBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *services = new QGroupBox(tr("Message service and stores"), bottom);
    auto *servicesLayout = new QVBoxLayout(services);
    m_messageService = new QLabel(services);
    m_messageService->setWordWrap(true);
    m_builtin = new QLabel(services);
    m_builtin->setWordWrap(true);
    servicesLayout->addWidget(m_messageService);
    servicesLayout->addWidget(m_builtin);
    servicesLayout->addStretch();
    auto *logBox = new QGroupBox(tr("Log"), bottom);
    auto *logLayout = new QVBoxLayout(logBox);
    m_log = new LogPane(logBox);
    logLayout->addWidget(m_log);
    bottomLayout->addWidget(services, 2);
    bottomLayout->addWidget(logBox, 3);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(bottom);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    m_pages->addWidget(central);
    setCentralWidget(outer);
    setTabOrder(m_cells, m_filterChoice);
    setTabOrder(m_filterChoice, m_search);
    setTabOrder(m_search, m_table);

    auto *copy = new QAction(tr("&Copy row"), this);
    copy->setShortcut(QKeySequence::Copy);
    connect(copy, &QAction::triggered, this, &MainWindow::copySelectedRows);
    m_table->addAction(copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *quit = new QAction(tr("&Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    QMenu *cellMenu = menuBar()->addMenu(tr("&Cell"));
    cellMenu->addAction(copy);
    cellMenu->addSeparator();
    m_sandboxStart = cellMenu->addAction(tr("Start the &sandbox"));
    m_sandboxStart->setShortcut(QKeySequence(tr("Ctrl+Shift+S")));
    m_sandboxStart->setToolTip(tr("A simulated cell on this computer with throwaway stores, to rehearse a restore"));
    connect(m_sandboxStart, &QAction::triggered, this, &MainWindow::startSandbox);
    m_sandboxStop = cellMenu->addAction(tr("S&top the sandbox"));
    m_sandboxStop->setEnabled(false);
    connect(m_sandboxStop, &QAction::triggered, this, &MainWindow::stopSandbox);
    cellMenu->addSeparator();
    cellMenu->addAction(quit);

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

    QMenu *profileMenu = menuBar()->addMenu(tr("&Profiles"));
    auto addAction = [this, profileMenu](const QString &text, const QKeySequence &keys, auto slot) {
        auto *a = profileMenu->addAction(text);
        a->setShortcut(keys);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    addAction(tr("&New profile…"), QKeySequence::New, [this] { newProfile(); });
    addAction(tr("&Edit profile…"), QKeySequence(tr("Ctrl+E")), [this] {
        if (!m_profileId.isEmpty())
            editProfile(m_profileId);
    });
    addAction(tr("&Duplicate profile"), QKeySequence(tr("Ctrl+D")), [this] {
        if (!m_profileId.isEmpty())
            duplicateProfile(m_profileId);
    });
    addAction(tr("De&lete profile…"), QKeySequence(tr("Ctrl+Shift+Del")), [this] {
        if (!m_profileId.isEmpty())
            deleteProfile(m_profileId);
    });
    profileMenu->addSeparator();
    addAction(tr("&Import the current context as a profile…"), QKeySequence(), [this] {
        profiles::Profile p;
        if (m_session) {
            p.name = m_session->client->context().context;
            p.cell.context = p.name;
            p.cell.ns = m_session->client->context().ns;
            p.cell.kubeconfig = m_config ? m_config->files().value(0) : QString();
        }
        openEditor(p, true);
    });
    addAction(tr("E&xport profiles (without secrets)…"), QKeySequence(), [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Export profiles"), u"eic-profiles.json"_s, tr("JSON (*.json)"));
        if (file.isEmpty() || !m_profiles)
            return;
        QSaveFile f(file);
        if (!f.open(QIODevice::WriteOnly) || f.write(profiles::ProfileStore::exportJson(m_profiles->profiles())) < 0 || !f.commit())
            MessageBox::warning(this, tr("Export"), tr("Cannot write %1: %2").arg(file, f.errorString()));
    });
    addAction(tr("I&mport profiles…"), QKeySequence(), [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Import profiles"), {}, tr("JSON (*.json)"));
        if (file.isEmpty() || !m_profiles)
            return;
        QFile f(file);
        auto imported = f.open(QIODevice::ReadOnly) ? profiles::ProfileStore::importJson(f.readAll())
                                                    : Result<QList<profiles::Profile>>(Error{tr("Cannot read %1: %2").arg(file, f.errorString()), {}, 0});
        if (!imported) {
            MessageBox::warning(this, tr("Import"), imported.error().message);
            return;
        }
        QStringList problems;
        for (profiles::Profile p : *imported) {
            p.id.clear(); // a new id: the imported profile has no secrets yet
            while (m_profiles->find(p.name))
                p.name += tr(" (imported)");
            if (auto added = m_profiles->add(p); !added)
                problems.append(added.error().message);
        }
        rebuildCellChooser();
        if (!problems.isEmpty())
            MessageBox::warning(this, tr("Import"), problems.join(u'\n'));
    });
    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    auto *procedureAction = helpMenu->addAction(tr("The restore &procedure"));
    procedureAction->setShortcut(QKeySequence::HelpContents);
    connect(procedureAction, &QAction::triggered, this, [this] { openProcedure(); });
    auto *aboutAction = helpMenu->addAction(tr("&About eic-restore"));
    connect(aboutAction, &QAction::triggered, this, [this] { openAbout(); });
}

void MainWindow::rebuildCellChooser()
{
    m_cells->clear();
    if (m_profiles) {
        for (const profiles::Profile &p : m_profiles->profiles())
            m_cells->addItem(tr("%1 (profile)").arg(p.name), QStringList{u"profile"_s, p.id});
    }
    if (m_config) {
        for (const QString &c : m_config->contextNames())
            m_cells->addItem(tr("%1 (kubeconfig context)").arg(c), QStringList{u"context"_s, c});
    }
    const QStringList current = m_profileId.isEmpty() ? QStringList{u"context"_s, m_session ? m_session->client->context().context : QString()}
                                                      : QStringList{u"profile"_s, m_profileId};
    const int index = m_cells->findData(current);
    if (index >= 0)
        m_cells->setCurrentIndex(index);
}

void MainWindow::switchProfile(const QString &profileId)
{
    const profiles::Profile *found = m_profiles ? m_profiles->find(profileId) : nullptr;
    if (!found)
        return;
    const profiles::Profile p = *found;
    auto connectWith = [this, p](const QString &token) {
        auto ctx = profiles::ConnectionTester::cellContext(p, token);
        if (!ctx) {
            MessageBox::warning(this, tr("Cannot connect"), ctx.error().message);
            return;
        }
        if (connectTo(*ctx)) {
            m_profileId = p.id;
            rebuildCellChooser();
            updateBackupAge();
        }
    };
    if (p.cell.mode != profiles::CellConnection::Mode::Manual) {
        connectWith({});
        return;
    }
    const QString key = profiles::secretKey(p.id, profiles::SecretKind::CellToken);
    m_sessionSecrets->read(key, this, [this, key, connectWith](const Result<QString> &session) {
        if (session) {
            connectWith(*session);
            return;
        }
        m_secrets->read(key, this, [this, key, connectWith](const Result<QString> &stored) {
            if (stored || stored.error().code != profiles::SecretStore::Unavailable) {
                connectWith(stored ? *stored : QString());
                return;
            }
            // No keychain now: say so in one sentence and ask for this session only.
            bool ok = false;
            const QString token = QInputDialog::getText(this, tr("Cell token"),
                                                        stored.error().message + u"\n\n"_s + tr("Token for this session only:"),
                                                        QLineEdit::Password, {}, &ok);
            if (!ok)
                return;
            m_sessionSecrets->write(key, token, this, [](const Result<bool> &) {});
            connectWith(token);
        });
    });
}

ProfileEditor *MainWindow::newProfile()
{
    return openEditor(profiles::Profile(), true);
}

ProfileEditor *MainWindow::editProfile(const QString &profileId)
{
    const profiles::Profile *p = m_profiles ? m_profiles->find(profileId) : nullptr;
    return p ? openEditor(*p, false) : nullptr;
}

ProfileEditor *MainWindow::openEditor(const profiles::Profile &profile, bool isNew)
{
    auto *editor = new ProfileEditor(profile, m_secrets, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    connect(editor, &QDialog::accepted, this, [this, editor, isNew] { saveFromEditor(editor, isNew); });
    editor->open();
    return editor;
}

void MainWindow::saveFromEditor(ProfileEditor *editor, bool isNew)
{
    if (!m_profiles)
        return;
    const profiles::Profile p = editor->profile();
    auto saved = isNew ? m_profiles->add(p) : m_profiles->update(p);
    if (!saved) {
        MessageBox::warning(this, tr("Profile not saved"), saved.error().message);
        return;
    }
    const profiles::Profile stored = *m_profiles->find(p.name);
    for (auto kind : {profiles::SecretKind::CellToken, profiles::SecretKind::DatabasePassword, profiles::SecretKind::DatastorePassword}) {
        const QString secret = editor->typedSecret(kind);
        if (secret.isEmpty())
            continue;
        const QString key = profiles::secretKey(stored.id, kind);
        m_secrets->write(key, secret, this, [this, key, secret, kind](const Result<bool> &written) {
            if (written)
                return;
            // No keychain: keep it for this session only, and say so once.
            m_sessionSecrets->write(key, secret, this, [](const Result<bool> &) {});
            MessageBox::warning(this, tr("Secret kept for this session only"),
                                tr("The %1 could not be saved: %2").arg(profiles::secretLabel(kind), written.error().message));
        });
    }
    spdlog::info("profile {} saved", stored.name.toStdString());
    switchProfile(stored.id);
    rebuildCellChooser();
}

bool MainWindow::duplicateProfile(const QString &profileId)
{
    const profiles::Profile *p = m_profiles ? m_profiles->find(profileId) : nullptr;
    if (!p)
        return false;
    profiles::Profile copy = *p;
    const QString fromId = copy.id;
    copy.id.clear();
    copy.name = tr("%1 (copy)").arg(p->name);
    while (m_profiles->find(copy.name))
        copy.name += tr(" (copy)");
    if (auto added = m_profiles->add(copy); !added) {
        MessageBox::warning(this, tr("Duplicate"), added.error().message);
        return false;
    }
    const QString toId = m_profiles->find(copy.name)->id;
    profiles::copyProfileSecrets(*m_secrets, fromId, toId, this, [this](const Result<bool> &r) {
        if (!r)
            MessageBox::warning(this, tr("Duplicate"), tr("The copy was made, but its secrets were not: %1").arg(r.error().message));
    });
    rebuildCellChooser();
    return true;
}

bool MainWindow::deleteProfile(const QString &profileId)
{
    const profiles::Profile *p = m_profiles ? m_profiles->find(profileId) : nullptr;
    if (!p)
        return false;
    const QString name = p->name;
    if (MessageBox::question(this, tr("Delete profile"),
                             tr("Delete the profile \"%1\" and its secrets in the keychain? The cell itself is not touched.").arg(name),
                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return false;
    if (auto removed = m_profiles->remove(profileId); !removed) {
        MessageBox::warning(this, tr("Delete profile"), removed.error().message);
        return false;
    }
    profiles::removeProfileSecrets(*m_secrets, profileId, this, [this, name](const Result<bool> &r) {
        if (!r)
            MessageBox::warning(this, tr("Delete profile"), tr("\"%1\" was deleted, but its secrets could not be removed: %2").arg(name, r.error().message));
    });
    if (m_profileId == profileId)
        m_profileId.clear();
    rebuildCellChooser();
    return true;
}

bool MainWindow::switchContext(const QString &context)
{
    if (!m_config)
        return false;
    auto resolved = m_config->resolve(context);
    if (!resolved) {
        spdlog::error("{}", resolved.error().toString().toStdString());
        MessageBox::warning(this, tr("Cannot connect"), resolved.error().message);
        return false;
    }
    kube::ResolvedContext ctx = *resolved;
    if (!m_nsOverride.isEmpty())
        ctx.ns = m_nsOverride;
    if (!connectTo(ctx))
        return false;
    m_profileId.clear();
    rebuildCellChooser();
    return true;
}

bool MainWindow::connectTo(const kube::ResolvedContext &ctx)
{
    if (!kube::isDnsLabel(ctx.ns)) {
        MessageBox::warning(this, tr("Cannot connect"), tr("\"%1\" is not a valid namespace name.").arg(ctx.ns));
        return false;
    }
    m_filter->setSourceModel(nullptr);
    m_session = std::make_unique<cell::CellSession>(ctx);
    m_filter->setSourceModel(m_session->model.get());
    m_table->resizeColumnsToContents();
    connect(m_session->monitor.get(), &cell::CellMonitor::connectionChanged, this, &MainWindow::updateConnection);
    connect(m_session->monitor.get(), &cell::CellMonitor::messageServiceChanged, this, &MainWindow::updateMessageService);
    connect(m_session->monitor.get(), &cell::CellMonitor::builtinServicesChanged, this, &MainWindow::updateMessageService);
    // Whether a cell is there at all shows next to the connection (a mistyped namespace).
    connect(m_session->monitor.get(), &cell::CellMonitor::componentChanged, this, &MainWindow::updateConnection);
    connect(m_session->monitor.get(), &cell::CellMonitor::syncedChanged, this, [this] {
        updateConnection();
        if (m_session->monitor->synced() && !m_session->monitor->cellFound())
            spdlog::warn("{}", m_session->monitor->notFoundHint().toStdString());
        m_table->resizeColumnsToContents();
        // Health carries its reason ("Progressing — 1 of 2 available"): give it room.
        m_table->setColumnWidth(cell::ComponentModel::Health, qMax(m_table->columnWidth(cell::ComponentModel::Health),
                                                                   m_table->fontMetrics().horizontalAdvance(u"Progressing — 1 of 2 updated replicas"_s) + 30));
        m_table->setColumnWidth(cell::ComponentModel::Role, qMin(m_table->columnWidth(cell::ComponentModel::Role), 240));
    });
    m_tlsWarning->setVisible(ctx.cluster.insecureSkipTlsVerify);
    m_tlsWarning->setText(tr("⚠ TLS verification is off for this cluster (insecure-skip-tls-verify in the kubeconfig): "
                             "anyone between you and %1 could read and change this session.").arg(ctx.cluster.server.toString()));
    spdlog::info("connecting to context {} ({}), namespace {}", ctx.context.toStdString(), ctx.cluster.server.toString().toStdString(),
                 ctx.ns.toStdString());
    m_session->monitor->start();
    updateConnection();
    updateMessageService();
    showDashboard();
    Q_EMIT sessionChanged();
    return true;
}

void MainWindow::showDashboard()
{
    m_pages->setCurrentWidget(m_dashboard);
}

bool MainWindow::showingWelcome() const
{
    return m_welcome && m_pages->currentWidget() == m_welcome;
}

void MainWindow::showWelcome()
{
    if (!m_welcome) {
        QStringList contexts;
        QString current;
        QString note;
        if (m_config) {
            contexts = m_config->contextNames();
            current = m_config->currentContext();
            note = m_config->files().join(u", "_s);
        } else {
            note = tr("no kubeconfig was found (%1)").arg(kube::KubeConfig::defaultFiles().join(u", "_s));
        }
        m_welcome = new WelcomePage(contexts, current, note, m_pages);
        m_pages->addWidget(m_welcome);
        connect(m_welcome, &WelcomePage::importRequested, this, [this](const QString &context) {
            profiles::Profile p;
            p.name = context;
            p.cell.context = context;
            p.cell.kubeconfig = m_config ? m_config->files().value(0) : QString();
            if (m_config)
                if (auto resolved = m_config->resolve(context))
                    p.cell.ns = resolved->ns;
            openEditor(p, true);
        });
        connect(m_welcome, &WelcomePage::createRequested, this, [this] { newProfile(); });
        connect(m_welcome, &WelcomePage::sandboxRequested, this, &MainWindow::startSandbox);
        connect(m_welcome, &WelcomePage::openContextRequested, this, [this](const QString &context) { switchContext(context); });
    }
    m_pages->setCurrentWidget(m_welcome);
}

bool MainWindow::sandboxActive() const
{
    return m_sandbox && m_sandbox->state() == sandbox::Sandbox::State::Running;
}

void MainWindow::startSandbox()
{
    if (m_sandbox)
        return;
    m_sandbox = std::make_unique<sandbox::Sandbox>();
    sandbox::Sandbox *box = m_sandbox.get();
    m_sandboxStart->setEnabled(false);
    connect(box, &sandbox::Sandbox::progress, this, [this](const QString &step) {
        m_sandboxText->setText(tr("<b>Starting the sandbox</b> — %1").arg(step.toHtmlEscaped()));
        m_sandboxBanner->show();
        if (m_welcome)
            m_welcome->setSandboxProgress(step);
    });
    connect(box, &sandbox::Sandbox::failed, this, [this](const Error &error) {
        m_sandboxBanner->hide();
        m_sandboxStart->setEnabled(true);
        if (m_welcome)
            m_welcome->setSandboxProgress({});
        QTimer::singleShot(0, this, [this] { m_sandbox.reset(); });
        Q_EMIT sandboxFailed(error.message);
        MessageBox::warning(this, tr("The sandbox could not start"),
                            error.detail.isEmpty() ? error.message : error.message + u"\n\n"_s + error.detail);
    });
    connect(box, &sandbox::Sandbox::ready, this, &MainWindow::enterSandbox);
    m_sandboxText->setText(tr("<b>Starting the sandbox</b> — a simulated cell with throwaway PostgreSQL and Redis on this computer…"));
    m_sandboxBanner->show();
    if (m_welcome)
        m_welcome->setSandboxProgress(tr("Starting the sandbox…"));
    box->start();
}

void MainWindow::enterSandbox()
{
    const sandbox::SandboxInfo &info = m_sandbox->info();
    m_savedProfiles = m_profiles;
    m_savedSecrets = m_secrets;
    m_savedConfig = std::move(m_config);
    m_config.reset();
    m_savedProfileId = m_profileId;
    m_savedContext = m_session && m_profileId.isEmpty() ? m_session->client->context().context : QString();
    m_savedRunsDir = qEnvironmentVariableIsSet("EIC_RESTORE_RUNS_DIR") ? std::optional(qgetenv("EIC_RESTORE_RUNS_DIR")) : std::nullopt;
    // Rehearsal runs and their reports stay in the sandbox, away from the real journal.
    qputenv("EIC_RESTORE_RUNS_DIR", QFile::encodeName(info.runsDir()));
    m_sandboxProfiles = std::make_unique<profiles::ProfileStore>(info.dir + u"/profiles.json"_s);
    m_sandboxSecrets = std::make_unique<profiles::MemorySecretStore>();
    const profiles::Profile profile = info.profile();
    if (auto added = m_sandboxProfiles->add(profile); !added)
        spdlog::error("sandbox profile: {}", added.error().toString().toStdString());
    auto ignore = [](const Result<bool> &) {};
    m_sandboxSecrets->write(profiles::secretKey(profile.id, profiles::SecretKind::DatabasePassword), info.pgPassword, this, ignore);
    m_sandboxSecrets->write(profiles::secretKey(profile.id, profiles::SecretKind::DatastorePassword), info.redisPassword, this, ignore);
    m_profiles = m_sandboxProfiles.get();
    m_secrets = m_sandboxSecrets.get();
    m_profileId.clear();
    m_sandboxText->setText(tr("<b>SANDBOX</b> — a simulated cell on this computer with throwaway PostgreSQL %1 and Redis %2 holding "
                              "sample data. Nothing here touches a real cell; everything (%3) is removed when you stop the sandbox or quit.")
                               .arg(info.pgVersion, info.redisVersion, info.dir.toHtmlEscaped()));
    m_sandboxBanner->show();
    setWindowTitle(tr("[Sandbox] eic-restore — Edge Integration Cell"));
    m_sandboxStop->setEnabled(true);
    if (m_welcome)
        m_welcome->setSandboxProgress({});
    rebuildCellChooser();
    switchProfile(profile.id);
    Q_EMIT sandboxReady();
}

void MainWindow::stopSandbox()
{
    if (!m_sandbox)
        return;
    const bool wasRunning = sandboxActive();
    if (wasRunning) {
        m_filter->setSourceModel(nullptr);
        m_session.reset();
        m_profiles = m_savedProfiles;
        m_secrets = m_savedSecrets;
        m_config = std::move(m_savedConfig);
        m_savedConfig.reset();
        m_profileId.clear();
        if (m_savedRunsDir)
            qputenv("EIC_RESTORE_RUNS_DIR", *m_savedRunsDir);
        else
            qunsetenv("EIC_RESTORE_RUNS_DIR");
    }
    m_sandbox->stop();
    m_sandbox.reset();
    m_sandboxProfiles.reset();
    m_sandboxSecrets.reset();
    m_sandboxBanner->hide();
    m_sandboxStart->setEnabled(true);
    m_sandboxStop->setEnabled(false);
    setWindowTitle(tr("eic-restore — Edge Integration Cell"));
    if (m_welcome)
        m_welcome->setSandboxProgress({});
    rebuildCellChooser();
    if (wasRunning) {
        // Back to what was open before the sandbox.
        if (!m_savedProfileId.isEmpty() && m_profiles && m_profiles->find(m_savedProfileId))
            switchProfile(m_savedProfileId);
        else if (!m_savedContext.isEmpty() && m_config)
            switchContext(m_savedContext);
        else
            showWelcome();
        updateConnection();
    }
    Q_EMIT sandboxStopped();
}

AboutDialog *MainWindow::openAbout()
{
    auto *about = new AboutDialog(this);
    about->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<AboutDialog> guard(about);
    if (m_session) {
        m_session->client->serverVersion(about, [guard](const Result<QString> &v) {
            if (guard)
                guard->setServer(u"Kubernetes"_s, v ? *v : v.error().message);
        });
    } else {
        about->setServer(u"Kubernetes"_s, tr("no cell open"));
    }
    profileStores([this, guard](const profiles::Profile *, const restore::StoreAccess &stores) {
        if (!guard)
            return;
        if (!stores.database) {
            guard->setServer(u"PostgreSQL"_s, tr("no database in this profile"));
        } else {
            auto *session = new stores::PgSession(guard);
            session->open(*stores.database, [guard, session](const Result<bool> &opened) {
                if (guard)
                    guard->setServer(u"PostgreSQL"_s, opened ? session->describeServer() : opened.error().message);
                session->deleteLater();
            });
        }
        if (!stores.datastore) {
            guard->setServer(u"Redis"_s, tr("no data store in this profile"));
        } else {
            auto *connection = new stores::RedisConnection(guard);
            connection->open(*stores.datastore, [guard, connection](const Result<bool> &opened) {
                if (!opened) {
                    if (guard)
                        guard->setServer(u"Redis"_s, opened.error().message);
                    connection->deleteLater();
                    return;
                }
                connection->command({"INFO", "server"}, [guard, connection](const Result<stores::RedisReply> &info) {
                    if (guard) {
                        const auto server = info ? stores::parseRedisInfo(info->str, 0) : stores::RedisInspection{};
                        guard->setServer(u"Redis"_s, info ? u"%1 %2 at %3"_s.arg(server.product, server.version, connection->target())
                                                          : info.error().message);
                    }
                    connection->deleteLater();
                });
            });
        }
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

QString MainWindow::connectionText() const
{
    return m_connection->text();
}

void MainWindow::updateConnection()
{
    if (!m_session)
        return;
    const auto &ctx = m_session->client->context();
    const cell::CellMonitor &monitor = *m_session->monitor;
    QString state;
    QString colour;
    switch (monitor.connectionState()) {
    case cell::ConnectionState::Connecting:
        state = tr("connecting…");
        colour = u"#1565c0"_s;
        break;
    case cell::ConnectionState::Live:
        state = tr("live");
        colour = u"#2e7d32"_s;
        if (monitor.synced() && !monitor.cellFound()) {
            state = tr("live, but no cell here");
            colour = u"#ef6c00"_s;
        }
        break;
    case cell::ConnectionState::Reconnecting: {
        const qint64 s = qMax<qint64>(0, (QDateTime::currentDateTimeUtc().msecsTo(monitor.nextAttempt()) + 999) / 1000);
        state = tr("reconnecting in %1 s — %2").arg(s).arg(monitor.connectionDetail());
        colour = u"#ef6c00"_s;
        break;
    }
    case cell::ConnectionState::Failed:
        state = tr("error — %1").arg(monitor.connectionDetail());
        colour = u"#c62828"_s;
        break;
    }
    m_connection->setText(tr("cluster %1 · namespace <b>%2</b> · <span style=\"color:%3\">● %4</span>")
                              .arg(ctx.cluster.server.toString().toHtmlEscaped(), ctx.ns.toHtmlEscaped(), colour, state.toHtmlEscaped()));
    m_connection->setToolTip(monitor.connectionState() == cell::ConnectionState::Live && monitor.synced() && !monitor.cellFound()
                                 ? monitor.notFoundHint()
                                 : monitor.connectionDetail());
}

void MainWindow::updateMessageService()
{
    if (!m_session)
        return;
    const cell::CellMonitor &monitor = *m_session->monitor;
    const cell::MessageServiceState &ms = monitor.messageService();
    m_messageService->setText(tr("<b>Message service</b> (StatefulSet %1 in %2): %3.<br><i>Protected by replication, not by backup: "
                                 "it has no restore.</i>")
                                  .arg(ms.name.toHtmlEscaped(), ms.ns.toHtmlEscaped(), ms.summary().toHtmlEscaped()));
    if (monitor.builtinServices().isEmpty()) {
        m_builtin->setText(tr("<b>Stores</b>: no built-in PostgreSQL or Redis in the cell — external stores, backup and restore supported."));
    } else {
        QStringList names;
        for (const auto &b : monitor.builtinServices())
            names.append(u"%1 (%2)"_s.arg(b.name, b.ns).toHtmlEscaped());
        m_builtin->setText(tr("<b>Built-in (non-production) stores</b>: %1 — backup and restore not supported.").arg(names.join(u", "_s)));
    }
}

RestoreWizard *MainWindow::openRestoreWizard()
{
    if (!m_session) {
        MessageBox::warning(this, tr("Restore"), tr("Connect to a cell first (choose a context or a profile)."));
        return nullptr;
    }
    WizardContext c;
    c.client = nullptr; // set below: a client of the wizard's own
    c.ns = m_session->client->context().ns;
    c.context = m_session->client->context().context;
    c.operatorName = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
    for (int i = 0; i < m_cells->count(); ++i)
        c.cells.append({m_cells->itemText(i), m_cells->itemData(i).toStringList()});
    c.currentCell = m_cells->currentData().toStringList();
    // Its own client: the dashboard's watches occupy the shared one's connections.
    auto *client = new kube::KubeClient(m_session->client->context());
    c.client = client;
    auto *wizard = new RestoreWizard(c, this);
    client->setParent(wizard);
    QPointer<RestoreWizard> chooser(wizard);
    // Another cell on the wizard's first page: the dashboard connects there too (one cell at a
    // time, so what the admin sees is what the wizard restores), then the wizard follows.
    c.chooseCell = [this, chooser](const QStringList &key, std::function<void(const WizardContext &)> done) {
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = connect(this, &MainWindow::sessionChanged, this, [this, chooser, key, done] {
            if (!chooser || !m_session)
                return;
            WizardContext next = chooser->context();
            auto *nextClient = new kube::KubeClient(m_session->client->context(), chooser);
            next.client = nextClient;
            next.ns = m_session->client->context().ns;
            next.context = m_session->client->context().context;
            next.currentCell = key;
            next.profile.clear();
            next.backupFolder.clear();
            next.store = {};
            next.updateProfile = {};
            profileStores([chooser, next, done](const profiles::Profile *profile, const restore::StoreAccess &stores) {
                if (!chooser)
                    return;
                WizardContext ready = next;
                if (profile) {
                    ready.profile = profile->name;
                    ready.backupFolder = profile->backupFolder;
                }
                ready.store = stores;
                done(ready);
            });
        }, Qt::SingleShotConnection);
        if (key.value(0) == "profile"_L1) {
            switchProfile(key.value(1));
        } else if (!switchContext(key.value(1))) {
            disconnect(*connection);
            if (chooser)
                done(chooser->context()); // stays where it was; the dashboard says why
        }
    };
    wizard->setContext(c);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setWindowModality(Qt::WindowModal);
    QPointer<RestoreWizard> guard(wizard);
    profileStores([this, guard](const profiles::Profile *profile, const restore::StoreAccess &stores) {
        if (!guard)
            return;
        WizardContext updated = guard->context();
        if (profile) {
            updated.profile = profile->name;
            updated.backupFolder = profile->backupFolder;
            const QString id = profile->id;
            updated.updateProfile = [this, id](const QString &address) -> Result<bool> {
                const profiles::Profile *current = m_profiles ? m_profiles->find(id) : nullptr;
                if (!current)
                    return Error{tr("The profile is gone."), {}, 0};
                profiles::Profile changed = *current;
                if (address.startsWith(u"redis://"_s) || address.startsWith(u"rediss://"_s)) {
                    auto ds = profiles::parseDatastoreUrl(address);
                    if (!ds)
                        return ds.error();
                    const QString ca = changed.datastore.caFile;
                    changed.datastore = *ds;
                    changed.datastore.caFile = ca;
                } else {
                    auto db = profiles::parseDatabaseConninfo(address);
                    if (!db)
                        return db.error();
                    changed.database = *db;
                }
                return m_profiles->update(changed);
            };
        }
        updated.store = stores;
        guard->setContext(updated);
        guard->show();
    });
    return wizard;
}

void MainWindow::profileStores(std::function<void(const profiles::Profile *, const restore::StoreAccess &)> then)
{
    const profiles::Profile *p = m_profiles && !m_profileId.isEmpty() ? m_profiles->find(m_profileId) : nullptr;
    if (!p || !m_secrets)
        return then(nullptr, {});
    // The profile's stores, their passwords read from the keychain first.
    const profiles::Profile profile = *p;
    m_secrets->read(profiles::secretKey(profile.id, profiles::SecretKind::DatabasePassword), this, [this, profile, then](const Result<QString> &dbPassword) {
        m_secrets->read(profiles::secretKey(profile.id, profiles::SecretKind::DatastorePassword), this, [profile, then, dbPassword](const Result<QString> &dsPassword) {
            restore::StoreAccess stores;
            if (!profile.database.host.isEmpty() || !profile.database.service.isEmpty())
                stores.database = profiles::ConnectionTester::databaseOptions(profile, dbPassword ? *dbPassword : QString());
            if (!profile.datastore.hosts.isEmpty())
                if (auto ds = profiles::ConnectionTester::datastoreOptions(profile, dsPassword ? *dsPassword : QString()))
                    stores.datastore = *ds;
            then(&profile, stores);
        });
    });
}

BackupsView *MainWindow::openBackups()
{
    const profiles::Profile *p = m_profiles && !m_profileId.isEmpty() ? m_profiles->find(m_profileId) : nullptr;
    const QString folder = p ? p->backupFolder : QString();
    auto *view = new BackupsView(folder, {}, this);
    view->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<BackupsView> guard(view);
    profileStores([this, guard, folder](const profiles::Profile *, const restore::StoreAccess &stores) {
        if (!guard)
            return;
        guard->deleteLater();
        auto *real = new BackupsView(folder, stores, this);
        real->setAttribute(Qt::WA_DeleteOnClose);
        connect(real, &BackupsView::backupFinished, this, [this] { updateBackupAge(); });
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
    const profiles::Profile *p = m_profiles && !m_profileId.isEmpty() ? m_profiles->find(m_profileId) : nullptr;
    if (!p) {
        m_backupAge->hide();
        return;
    }
    bool warn = false;
    m_backupAge->setText(lastBackupText(p->backupFolder, stores::BackupEntry::Kind::Database, 1.0, &warn));
    m_backupAge->setStyleSheet(warn ? u"color:#8a5a00; font-weight:bold"_s : QString());
    m_backupAge->show();
}

QString MainWindow::backupAgeText() const
{
    return m_backupAge->isVisible() || !m_backupAge->text().isEmpty() ? m_backupAge->text() : QString();
}

bool MainWindow::checkUnfinishedRun()
{
    const QStringList open = restore::Journal::unfinished();
    if (open.isEmpty())
        return false;
    const QString path = open.first();
    auto state = restore::JournalState::load(path);
    if (!state)
        return false;
    QStringList counts;
    for (auto it = state->recorded.cbegin(); it != state->recorded.cend(); ++it)
        counts.append(u"%1=%2"_s.arg(it.key()).arg(it.value()));
    counts.sort();
    const QString text = tr("A restore of the %1 of cell %2, started by %3, did not finish (run %4; data step: %5).\n\n"
                            "Recorded counts: %6.\n\nResume finishes it after re-reading the cell; Roll back returns every component to its recorded count.")
                             .arg(state->plan.target == cell::RestoreTarget::Database ? tr("database") : tr("data store"), state->plan.ns, state->operatorName,
                                  state->runId, state->dataState, counts.isEmpty() ? tr("none yet") : counts.join(u", "_s));
    const auto answer = MessageBox::choose(this, tr("Unfinished restore"), text,
                                           {{QMessageBox::Yes, tr("Resume")}, {QMessageBox::Discard, tr("Roll back")}, {QMessageBox::Open, tr("View the log")},
                                            {QMessageBox::Cancel, tr("Later")}});
    if (answer == QMessageBox::Open) {
        QFile f(path);
        const QString log = f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : f.errorString();
        auto *viewer = new QPlainTextEdit(log);
        viewer->setAttribute(Qt::WA_DeleteOnClose);
        viewer->setReadOnly(true);
        viewer->setWindowTitle(tr("Journal of run %1").arg(state->runId));
        viewer->resize(900, 500);
        viewer->show();
        return true;
    }
    if (answer != QMessageBox::Yes && answer != QMessageBox::Discard)
        return true;
    if (!m_session) {
        MessageBox::warning(this, tr("Unfinished restore"), tr("Connect to the cell %1 first, then choose again (Restore menu).").arg(state->plan.ns));
        return true;
    }
    const bool rollBack = answer == QMessageBox::Discard;
    statusBar()->showMessage(rollBack ? tr("Rolling back run %1…").arg(state->runId) : tr("Resuming run %1…").arg(state->runId));
    // A run that restores a backup writes into its store again: the open profile's stores, with
    // their passwords from the keychain (without them the runner refuses and says so).
    profileStores([this, path, rollBack](const profiles::Profile *, const restore::StoreAccess &stores) {
        if (!m_session)
            return;
        auto *runner = new restore::RestoreRunner(m_session->client.get(), this);
        connect(runner, &restore::RestoreRunner::finished, this, [this, runner](const restore::RunOutcome &o) {
            runner->deleteLater();
            statusBar()->showMessage(o.message, 15000);
            MessageBox::information(this, tr("Unfinished restore"), o.message);
        });
        restore::RunRequest request;
        request.operatorName = qEnvironmentVariable("USER", qEnvironmentVariable("LOGNAME"));
        request.store = stores;
        runner->resume(path, request, rollBack, false);
    });
    return true;
}

void MainWindow::copySelectedRows()
{
    if (!m_session)
        return;
    QStringList lines;
    const auto rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        lines.append(m_session->model->rowText(m_filter->mapToSource(index).row()));
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(u'\n'));
}

} // namespace eic::ui
