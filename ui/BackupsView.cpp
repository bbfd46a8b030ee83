#include "BackupsView.h"

#include "BackupText.h"
#include "report/RestoreReport.h"
#include "restore/Journal.h"
#include "stores/postgres/PgBackup.h"
#include "stores/redis/RedisJobs.h"
#include "util/Background.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

QString lastBackupText(const QString &folder, stores::BackupEntry::Kind kind, double warnAfterDays, bool *warn)
{
    const QString what = kind == stores::BackupEntry::Kind::Database ? QObject::tr("database") : QObject::tr("data store");
    const auto newest = stores::BackupCatalogue::newest(folder, kind);
    if (warn)
        *warn = !newest || newest->ageDays() > warnAfterDays;
    if (folder.isEmpty())
        return QObject::tr("Last %1 backup: no backup folder in the profile").arg(what);
    if (!newest)
        return QObject::tr("Last %1 backup: none yet — take one before you need it").arg(what);
    const double days = newest->ageDays();
    const QString age = days < 1.0 / 24 ? QObject::tr("%1 min ago").arg(qRound(days * 1440)) : days < 1 ? QObject::tr("%1 h ago").arg(days * 24, 0, 'f', 1) : QObject::tr("%1 days ago").arg(days, 0, 'f', 1);
    return QObject::tr("Last %1 backup: %2%3").arg(what, age, days > warnAfterDays ? QObject::tr(" — older than %1 day(s): take a new one").arg(warnAfterDays) : QString());
}

BackupsView::BackupsView(const QString &folder, const restore::StoreAccess &stores, QWidget *parent)
    : QDialog(parent)
    , m_folder(folder)
    , m_stores(stores)
{
    setWindowTitle(tr("Backups — %1").arg(folder.isEmpty() ? tr("no folder") : folder));
    resize(860, 480);
    auto *layout = new QVBoxLayout(this);
    m_last = new QLabel(this);
    m_last->setWordWrap(true);
    layout->addWidget(m_last);
    m_table = new QTableWidget(0, 5, this);
    m_table->setHorizontalHeaderLabels({tr("Store"), tr("Backup"), tr("Age"), tr("Size"), tr("Verified")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table);
    m_progress = new QProgressBar(this);
    m_progress->hide();
    layout->addWidget(m_progress);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    auto *buttons = new QHBoxLayout;
    m_database = new QPushButton(tr("Back up the &database"), this);
    m_datastore = new QPushButton(tr("Back up the data &store"), this);
    m_verify = new QPushButton(tr("&Verify the selected backup"), this);
    m_database->setEnabled(stores.database.has_value() && !folder.isEmpty());
    m_datastore->setEnabled(stores.datastore.has_value() && !folder.isEmpty());
    if (!stores.database)
        m_database->setToolTip(tr("The profile has no database connection."));
    if (!stores.datastore)
        m_datastore->setToolTip(tr("The profile has no data store connection."));
    buttons->addWidget(m_database);
    buttons->addWidget(m_datastore);
    buttons->addStretch();
    buttons->addWidget(m_verify);
    layout->addLayout(buttons);
    connect(m_database, &QPushButton::clicked, this, &BackupsView::backupDatabase);
    connect(m_datastore, &QPushButton::clicked, this, &BackupsView::backupDatastore);
    connect(m_verify, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            verifyRow(m_table->currentRow());
    });
    refresh();
}

QString BackupsView::status() const
{
    return m_status->text();
}

void BackupsView::refresh()
{
    bool warn = false;
    const QString db = lastBackupText(m_folder, stores::BackupEntry::Kind::Database, 1.0, &warn);
    bool warnDs = false;
    const QString ds = lastBackupText(m_folder, stores::BackupEntry::Kind::Datastore, 1.0, &warnDs);
    m_last->setText(db + u"\n"_s + ds);
    m_last->setStyleSheet(warn || warnDs ? u"color:#8a5a00"_s : QString());
    m_entries = stores::BackupCatalogue::list(m_folder);
    m_table->setRowCount(static_cast<int>(m_entries.size()));
    for (int r = 0; r < m_entries.size(); ++r) {
        const auto &e = m_entries.at(r);
        m_table->setItem(r, 0, new QTableWidgetItem(e.kind == stores::BackupEntry::Kind::Database ? tr("database") : tr("data store")));
        m_table->setItem(r, 1, new QTableWidgetItem(QFileInfo(e.path).fileName()));
        m_table->setItem(r, 2, new QTableWidgetItem(backupAge(e)));
        m_table->setItem(r, 3, new QTableWidgetItem(backupSize(e)));
        m_table->setItem(r, 4, new QTableWidgetItem(m_verification.value(e.path, tr("not yet"))));
    }
    m_table->resizeColumnsToContents();
}

void BackupsView::busy(bool on)
{
    m_database->setEnabled(!on && m_stores.database.has_value() && !m_folder.isEmpty());
    m_datastore->setEnabled(!on && m_stores.datastore.has_value() && !m_folder.isEmpty());
    m_verify->setEnabled(!on);
    m_progress->setVisible(on);
}

