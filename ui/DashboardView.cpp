#include "DashboardView.h"

#include "ComponentFilterModel.h"
#include "HealthDelegate.h"
#include "LogPane.h"
#include "StoresPanel.h"
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
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

// A label that wraps at whatever width it gets and asks for no width of its own.
QSizePolicy wrapping()
{
    QSizePolicy p(QSizePolicy::Ignored, QSizePolicy::Preferred);
    p.setHeightForWidth(true);
    return p;
}

} // namespace

DashboardView::DashboardView(QWidget *header, QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(header, 1);
    m_backupAge = new QLabel(this);
    m_backupAge->hide();
    top->addWidget(m_backupAge);
    layout->addLayout(top);

    m_tlsWarning = new QLabel(this);
    m_tlsWarning->setWordWrap(true);
    m_tlsWarning->setSizePolicy(wrapping());
    m_tlsWarning->setStyleSheet(u"QLabel { background: #fff3e0; color: #8a4b00; border: 1px solid #ef6c00; padding: 4px; }"_s);
    m_tlsWarning->hide();
    layout->addWidget(m_tlsWarning);
    layout->addLayout(buildFilters());
    buildTable();

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(buildStoresAndServices());
    splitter->addWidget(buildLog());
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 0);
    splitter->setStretchFactor(2, 1);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter, 1);
    setTabOrder(header, m_filterChoice);
    setTabOrder(m_filterChoice, m_search);
    setTabOrder(m_search, m_table);
}

QLayout *DashboardView::buildFilters()
{
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

    m_filter = new ComponentFilterModel(this);
    connect(m_filterChoice, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_filter->setFilter(static_cast<ComponentFilterModel::Filter>(i)); });
    connect(m_search, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    return filters;
}

void DashboardView::buildTable()
{
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
    m_copy = new QAction(tr("&Copy row"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    connect(m_copy, &QAction::triggered, this, &DashboardView::copySelectedRows);
    m_table->addAction(m_copy);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
}

QWidget *DashboardView::buildStoresAndServices()
{
    auto *row = new QWidget(this);
    auto *rowLayout = new QHBoxLayout(row);
    rowLayout->setContentsMargins(0, 0, 0, 0);
    m_stores = new StoresPanel(row);
    auto *services = new QGroupBox(tr("Message service and built-in stores"), row);
    services->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    auto *servicesLayout = new QVBoxLayout(services);
    for (QLabel **label : {&m_messageService, &m_builtin}) {
        *label = new QLabel(services);
        (*label)->setWordWrap(true);
        (*label)->setMinimumWidth(0);
        (*label)->setSizePolicy(wrapping());
        servicesLayout->addWidget(*label);
    }
    servicesLayout->addStretch();
    rowLayout->addWidget(m_stores, 2);
    rowLayout->addWidget(services, 1);
    return row;
}

QWidget *DashboardView::buildLog()
{
    auto *logBox = new QGroupBox(tr("Log"), this);
    auto *logLayout = new QVBoxLayout(logBox);
    m_log = new LogPane(logBox);
    logLayout->addWidget(m_log);
    return logBox;
}

void DashboardView::setSession(cell::CellSession *session)
{
    m_filter->setSourceModel(nullptr);
    m_session = session;
    if (!session)
        return;
    m_filter->setSourceModel(session->model.get());
    fitColumns();
    const cell::CellMonitor *monitor = session->monitor.get();
    connect(monitor, &cell::CellMonitor::contactChanged, this, &DashboardView::updateMessageService);
    connect(monitor, &cell::CellMonitor::messageServiceChanged, this, &DashboardView::updateMessageService);
    connect(monitor, &cell::CellMonitor::builtinServicesChanged, this, &DashboardView::updateMessageService);
    connect(monitor, &cell::CellMonitor::syncedChanged, this, &DashboardView::fitColumns);
    connect(monitor, &cell::CellMonitor::syncedChanged, this, &DashboardView::updateMessageService);
    const kube::ResolvedContext &ctx = session->client->context();
    m_tlsWarning->setVisible(ctx.cluster.insecureSkipTlsVerify);
    m_tlsWarning->setText(tr("⚠ TLS verification is off for this cluster (insecure-skip-tls-verify in the kubeconfig): "
                             "anyone between you and %1 could read and change this session.").arg(ctx.cluster.server.toString()));
    updateMessageService();
}

void DashboardView::fitColumns()
{
    m_table->resizeColumnsToContents();
    // Health carries its reason ("Progressing — 1 of 2 available"): give it room.
    m_table->setColumnWidth(cell::ComponentModel::Health, qMax(m_table->columnWidth(cell::ComponentModel::Health),
                                                               m_table->fontMetrics().horizontalAdvance(u"Progressing — 1 of 2 updated replicas"_s) + 30));
    m_table->setColumnWidth(cell::ComponentModel::Role, qMin(m_table->columnWidth(cell::ComponentModel::Role), 240));
    // A long reason is elided in its cell (the tooltip has it all), not a column wider than the screen.
    m_table->setColumnWidth(cell::ComponentModel::Health, qMin(m_table->columnWidth(cell::ComponentModel::Health), 420));
}

void DashboardView::updateMessageService()
{
    if (!m_session)
        return;
    const cell::CellMonitor &monitor = *m_session->monitor;
    const cell::MessageServiceState &ms = monitor.messageService();
    // Silent cluster: what the watch last said, marked as such.
    QString summary = monitor.synced() ? ms.summary() : tr("not known yet (the cluster has not answered)");
    if (monitor.contactLost() && monitor.synced())
        summary = tr("unknown (no contact for %1 s); last known: %2").arg(monitor.secondsWithoutContact()).arg(summary);
    // A single instance has no replica: nothing protects it, and the text does not reassure.
    const QString protection = !monitor.synced() || !ms.present ? tr("It has no backup and no restore.")
                               : ms.highAvailability()          ? tr("Protected by replication, not by backup: it has no restore.")
                                                                : tr("A single instance: no replica protects it, and it has no backup and no restore.");
    m_messageService->setText(tr("<b>StatefulSet %1</b> in %2: %3.<br><i>%4</i>")
                                  .arg(ms.name.toHtmlEscaped(), ms.ns.toHtmlEscaped(), summary.toHtmlEscaped(), protection));
    if (monitor.builtinServices().isEmpty()) {
        m_builtin->setText(tr("<b>Built-in stores</b>: none in the cell — the stores are external; backup and restore are supported."));
    } else {
        QStringList names;
        for (const auto &b : monitor.builtinServices())
            names.append(u"%1 (%2)"_s.arg(b.name, b.ns).toHtmlEscaped());
        m_builtin->setText(tr("<b>Built-in (non-production) stores</b>: %1 — backup and restore not supported.").arg(names.join(u", "_s)));
    }
}

void DashboardView::copySelectedRows()
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

void DashboardView::showBackupAge(const QString &text, bool warn)
{
    m_backupAge->setText(text);
    m_backupAge->setStyleSheet(warn ? u"color:#8a5a00; font-weight:bold"_s : QString());
    m_backupAge->setVisible(!text.isEmpty());
}

QString DashboardView::backupAgeText() const
{
    return m_backupAge->text();
}

} // namespace eic::ui
