#include "BackupsView.h"

#include "BackupText.h"
#include "MessageBox.h"
#include "report/RestoreReport.h"
#include "restore/Journal.h"
#include "stores/postgres/BackupManifest.h"
#include "stores/postgres/PgBackup.h"
#include "stores/redis/RedisBackupFile.h"
#include "stores/redis/RedisJobs.h"
#include "util/Background.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtMath>

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
    return QObject::tr("Last %1 backup: %2%3").arg(what, age, days > warnAfterDays ? QObject::tr(" — older than %n day(s): take a new one", nullptr, qCeil(warnAfterDays)) : QString());
}

namespace {

QString kindText(const stores::BackupEntry &e)
{
    return e.kind == stores::BackupEntry::Kind::Database ? BackupsView::tr("database") : BackupsView::tr("data store");
}

// What a backup holds, from its manifest or its header (cheap: nothing is read to the end).
QString contentsOf(const stores::BackupEntry &e)
{
    if (e.kind == stores::BackupEntry::Kind::Database) {
        auto m = stores::BackupManifest::read(e.path);
        if (!m)
            return m.error().message;
        qint64 rows = 0;
        bool exact = true;
        for (const auto &t : m->tables) {
            rows += t.rows;
            exact = exact && t.rowsExact;
        }
        return BackupsView::tr("database %1 (PostgreSQL %2): %n table(s), ", nullptr, int(m->tables.size())).arg(m->database, m->serverVersion)
            + (exact ? BackupsView::tr("%1 rows").arg(QLocale().toString(rows)) : BackupsView::tr("about %1 rows").arg(QLocale().toString(rows)));
    }
    stores::RedisBackupStream stream;
    auto header = stream.open(e.path);
    if (!header)
        return header.error().message;
    QStringList dbs;
    for (const auto &v : header->value("databases"_L1).toArray())
        dbs.append(BackupsView::tr("db%1: %n key(s)", nullptr, v.toObject().value("keys"_L1).toInt()).arg(v.toObject().value("db"_L1).toInt()));
    return dbs.isEmpty() ? BackupsView::tr("no keys") : dbs.join(u", "_s);
}

// The SHA-256 a backup carries: of manifest.json (which lists every file's), or the one in a
// data store backup's footer (of every byte before it).
QString digestOf(const stores::BackupEntry &e)
{
    if (e.kind == stores::BackupEntry::Kind::Database) {
        QFile sum(QDir(e.path).filePath(QLatin1StringView(stores::BackupManifest::kChecksumFile)));
        if (!sum.open(QIODevice::ReadOnly))
            return BackupsView::tr("none (a backup of an older eic-restore has no %1)").arg(sum.fileName());
        return BackupsView::tr("%1 (of manifest.json, which lists the SHA-256 of every file)").arg(QString::fromLatin1(sum.read(4096).trimmed().split(' ').value(0)));
    }
    QFile f(e.path);
    constexpr qint64 kFooter = 1 + 8 + 8 + 32;
    if (!f.open(QIODevice::ReadOnly) || f.size() < kFooter || !f.seek(f.size() - kFooter) || f.read(1) != "F")
        return BackupsView::tr("unknown: the file has no complete footer");
    f.seek(f.size() - 32);
    return BackupsView::tr("%1 (recorded in the file, of everything before it)").arg(QString::fromLatin1(f.read(32).toHex()));
}

// The backup and the files that belong to it: a database backup's folder, or a data store
// backup with its sidecars ("<file>.sha256" and the like).
Result<bool> removeBackup(const stores::BackupEntry &e)
{
    const QFileInfo info(e.path);
    if (info.isDir()) {
        if (!QDir(e.path).removeRecursively())
            return Error{BackupsView::tr("Not everything of %1 could be deleted; check its permissions.").arg(e.path), {}, 0};
        return true;
    }
    QStringList files{e.path};
    for (const QFileInfo &sidecar : info.dir().entryInfoList({info.fileName() + u".*"_s}, QDir::Files | QDir::Hidden))
        files.append(sidecar.absoluteFilePath());
    for (const QString &file : std::as_const(files)) {
        QFile f(file);
        if (f.exists() && !f.remove())
            return Error{BackupsView::tr("Cannot delete %1: %2.").arg(file, f.errorString()), {}, 0};
    }
    return true;
}

} // namespace

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
    m_verify = new QPushButton(tr("&Verify"), this);
    auto *restore = new QPushButton(tr("&Restore this backup…"), this);
    auto *details = new QPushButton(tr("De&tails…"), this);
    auto *remove = new QPushButton(tr("De&lete…"), this);
    m_verify->setObjectName(u"verify"_s);
    restore->setObjectName(u"restore"_s);
    details->setObjectName(u"details"_s);
    remove->setObjectName(u"delete"_s);
    m_rowActions = {restore, details, remove, m_verify};
    m_database->setEnabled(stores.database.has_value() && !folder.isEmpty());
    m_datastore->setEnabled(stores.datastore.has_value() && !folder.isEmpty());
    if (!stores.database)
        m_database->setToolTip(tr("The profile has no database connection."));
    if (!stores.datastore)
        m_datastore->setToolTip(tr("The profile has no data store connection."));
    buttons->addWidget(m_database);
    buttons->addWidget(m_datastore);
    buttons->addStretch();
    for (QPushButton *b : std::as_const(m_rowActions))
        buttons->addWidget(b);
    layout->addLayout(buttons);
    connect(m_database, &QPushButton::clicked, this, &BackupsView::backupDatabase);
    connect(m_datastore, &QPushButton::clicked, this, &BackupsView::backupDatastore);
    connect(m_verify, &QPushButton::clicked, this, [this] { verifyRow(selectedRow(tr("verify"))); });
    connect(restore, &QPushButton::clicked, this, [this] { restoreRow(selectedRow(tr("restore"))); });
    connect(details, &QPushButton::clicked, this, [this] { showDetails(selectedRow(tr("show"))); });
    connect(remove, &QPushButton::clicked, this, [this] { deleteRow(selectedRow(tr("delete"))); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { showDetails(row); });
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
        const BackupVerification v = BackupVerification::of(e.path);
        auto *state = new QTableWidgetItem(v.text());
        if (v.outcome != BackupVerification::Outcome::Passed)
            state->setForeground(v.outcome == BackupVerification::Outcome::Failed ? QColor(0xc6, 0x28, 0x28) : QColor(0x75, 0x75, 0x75));
        m_table->setItem(r, 4, state);
    }
    m_table->resizeColumnsToContents();
}

