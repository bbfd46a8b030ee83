#include "MainWindow.h"

#include "ComponentFilterModel.h"
#include "HealthDelegate.h"
#include "LogPane.h"
#include "cell/CellSession.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::ui {

MainWindow::MainWindow(kube::KubeConfig config, const QString &context, const QString &nsOverride, QWidget *parent)
    : QMainWindow(parent)
    , m_config(std::move(config))
    , m_nsOverride(nsOverride)
{
    setWindowTitle(tr("eic-restore — Edge Integration Cell"));
    setWindowIcon(QIcon(u":/eic/icons/eic-restore.svg"_s));
    resize(1240, 740);
    buildUi();
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &MainWindow::updateConnection);
    m_countdown.start();
    switchContext(context.isEmpty() ? m_config.currentContext() : context);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("&Context:"), this));
    m_contexts = new QComboBox(this);
    m_contexts->addItems(m_config.contextNames());
    m_contexts->setToolTip(tr("Switch to another context of the kubeconfig"));
    qobject_cast<QLabel *>(top->itemAt(0)->widget())->setBuddy(m_contexts);
    connect(m_contexts, &QComboBox::activated, this, [this](int i) { switchContext(m_contexts->itemText(i)); });
    top->addWidget(m_contexts);
    m_connection = new QLabel(this);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    top->addWidget(m_connection, 1);
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
    setCentralWidget(central);

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
    cellMenu->addAction(quit);
}

bool MainWindow::switchContext(const QString &context)
{
    auto resolved = m_config.resolve(context);
    if (!resolved) {
        spdlog::error("{}", resolved.error().toString().toStdString());
        QMessageBox::warning(this, tr("Cannot connect"), resolved.error().message);
        return false;
    }
    kube::ResolvedContext ctx = *resolved;
    if (!m_nsOverride.isEmpty())
        ctx.ns = m_nsOverride;
    if (!kube::isDnsLabel(ctx.ns)) {
        QMessageBox::warning(this, tr("Cannot connect"), tr("\"%1\" is not a valid namespace name.").arg(ctx.ns));
        return false;
    }
    m_filter->setSourceModel(nullptr);
    m_session = std::make_unique<cell::CellSession>(ctx);
    m_filter->setSourceModel(m_session->model.get());
    m_table->resizeColumnsToContents();
    connect(m_session->monitor.get(), &cell::CellMonitor::connectionChanged, this, &MainWindow::updateConnection);
    connect(m_session->monitor.get(), &cell::CellMonitor::messageServiceChanged, this, &MainWindow::updateMessageService);
    connect(m_session->monitor.get(), &cell::CellMonitor::builtinServicesChanged, this, &MainWindow::updateMessageService);
    connect(m_session->monitor.get(), &cell::CellMonitor::syncedChanged, this, [this] {
        m_table->resizeColumnsToContents();
        // Health carries its reason ("Progressing — 1 of 2 available"): give it room.
        m_table->setColumnWidth(cell::ComponentModel::Health, qMax(m_table->columnWidth(cell::ComponentModel::Health),
                                                                   m_table->fontMetrics().horizontalAdvance(u"Progressing — 1 of 2 updated replicas"_s) + 30));
        m_table->setColumnWidth(cell::ComponentModel::Role, qMin(m_table->columnWidth(cell::ComponentModel::Role), 240));
    });
    m_contexts->setCurrentText(ctx.context);
    m_tlsWarning->setVisible(ctx.cluster.insecureSkipTlsVerify);
    m_tlsWarning->setText(tr("⚠ TLS verification is off for this cluster (insecure-skip-tls-verify in the kubeconfig): "
                             "anyone between you and %1 could read and change this session.").arg(ctx.cluster.server.toString()));
    spdlog::info("connecting to context {} ({}), namespace {}", ctx.context.toStdString(), ctx.cluster.server.toString().toStdString(),
                 ctx.ns.toStdString());
    m_session->monitor->start();
    updateConnection();
    updateMessageService();
    Q_EMIT sessionChanged();
    return true;
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
    m_connection->setToolTip(monitor.connectionDetail());
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
