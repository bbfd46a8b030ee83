#include "MainWindow.h"

#include "kube/KubeClient.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

MainWindow::MainWindow(kube::KubeClient *client, QWidget *parent)
    : QMainWindow(parent)
    , m_client(client)
    , m_connection(new QLabel(this))
    , m_table(new QTableWidget(0, 4, this))
{
    setWindowTitle(tr("eic-restore — Edge Integration Cell backup and restore"));
    resize(900, 560);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    m_connection->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_connection);
    m_table->setHorizontalHeaderLabels({tr("Deployment"), tr("Desired"), tr("Ready"), tr("Available")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSortingEnabled(true);
    layout->addWidget(m_table);
    setCentralWidget(central);

    auto *refreshAction = new QAction(tr("&Refresh"), this);
    refreshAction->setShortcut(QKeySequence::Refresh);
    connect(refreshAction, &QAction::triggered, this, &MainWindow::refresh);
    auto *quitAction = new QAction(tr("&Quit"), this);
    quitAction->setShortcut(QKeySequence::Quit);
    connect(quitAction, &QAction::triggered, this, &QWidget::close);
    QMenu *fileMenu = menuBar()->addMenu(tr("&Cell"));
    fileMenu->addAction(refreshAction);
    fileMenu->addSeparator();
    fileMenu->addAction(quitAction);

    const auto &ctx = m_client->context();
    m_connection->setText(tr("Context <b>%1</b> · cluster %2 · namespace <b>%3</b>")
                              .arg(ctx.context.toHtmlEscaped(), ctx.cluster.server.toString().toHtmlEscaped(), ctx.ns.toHtmlEscaped()));
}

int MainWindow::deploymentCount() const
{
    return m_table->rowCount();
}

void MainWindow::refresh()
{
    statusBar()->showMessage(tr("Reading deployments…"));
    m_client->getJson(u"/apis/apps/v1/namespaces/%1/deployments"_s.arg(m_client->context().ns), this,
                      [this](const Result<QJsonObject> &result) {
                          if (!result) {
                              statusBar()->showMessage(result.error().message);
                              Q_EMIT refreshed();
                              return;
                          }
                          const QJsonArray items = result->value("items"_L1).toArray();
                          m_table->setSortingEnabled(false);
                          m_table->setRowCount(static_cast<int>(items.size()));
                          int row = 0;
                          for (const auto &item : items) {
                              const QJsonObject d = item.toObject();
                              const QJsonObject status = d.value("status"_L1).toObject();
                              auto *name = new QTableWidgetItem(d.value("metadata"_L1).toObject().value("name"_L1).toString());
                              m_table->setItem(row, 0, name);
                              const int counts[] = {d.value("spec"_L1).toObject().value("replicas"_L1).toInt(1),
                                                    status.value("readyReplicas"_L1).toInt(0),
                                                    status.value("availableReplicas"_L1).toInt(0)};
                              for (int c = 0; c < 3; ++c) {
                                  auto *cell = new QTableWidgetItem;
                                  cell->setData(Qt::DisplayRole, counts[c]);
                                  cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                                  m_table->setItem(row, c + 1, cell);
                              }
                              ++row;
                          }
                          m_table->setSortingEnabled(true);
                          m_table->sortByColumn(0, Qt::AscendingOrder);
                          statusBar()->showMessage(tr("%n deployment(s) in %1", nullptr, row).arg(m_client->context().ns));
                          Q_EMIT refreshed();
                      });
}

} // namespace eic::ui