void BackupsView::busy(bool on)
{
    m_database->setEnabled(!on && m_stores.database.has_value() && !m_folder.isEmpty());
    m_datastore->setEnabled(!on && m_stores.datastore.has_value() && !m_folder.isEmpty());
    for (QPushButton *b : std::as_const(m_rowActions))
        b->setEnabled(!on);
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
        if (r) // read back and checked as it was written
            BackupVerification::remember(r->path, {BackupVerification::Outcome::Passed, QDateTime::currentDateTime(), tr("checked as it was written")});
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
        BackupVerification::remember(entry.path, {r ? BackupVerification::Outcome::Passed : BackupVerification::Outcome::Failed, QDateTime::currentDateTime(),
                                                  r ? QString() : r.error().message});
        m_status->setText(r ? tr("%1 is intact.").arg(QFileInfo(entry.path).fileName()) : r.error().message);
        refresh();
        Q_EMIT verified(row, r.ok());
    });
}

int BackupsView::selectedRow(const QString &action)
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_entries.size()) {
        m_status->setText(m_entries.isEmpty() ? tr("There is no backup yet to %1.").arg(action) : tr("Select a backup in the list first, then %1 it.").arg(action));
        return -1;
    }
    return row;
}

void BackupsView::restoreRow(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    const stores::BackupEntry &e = m_entries.at(row);
    Q_EMIT restoreRequested(e.path, e.kind == stores::BackupEntry::Kind::Database ? cell::RestoreTarget::Database : cell::RestoreTarget::Datastore);
}

