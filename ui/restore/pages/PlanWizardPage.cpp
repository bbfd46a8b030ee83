#include "PlanWizardPage.h"

#include "BackupText.h"
#include "restore/RestoreWizard.h"
#include "WizardHeader.h"
#include "WizardParts.h"
#include "profiles/ConnectionStrings.h"
#include "profiles/ConnectionTester.h"
#include "stores/BackupCatalogue.h"
#include "util/Background.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFileInfo>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

PlanWizardPage::PlanWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("The plan"));
    setSubTitle(tr("These components stop, the data comes back the way you choose, and they start again at the counts they have now."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new WizardHeader(wizard->session(), this));
    m_components = new QTableWidget(0, 3, this);
    m_components->setHorizontalHeaderLabels({tr("Component"), tr("Replicas now (restored after)"), tr("Autoscaler")});
    m_components->horizontalHeader()->setStretchLastSection(true);
    m_components->verticalHeader()->hide();
    m_components->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_components);
    m_skipped = wrapped({}, this);
    layout->addWidget(m_skipped);
    auto *modes = new QGroupBox(tr("How the data comes back"), this);
    auto *ml = new QVBoxLayout(modes);
    m_modes = new QButtonGroup(this);
    const QStringList labels{tr("External: I restore with my provider's tooling, then confirm here"), tr("Archive: a backup taken by eic-restore"),
                             tr("New instance: the managed service restored into a new instance (nothing is stopped)")};
    for (int i = 0; i < 3; ++i) {
        auto *b = new QRadioButton(labels.at(i), modes);
        m_modes->addButton(b, i);
        ml->addWidget(b);
    }
    m_modes->button(0)->setChecked(true);
    m_archives = new QComboBox(modes);
    ml->addWidget(m_archives);
    auto *pit = new QHBoxLayout;
    m_usePointInTime = new QCheckBox(tr("Point in time (external database restore):"), modes);
    m_pointInTime = new QDateTimeEdit(QDateTime::currentDateTimeUtc().addSecs(-3600), modes);
    m_pointInTime->setTimeSpec(Qt::UTC);
    m_pointInTime->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss 'UTC'"_s);
    pit->addWidget(m_usePointInTime);
    pit->addWidget(m_pointInTime);
    ml->addLayout(pit);
    auto *newRow = new QHBoxLayout;
    m_newAddress = new QLineEdit(modes);
    m_newAddress->setPlaceholderText(tr("the new instance: host=… dbname=… user=… (database) or rediss://host:port (data store); the password stays the profile's"));
    m_testNew = new QPushButton(tr("&Test the new instance"), modes);
    newRow->addWidget(m_newAddress, 1);
    newRow->addWidget(m_testNew);
    ml->addLayout(newRow);
    m_newState = wrapped({}, modes);
    ml->addWidget(m_newState);
    connect(m_newAddress, &QLineEdit::textChanged, this, [this] {
        m_newOk = false;
        m_newState->clear();
        Q_EMIT completeChanged();
    });
    connect(m_testNew, &QPushButton::clicked, this, &PlanWizardPage::testNewInstance);
    m_modeHelp = wrapped({}, modes);
    ml->addWidget(m_modeHelp);
    layout->addWidget(modes);
    connect(m_modes, &QButtonGroup::idClicked, this, [this](int) { refresh(); });
    connect(m_archives, &QComboBox::currentIndexChanged, this, [this](int) { refresh(); });
    connect(m_usePointInTime, &QCheckBox::toggled, this, [this](bool) { refresh(); });
    connect(m_pointInTime, &QDateTimeEdit::dateTimeChanged, this, [this](const QDateTime &) { refresh(); });
}

void PlanWizardPage::initializePage()
{
    m_archives->clear();
    const QString folder = m_wizard->context().backupFolder;
    const bool database = m_wizard->session()->input.target == cell::RestoreTarget::Database;
    if (!folder.isEmpty()) {
        // The backups of this store, newest first, as the backups view shows them (a database
        // backup's size is its files', from its manifest).
        const auto kind = database ? stores::BackupEntry::Kind::Database : stores::BackupEntry::Kind::Datastore;
        for (const stores::BackupEntry &e : stores::BackupCatalogue::list(folder))
            if (e.kind == kind)
                m_archives->addItem(backupSummary(e), e.path);
    }
    refresh();
}

void PlanWizardPage::chooseMode(int mode)
{
    m_modes->button(mode)->setChecked(true);
    refresh();
}

void PlanWizardPage::setArchive(const QString &path)
{
    const int i = m_archives->findData(path);
    if (i >= 0)
        m_archives->setCurrentIndex(i);
    else {
        m_archives->addItem(QFileInfo(path).fileName(), path);
        m_archives->setCurrentIndex(m_archives->count() - 1);
    }
    refresh();
}

