#pragma once

#include <QMainWindow>

class QLabel;
class QTableWidget;

namespace eic::kube {
class KubeClient;
}

namespace eic::ui {

// The main window. For now: the connection and the cell's deployments; the dashboard of the
// next milestone replaces the table with the live component-health model.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(kube::KubeClient *client, QWidget *parent = nullptr);

    void refresh();
    int deploymentCount() const;

Q_SIGNALS:
    void refreshed();

private:
    kube::KubeClient *m_client;
    QLabel *m_connection;
    QTableWidget *m_table;
};

} // namespace eic::ui
