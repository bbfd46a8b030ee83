#pragma once

#include "restore/RunRequest.h"
#include "stores/StoreStatus.h"

#include <QGroupBox>
#include <QWidget>

#include <functional>
#include <memory>

class QFormLayout;
class QLabel;
class QPushButton;

namespace eic::ui {

// A message of any length made fit for a wrapping label: cut at `max` characters (with "…"),
// and breakable inside words so long that no line could hold them (an URL, a host name).
QString fitForLabel(const QString &text, qsizetype max);

// One store on the dashboard: reachable or not (and why), the server and its role, size,
// the sessions of the cell's components, persistence, and the last backup with its
// verification. Its figures come from a StoreStatus; this only puts them in words.
class StoreBox : public QGroupBox {
    Q_OBJECT
public:
    StoreBox(const QString &title, QWidget *parent = nullptr);

    // The status to show (nullptr: none, `why` says why).
    void setStatus(stores::StoreStatus *status, const QString &why = {});
    stores::StoreStatus *status() const { return m_status; }
    // Every line of the box as plain text, for tests and "copy".
    QString text() const;
    QString reachText() const;
    QPushButton *checkAgainButton() const { return m_checkAgain; }

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void update();
    void showText();
    // As tall as its wrapped lines need at its width (a splitter asks widgets for no more).
    void fitHeight();
    void showRows(bool on);
    QLabel *addRow(const QString &label, const QString &name);
    void showBackup(const stores::StoreState &s);

    QString m_title;
    stores::StoreStatus *m_status = nullptr;
    QFormLayout *m_form = nullptr;
    QLabel *m_reach = nullptr;
    QLabel *m_server = nullptr;
    QLabel *m_size = nullptr;
    QLabel *m_sessions = nullptr;
    QLabel *m_persistence = nullptr;
    QLabel *m_backup = nullptr;
    QPushButton *m_checkAgain = nullptr;
};

// The database and the data store of the open profile, side by side, each refreshed every
// StoreStatus::kRefreshIntervalMs on one kept connection, off the GUI thread's waits.
class StoresPanel : public QWidget {
    Q_OBJECT
public:
    explicit StoresPanel(QWidget *parent = nullptr);
    ~StoresPanel() override;

    // The open profile's stores (passwords included) and its backup folder.
    void setStores(const restore::StoreAccess &stores, const QString &backupFolder);
    // No profile: nothing to ask; `why` says so in both boxes.
    void clear(const QString &why);
    // While `pause` answers true (a restore runs), the stores are not asked and no connection of
    // ours stays open.
    void setPauseWhile(std::function<bool()> pause);
    // Where a backup's verification is remembered; without it every backup is "not checked".
    void setVerificationLookup(stores::StoreStatus::VerificationLookup lookup);

    StoreBox *databaseBox() const { return m_database; }
    StoreBox *datastoreBox() const { return m_datastore; }
    stores::StoreStatus *databaseStatus() const { return m_databaseStatus.get(); }
    stores::StoreStatus *datastoreStatus() const { return m_datastoreStatus.get(); }

private:
    void adopt(stores::StoreStatus *status);

    StoreBox *m_database = nullptr;
    StoreBox *m_datastore = nullptr;
    std::unique_ptr<stores::StoreStatus> m_databaseStatus;
    std::unique_ptr<stores::StoreStatus> m_datastoreStatus;
    std::function<bool()> m_pause;
    stores::StoreStatus::VerificationLookup m_lookup;
};

} // namespace eic::ui