void PlanWizardPage::refresh()
{
    auto &in = m_wizard->session()->input;
    const int mode = m_modes->checkedId();
    in.mode = mode == 1 ? restore::DataMode::Archive : mode == 2 ? restore::DataMode::NewInstance : restore::DataMode::External;
    in.archive = mode == 1 ? m_archives->currentData().toString() : QString();
    in.pointInTime = mode == 0 && m_usePointInTime->isChecked() ? m_pointInTime->dateTime() : QDateTime();
    m_archives->setEnabled(mode == 1);
    m_archives->setVisible(mode == 1);
    m_components->setVisible(mode != 2);
    setSubTitle(mode == 2 ? tr("No component is stopped: the managed service restored into a new instance, and the profile moves to it.")
                          : tr("These components stop, the data comes back the way you choose, and they start again at the counts they have now."));
    m_newAddress->setVisible(mode == 2);
    m_testNew->setVisible(mode == 2);
    m_newState->setVisible(mode == 2);
    m_pointInTime->setEnabled(mode == 0 && m_usePointInTime->isChecked());
    // A point in time belongs to an external database restore only: not offered for an archive.
    const bool pointInTime = in.target == cell::RestoreTarget::Database && mode == 0;
    m_usePointInTime->setVisible(pointInTime);
    m_pointInTime->setVisible(pointInTime);
    m_wizard->session()->replan();
    const auto &plan = m_wizard->session()->plan;
    const auto present = plan.present();
    m_components->setRowCount(static_cast<int>(present.size()));
    for (int r = 0; r < present.size(); ++r) {
        const auto &c = present.at(r);
        m_components->setItem(r, 0, new QTableWidgetItem(c.name));
        m_components->setItem(r, 1, new QTableWidgetItem(QString::number(c.replicas)));
        m_components->setItem(r, 2, new QTableWidgetItem(c.hpa.isEmpty() ? QString() : tr("HPA %1–%2: pauses at 0, resumes after").arg(c.hpaMin).arg(c.hpaMax)));
    }
    m_components->resizeColumnsToContents();
    m_skipped->setText(plan.skipped.isEmpty() ? QString() : tr("Skipped (this cell has no such deployment): %1").arg(plan.skipped.join(u", "_s)));
    QString archiveState;
    if (mode == 1 && m_archives->count() == 0)
        archiveState = tr("No backup found in the profile's backup folder.");
    if (mode == 1 && !in.archive.isEmpty()) {
        if (m_archiveState.contains(in.archive))
            archiveState = m_archiveState.value(in.archive);
        else {
            // The whole archive is read before it may be chosen (off the GUI thread).
            m_archiveState.insert(in.archive, tr("Verifying the archive…"));
            archiveState = m_archiveState.value(in.archive);
            const stores::BackupEntry entry{in.archive.endsWith(u".eicrdb"_s) ? stores::BackupEntry::Kind::Datastore : stores::BackupEntry::Kind::Database, in.archive, {}, 0};
            runInBackground<Result<bool>>(this, [entry] { return stores::BackupCatalogue::verify(entry); }, [this, path = in.archive](Result<bool> r) {
                m_archiveState.insert(path, r ? tr("✔ The archive is intact (every checksum verified).") : tr("✘ The archive is damaged: %1").arg(r.error().message));
                m_archiveOk.insert(path, r.ok());
                refresh();
            });
        }
    }
    m_modeHelp->setText(mode == 1 ? archiveState : plan.dataInstructions.join(u"\n"_s));
    Q_EMIT completeChanged();
}

bool PlanWizardPage::isComplete() const
{
    if (m_modes->checkedId() == 2)
        return m_newOk;
    return m_modes->checkedId() != 1 || m_archiveOk.value(m_archives->currentData().toString(), false);
}

void PlanWizardPage::setNewAddress(const QString &address)
{
    m_newAddress->setText(address);
}

// The new address, with the profile's credentials, must answer before the run may use it.
void PlanWizardPage::testNewInstance()
{
    const bool database = m_wizard->session()->input.target == cell::RestoreTarget::Database;
    const QString address = m_newAddress->text().trimmed();
    WizardContext c = m_wizard->context();
    profiles::Profile p;
    if (database) {
        auto db = profiles::parseDatabaseConninfo(address);
        if (!db) {
            m_newState->setText(db.error().message);
            return;
        }
        p.database = *db;
        c.store.database = profiles::ConnectionTester::databaseOptions(p, c.store.database ? c.store.database->password : QString());
    } else {
        auto ds = profiles::parseDatastoreUrl(address);
        if (!ds) {
            m_newState->setText(ds.error().message);
            return;
        }
        p.datastore = *ds;
        if (c.store.datastore)
            p.datastore.caFile = c.store.datastore->caFile;
        auto options = profiles::ConnectionTester::datastoreOptions(p, c.store.datastore ? c.store.datastore->password : QString());
        if (!options) {
            m_newState->setText(options.error().message);
            return;
        }
        c.store.datastore = *options;
    }
    m_newState->setText(tr("Testing %1…").arg(address));
    m_testNew->setEnabled(false);
    auto done = [this, c, address](const Result<bool> &r) {
        m_testNew->setEnabled(true);
        m_newOk = r.ok();
        m_newState->setText(r ? tr("✔ The new instance answers. On Next, the profile will point to it.") : tr("✘ %1").arg(r.error().message));
        if (r) {
            WizardContext updated = c;
            const auto update = c.updateProfile;
            if (update)
                updated.updateProfile = [update, address](const QString &) { return update(address); };
            m_wizard->setContext(updated);
        }
        Q_EMIT completeChanged();
    };
    if (database) {
        auto *session = new stores::PgSession(this);
        session->open(*c.store.database, [session, done](const Result<bool> &r) {
            session->deleteLater();
            done(r);
        });
    } else {
        auto *conn = new stores::RedisConnection(this);
        conn->open(*c.store.datastore, [conn, done](const Result<bool> &r) {
            conn->deleteLater();
            done(r);
        });
    }
}

bool PlanWizardPage::validatePage()
{
    refresh();
    return m_wizard->session()->plan.refusal.isEmpty();
}

} // namespace eic::ui