bool BackupsView::isNewestVerified(const stores::BackupEntry &entry, QString *fallback) const
{
    bool newest = false;
    bool seen = false;
    fallback->clear();
    for (const stores::BackupEntry &e : m_entries) { // newest first
        if (e.kind != entry.kind || BackupVerification::of(e.path).outcome != BackupVerification::Outcome::Passed)
            continue;
        if (!seen) {
            seen = true;
            newest = e.path == entry.path;
        } else if (newest) {
            *fallback = backupSummary(e);
            break;
        }
    }
    return newest;
}

bool BackupsView::deleteRow(int row)
{
    if (row < 0 || row >= m_entries.size())
        return false;
    const stores::BackupEntry entry = m_entries.at(row);
    const QString name = QFileInfo(entry.path).fileName();
    if (MessageBox::question(this, tr("Delete backup"),
                             tr("Delete the %1 backup %2 (%3, taken %4, %5 ago)? This cannot be undone.")
                                 .arg(kindText(entry), name, backupSize(entry), entry.created.toString(u"yyyy-MM-dd HH:mm"_s), backupAge(entry)),
                             QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
        != QMessageBox::Yes)
        return false;
    // Retention's rule: the newest verified backup of a store is what a restore at 2 a.m. needs.
    QString fallback;
    if (isNewestVerified(entry, &fallback)
        && MessageBox::question(this, tr("Delete the newest verified backup"),
                                tr("%1 is the newest verified %2 backup. Without it, %3. Delete it all the same?")
                                    .arg(name, kindText(entry),
                                         fallback.isEmpty() ? tr("no verified %1 backup is left").arg(kindText(entry)) : tr("the newest verified one is %1").arg(fallback)),
                                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel)
            != QMessageBox::Yes)
        return false;
    const auto removed = removeBackup(entry);
    BackupVerification::forget(entry.path);
    m_status->setText(removed ? tr("%1 was deleted.").arg(name) : removed.error().message);
    refresh();
    Q_EMIT backupFinished(removed.ok()); // the dashboard's "last backup" follows
    return removed.ok();
}

QDialog *BackupsView::showDetails(int row)
{
    if (row < 0 || row >= m_entries.size())
        return nullptr;
    const stores::BackupEntry &e = m_entries.at(row);
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"backupDetails"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Backup %1").arg(QFileInfo(e.path).fileName()));
    auto *form = new QFormLayout(dialog);
    auto addRow = [dialog, form](const QString &label, const QString &value, const char *name) {
        auto *text = new QLabel(value, dialog);
        text->setObjectName(QString::fromLatin1(name));
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(label, text);
    };
    const BackupVerification v = BackupVerification::of(e.path);
    addRow(tr("Path:"), e.path, "path");
    addRow(tr("Store:"), kindText(e), "store");
    addRow(tr("Taken:"), tr("%1 (%2 ago)").arg(e.created.toString(u"yyyy-MM-dd HH:mm:ss"_s), backupAge(e)), "taken");
    addRow(tr("Size:"), backupSize(e), "size");
    addRow(tr("Contents:"), contentsOf(e), "contents");
    addRow(tr("SHA-256:"), digestOf(e), "sha256");
    addRow(tr("Verification:"), v.outcome == BackupVerification::Outcome::NotChecked ? tr("not checked since it was last changed: use Verify") : v.text(), "verification");
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(close, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    form->addRow(close);
    dialog->resize(720, dialog->sizeHint().height());
    dialog->open();
    return dialog;
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
            if (row < 0) {
                m_status->setText(m_table->rowCount() == 0 ? tr("There is no restore run to export yet.") : tr("Select a run in the list first, then export it."));
                return;
            }
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
