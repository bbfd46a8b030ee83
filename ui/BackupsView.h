#pragma once

#include "cell/ComponentCatalogue.h"
#include "restore/RestoreRunner.h"
#include "stores/BackupCatalogue.h"

#include <QDialog>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace eic::ui {

// "When was the last backup?" in words, with a warning past the threshold (the vendor asks for
// regular backups); empty folder: says so.
QString lastBackupText(const QString &folder, stores::BackupEntry::Kind kind, double warnAfterDays, bool *warn = nullptr);

// The backups of a profile's folder: take a database or data store backup with progress, list
// them with age, size and verification state (kept between openings), verify one on demand (off
// the GUI thread), show its details, restore it (the wizard, in archive mode) or delete it.
class BackupsView : public QDialog {
    Q_OBJECT
public:
    BackupsView(const QString &folder, const restore::StoreAccess &stores, QWidget *parent = nullptr);

    void refresh();
    void backupDatabase();
    void backupDatastore();
    void verifyRow(int row);
    void restoreRow(int row);
    // Asks first (name, size, age); the newest verified backup of its store only after a second
    // question. Removes the backup with its sidecars. Returns whether it was deleted.
    bool deleteRow(int row);
    QDialog *showDetails(int row);
    QTableWidget *table() const { return m_table; }
    QString status() const;

Q_SIGNALS:
    void backupFinished(bool ok);
    void verified(int row, bool ok);
    // "Restore this backup…": the main window opens the wizard on it.
    void restoreRequested(const QString &path, eic::cell::RestoreTarget target);

private:
    void busy(bool on);
    // The selected row, or -1 after saying that a backup must be selected for `action`.
    int selectedRow(const QString &action);
    bool isNewestVerified(const stores::BackupEntry &entry, QString *fallback) const;
    QString m_folder;
    restore::StoreAccess m_stores;
    QList<stores::BackupEntry> m_entries;
    QLabel *m_last;
    QTableWidget *m_table;
    QProgressBar *m_progress;
    QLabel *m_status;
    QPushButton *m_database;
    QPushButton *m_datastore;
    QPushButton *m_verify;
    QList<QPushButton *> m_rowActions; // restore, details, delete, verify
};

// The restore runs of the journal, newest first, with their outcome; export a report.
class ReportsView : public QDialog {
    Q_OBJECT
public:
    explicit ReportsView(QWidget *parent = nullptr);
    void refresh();
    QTableWidget *table() const { return m_table; }
    // Exports the run's report; returns its SHA-256, shown in the dialog (empty on failure).
    QString exportRun(const QString &runId, const QString &format, const QString &path);

private:
    QTableWidget *m_table;
    QLabel *m_status;
};

} // namespace eic::ui
