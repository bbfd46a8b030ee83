#pragma once

#include <QWidget>

class QAction;
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
class StoresPanel;

// The dashboard page: `header` (the cell and its connection) with the age of the last backup,
// the component table with its filters, the stores panel and the message service, and the log.
// Everything on it comes from the session's watches.
class DashboardView : public QWidget {
    Q_OBJECT
public:
    explicit DashboardView(QWidget *header, QWidget *parent = nullptr);

    // The session to show; nullptr before the shown one is dropped.
    void setSession(cell::CellSession *session);
    QTableView *table() const { return m_table; }
    ComponentFilterModel *filterModel() const { return m_filter; }
    // Edit → Copy row (also in the table's context menu).
    QAction *copyAction() const { return m_copy; }
    void copySelectedRows();
    // "Last database backup: …" next to the connection; an empty text hides it.
    void showBackupAge(const QString &text, bool warn);
    QString backupAgeText() const;
    // The database and data store of the open profile.
    StoresPanel *stores() const { return m_stores; }

private:
    QLayout *buildFilters();
    void buildTable();
    QWidget *buildStoresAndServices();
    QWidget *buildLog();
    void fitColumns();
    void updateMessageService();

    cell::CellSession *m_session = nullptr;
    QLabel *m_backupAge = nullptr;
    QLabel *m_tlsWarning = nullptr;
    QComboBox *m_filterChoice = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    ComponentFilterModel *m_filter = nullptr;
    QLabel *m_messageService = nullptr;
    QLabel *m_builtin = nullptr;
    LogPane *m_log = nullptr;
    StoresPanel *m_stores = nullptr;
    QAction *m_copy = nullptr;
};

} // namespace eic::ui
