#pragma once

#include "kube/KubeConfig.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace eic::cell {
class CellSession;
}

namespace eic::ui {

class ComponentFilterModel;
class LogPane;

// The dashboard: the connection (context, cluster, namespace, live state, TLS warning), the
// component table, the message service and built-in stores, and the log. Everything on it
// comes from the cell's watches.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // `config` gives the contexts to switch between; `nsOverride` replaces each context's namespace.
    MainWindow(kube::KubeConfig config, const QString &context, const QString &nsOverride, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Connects to another context of the kubeconfig (the old session's watches stop).
    bool switchContext(const QString &context);
    cell::CellSession *session() const { return m_session.get(); }
    QTableView *componentTable() const { return m_table; }
    ComponentFilterModel *filterModel() const { return m_filter; }
    QString connectionText() const;
    void copySelectedRows();

Q_SIGNALS:
    void sessionChanged();

private:
    void buildUi();
    void updateConnection();
    void updateMessageService();

    kube::KubeConfig m_config;
    QString m_nsOverride;
    std::unique_ptr<cell::CellSession> m_session;
    QComboBox *m_contexts = nullptr;
    QLabel *m_connection = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QComboBox *m_filterChoice = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    ComponentFilterModel *m_filter = nullptr;
    QLabel *m_messageService = nullptr;
    QLabel *m_builtin = nullptr;
    LogPane *m_log = nullptr;
    QTimer m_countdown;
};

} // namespace eic::ui