void BackupsView::backupDatabase()
{
    if (!m_stores.database)
        return;
    busy(true);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Backing up the database…"));
    auto *job = new stores::PgBackup(this);
    connect(job, &stores::PgBackup::finished, this, [this, job](const Result<stores::BackupResult> &r) {
        job->deleteLater();
        busy(false);
        m_status->setText(r ? tr("Database backup complete.") : r.error().message);
        refresh();
        Q_EMIT backupFinished(r.ok());
    });
    stores::PgBackup::Options o;
    o.connection = *m_stores.database;
    o.folder = m_folder;
    job->start(o);
}

void BackupsView::backupDatastore()
{
    if (!m_stores.datastore)
        return;
    busy(true);
    m_status->setText(tr("Backing up the data store…"));
    auto *runner = new stores::RedisJobRunner(this);
    connect(runner, &stores::RedisJobRunner::progress, this, [this](const stores::RedisProgress &p) {
        m_progress->setRange(0, static_cast<int>(std::min<quint64>(p.keysTotal, INT_MAX)));
        m_progress->setValue(static_cast<int>(std::min<quint64>(p.keys, INT_MAX)));
        m_status->setText(tr("Backing up the data store: %1 of %2 keys, %3 keys/s").arg(p.keys).arg(p.keysTotal).arg(p.keysPerSecond, 0, 'f', 0));
    });
    connect(runner, &stores::RedisJobRunner::backupFinished, this, [this, runner](const Result<stores::RedisBackupResult> &r) {
        runner->deleteLater();
        busy(false);
        m_status->setText(r ? tr("Data store backup complete: %1 keys in %2 s.").arg(r->records).arg(r->seconds, 0, 'f', 1) : r.error().message);
        if (r)
            m_verification.insert(r->path, tr("yes (written and checked)"));
        refresh();
        Q_EMIT backupFinished(r.ok());
    });
    stores::RedisBackup::Options o;
    o.connection = *m_stores.datastore;
    o.folder = m_folder;
    runner->startBackup(o);
}

void BackupsView::verifyRow(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const stores::BackupEntry entry = m_entries.at(row);
    busy(true);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Verifying %1…").arg(QFileInfo(entry.path).fileName()));
    runInBackground<Result<bool>>(this, [entry] { return stores::BackupCatalogue::verify(entry); }, [this, entry, row](Result<bool> r) {
        busy(false);
        m_verification.insert(entry.path, r ? tr("yes, %1").arg(QDateTime::currentDateTime().toString(u"yyyy-MM-dd HH:mm"_s)) : tr("DAMAGED: %1").arg(r.error().message));
        m_status->setText(r ? tr("%1 is intact.").arg(QFileInfo(entry.path).fileName()) : r.error().message);
        refresh();
        Q_EMIT verified(row, r.ok());
    });
}

// ---------------------------------------------------------------------------------------------

ReportsView::ReportsView(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Restore reports"));
    resize(860, 420);
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 6, this);
    m_table->setHorizontalHeaderLabels({tr("Run"), tr("Store"), tr("Mode"), tr("Outcome"), tr("Began"), tr("Downtime")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);
    auto *buttons = new QHBoxLayout;
    for (const QString &format : {u"pdf"_s, u"html"_s, u"json"_s}) {
        auto *b = new QPushButton(tr("Export %1…").arg(format.toUpper()), this);
        connect(b, &QPushButton::clicked, this, [this, format] {
            const int row = m_table->currentRow();
            if (row < 0)
                return;
            const QString id = m_table->item(row, 0)->text();
            const QString path = QFileDialog::getSaveFileName(this, tr("Export the report"), QDir::home().filePath(u"eic-restore-report-%1.%2"_s.arg(id, format)));
            if (!path.isEmpty())
                exportRun(id, format, path);
        });
        buttons->addWidget(b);
    }
    buttons->addStretch();
    layout->addLayout(buttons);
    refresh();
}

void ReportsView::refresh()
{
    m_table->setRowCount(0);
    for (const QString &path : restore::Journal::all()) {
        auto r = report::RestoreReport::fromJournal(path);
        if (!r)
            continue;
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QStringList cells{r->runId, r->target, r->mode, r->outcome, r->began.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s),
                                r->downtimeSeconds >= 0 ? tr("%1 s").arg(r->downtimeSeconds, 0, 'f', 1) : QString()};
        for (int c = 0; c < cells.size(); ++c)
            m_table->setItem(row, c, new QTableWidgetItem(cells.at(c)));
    }
    m_table->resizeColumnsToContents();
}

QString ReportsView::exportRun(const QString &runId, const QString &format, const QString &path)
{
    auto r = report::RestoreReport::fromJournal(QDir(restore::Journal::runsDir()).filePath(runId + u".jsonl"_s));
    if (!r) {
        m_status->setText(r.error().message);
        return {};
    }
    auto sha = report::exportReport(*r, format, path);
    m_status->setText(sha ? tr("Report written: %1\nSHA-256: %2").arg(path, *sha) : sha.error().message);
    return sha ? *sha : QString();
}

} // namespace eic::ui
