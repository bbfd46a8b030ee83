#include "WizardPages.h"

#include "BackupText.h"
#include "RestoreWizard.h"
#include "kube/KubeClient.h"
#include "report/RestoreReport.h"
#include "profiles/ConnectionStrings.h"
#include "profiles/ConnectionTester.h"
#include "restore/CellSurvey.h"
#include "stores/BackupCatalogue.h"
#include "util/Background.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QColor>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

QLabel *wrapped(const QString &text, QWidget *parent)
{
    auto *l = new QLabel(text, parent);
    l->setWordWrap(true);
    return l;
}

QListWidgetItem *checkItem(bool ok, const QString &text)
{
    auto *item = new QListWidgetItem((ok ? u"✔  "_s : u"✘  "_s) + text);
    item->setForeground(ok ? QColor(26, 127, 55) : QColor(180, 35, 24));
    return item;
}

// A check that could not be made (no store connection given): neither passed nor failed.
QListWidgetItem *notCheckedItem(const QString &text)
{
    auto *item = new QListWidgetItem(u"⚠  "_s + text);
    item->setForeground(QColor(0x8a, 0x5a, 0x00));
    return item;
}

QString checkTitle(const QString &check)
{
    if (check == "permissions"_L1)
        return QObject::tr("Permissions (get/list/watch, scale, annotate, the lock)");
    if (check == "dry-run scale"_L1)
        return QObject::tr("A server-side dry run of every scale to 0");
    if (check == "lock"_L1)
        return QObject::tr("No other restore of this cell in progress (lock free)");
    if (check == "store reachable"_L1)
        return QObject::tr("The store answers, with the rights the restore needs");
    if (check == "archive verified"_L1)
        return QObject::tr("The backup archive verified completely");
    return check;
}

} // namespace

// ------------------------------------------------------------------------------ 1. target

TargetWizardPage::TargetWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("What do you restore?"));
    auto *layout = new QVBoxLayout(this);
    auto *cellRow = new QHBoxLayout;
    cellRow->addWidget(new QLabel(tr("&Cell:"), this));
    m_cell = new QComboBox(this);
    cellRow->addWidget(m_cell, 1);
    qobject_cast<QLabel *>(cellRow->itemAt(0)->widget())->setBuddy(m_cell);
    layout->addLayout(cellRow);
    connect(m_cell, &QComboBox::activated, this, &TargetWizardPage::chooseCell);
    m_database = new QRadioButton(tr("The PostgreSQL database"), this);
    m_datastore = new QRadioButton(tr("The Redis/Valkey data store"), this);
    m_messageService = new QRadioButton(tr("The message service"), this);
    m_messageService->setEnabled(false);
    m_messageService->setToolTip(tr("Protected by replication (high availability), not by backup: there is no restore of it."));
    const QStringList what{tr("stops edc, edge-api, mdc, worker and, in current cells, auditlog-agent, destination-configuration, destination-db-management"),
                           tr("stops policyengine"), {}};
    int i = 0;
    for (QRadioButton *b : {m_database, m_datastore, m_messageService}) {
        layout->addWidget(b);
        if (!what.at(i).isEmpty()) {
            auto *detail = wrapped(what.at(i), this);
            detail->setContentsMargins(24, 0, 0, 6);
            detail->setStyleSheet(u"color: #444"_s);
            layout->addWidget(detail);
        }
        ++i;
        connect(b, &QRadioButton::toggled, this, &QWizardPage::completeChanged);
    }
    layout->addWidget(wrapped(tr("The message service is protected by replication (high availability), not by backup: there is no restore of it."), this));
    m_status = wrapped({}, this);
    layout->addWidget(m_status);
    layout->addStretch();
}

void TargetWizardPage::chooseCell(int index)
{
    const QStringList key = m_cell->itemData(index).toStringList();
    if (key.isEmpty() || key == m_wizard->context().currentCell || !m_wizard->context().chooseCell)
        return;
    m_status->setText(tr("Connecting to %1…").arg(m_cell->itemText(index)));
    m_cell->setEnabled(false);
    m_wizard->context().chooseCell(key, [this](const WizardContext &context) {
        m_cell->setEnabled(true);
        m_wizard->retarget(context);
        initializePage();
    });
}

void TargetWizardPage::initializePage()
{
    const WizardContext &c = m_wizard->context();
    m_cell->blockSignals(true);
    m_cell->clear();
    for (const auto &[label, key] : c.cells)
        m_cell->addItem(label, key);
    if (c.cells.isEmpty())
        m_cell->addItem(tr("namespace %1, context %2").arg(c.ns, c.context), c.currentCell);
    m_cell->setCurrentIndex(std::max(0, m_cell->findData(c.currentCell)));
    m_cell->setEnabled(c.cells.size() > 1 && static_cast<bool>(c.chooseCell));
    m_cell->blockSignals(false);
    setSubTitle(tr("Cell: namespace %1, context %2%3. Choose the store; nothing changes until you have read and acknowledged the cautions.")
                    .arg(c.ns, c.context.isEmpty() ? tr("(none)") : c.context, c.profile.isEmpty() ? QString() : tr(", profile %1").arg(c.profile)));
    survey();
}

void TargetWizardPage::survey()
{
    if (m_wizard->surveyed)
        return;
    m_status->setText(tr("Reading the cell…"));
    restore::surveyCell(m_wizard->context().client, m_wizard->input, {}, this, [this](const Result<restore::PlanInput> &r) {
        if (!r) {
            m_status->setText(tr("The cell cannot be read: %1").arg(r.error().message));
            return;
        }
        m_wizard->input = *r;
        m_wizard->surveyed = true;
        const QStringList builtins = r->builtinStores;
        const bool builtinPg = builtins.contains(u"postgres"_s) || builtins.contains(u"postgresql"_s);
        const bool builtinRedis = builtins.contains(u"redis"_s) || builtins.contains(u"valkey"_s);
        const QString reason = tr("Built-in (non-production) service: backup and restore aren't supported for built-in services.");
        m_database->setEnabled(!builtinPg);
        m_datastore->setEnabled(!builtinRedis);
        if (builtinPg)
            m_database->setToolTip(reason);
        if (builtinRedis)
            m_datastore->setToolTip(reason);
        m_status->setText(builtinPg || builtinRedis ? reason + tr(" (%1)").arg(builtins.join(u", "_s))
                                                    : tr("The cell has %1 deployments.").arg(r->deployments.size()));
        Q_EMIT completeChanged();
    });
}

bool TargetWizardPage::isComplete() const
{
    return m_wizard->surveyed && ((m_database->isChecked() && m_database->isEnabled()) || (m_datastore->isChecked() && m_datastore->isEnabled()));
}

bool TargetWizardPage::validatePage()
{
    m_wizard->input.target = m_database->isChecked() ? cell::RestoreTarget::Database : cell::RestoreTarget::Datastore;
    m_wizard->replan();
    return true;
}

// ------------------------------------------------------------------------------ 2. pre-flight

PreflightWizardPage::PreflightWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Pre-flight"));
    setSubTitle(tr("Checks that change nothing: if one fails, it says what to fix."));
    auto *layout = new QVBoxLayout(this);
    m_checks = new QListWidget(this);
    m_checks->setWordWrap(true); // a reason is read whole, not scrolled to sideways
    layout->addWidget(m_checks);
    m_summary = wrapped({}, this);
    layout->addWidget(m_summary);
}

void PreflightWizardPage::initializePage()
{
    m_passed = false;
    m_checks->clear();
    m_summary->setText(tr("Reading the cell and the store…"));
    // The survey again, now with the target and the profile's store: the data store's
    // persistence and key count feed the snapshot-only and flush-datastore cautions.
    restore::surveyCell(m_wizard->context().client, m_wizard->input, m_wizard->context().store, this, [this](const Result<restore::PlanInput> &surveyed) {
        if (!surveyed) {
            m_checks->addItem(checkItem(false, surveyed.error().message));
            m_summary->setText(tr("The cell or the store cannot be read; fix that and go back and forth to check again."));
            return;
        }
        m_wizard->input = *surveyed;
        m_wizard->replan();
        const auto present = m_wizard->plan.present();
        QStringList names;
        for (const auto &c : present)
            names.append(c.name);
        m_checks->addItem(checkItem(!present.isEmpty(), tr("Components found: %1%2").arg(names.join(u", "_s),
                                                                                        m_wizard->plan.skipped.isEmpty() ? QString() : tr(" (skipped, not in this cell: %1)").arg(m_wizard->plan.skipped.join(u", "_s)))));
        if (surveyed->datastoreInspected)
            m_checks->addItem(checkItem(true, tr("Data store: %1 keys, %2").arg(surveyed->datastoreKeys).arg(surveyed->aofEnabled ? tr("append-only file on") : tr("snapshots only"))));
        m_summary->setText(tr("Checking…"));
        auto *runner = new restore::RestoreRunner(m_wizard->context().client, this);
        connect(runner, &restore::RestoreRunner::event, this, [this](const QJsonObject &e) {
            if (e.value("event"_L1) != "check"_L1)
                return;
            const QString skipped = e.value("skipped"_L1).toString();
            const QString message = e.value("message"_L1).toString();
            const QString title = checkTitle(e.value("check"_L1).toString());
            if (!skipped.isEmpty())
                m_checks->addItem(notCheckedItem(tr("Not checked: %1 — %2").arg(title, skipped)));
            else
                m_checks->addItem(checkItem(e.value("ok"_L1).toBool(), message.isEmpty() ? title : title + u" — "_s + message));
        });
        connect(runner, &restore::RestoreRunner::finished, this, [this, runner](const restore::RunOutcome &o) {
            runner->deleteLater();
            m_passed = o.exitCode == restore::RestoreRunner::Done;
            m_summary->setText(m_passed ? tr("Pre-flight passed; nothing was changed. Next: the plan.") : o.message);
            Q_EMIT completeChanged();
        });
        restore::RunRequest request;
        request.plan = m_wizard->plan;
        request.store = m_wizard->context().store;
        request.operatorName = m_wizard->context().operatorName;
        runner->dryRun(request);
    });
}

bool PreflightWizardPage::isComplete() const
{
    return m_passed;
}

// ------------------------------------------------------------------------------ 3. plan

PlanWizardPage::PlanWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("The plan"));
    setSubTitle(tr("These components stop, the data comes back the way you choose, and they start again at the counts they have now."));
    auto *layout = new QVBoxLayout(this);
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
    const bool database = m_wizard->input.target == cell::RestoreTarget::Database;
    if (!folder.isEmpty()) {
        // The backups of this store, newest first, as the backups view shows them (a database
        // backup's size is its files', from its manifest).
        const auto kind = database ? stores::BackupEntry::Kind::Database : stores::BackupEntry::Kind::Datastore;
        for (const stores::BackupEntry &e : stores::BackupCatalogue::list(folder))
            if (e.kind == kind)
                m_archives->addItem(backupSummary(e), e.path);
    }
    m_usePointInTime->setVisible(database);
    m_pointInTime->setVisible(database);
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
    auto &in = m_wizard->input;
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
    m_wizard->replan();
    const auto &plan = m_wizard->plan;
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
    const bool database = m_wizard->input.target == cell::RestoreTarget::Database;
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
    return m_wizard->plan.refusal.isEmpty();
}

// ------------------------------------------------------------------------------ 4. cautions

CautionsWizardPage::CautionsWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Cautions"));
    setSubTitle(tr("Read each one. The ones that destroy or interrupt ask you to type the namespace. After this page, the restore starts."));
    auto *outer = new QVBoxLayout(this);
    // How many there are and how many still wait: none may hide below the fold unseen.
    m_count = new QLabel(this);
    m_count->setObjectName(u"cautionCount"_s);
    outer->addWidget(m_count);
    connect(this, &QWizardPage::completeChanged, this, &CautionsWizardPage::updateCount);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto *inner = new QWidget(scroll);
    m_panels = new QVBoxLayout(inner);
    scroll->setWidget(inner);
    outer->addWidget(scroll);
    setCommitPage(true);
    setButtonText(QWizard::CommitButton, tr("Start the restore"));
}

void CautionsWizardPage::initializePage()
{
    while (QLayoutItem *item = m_panels->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_list.clear();
    const QString ns = m_wizard->plan.ns;
    // The ones that destroy come first, then the other required ones, the optional one last.
    QList<restore::Caution> cautions = m_wizard->plan.cautions;
    std::stable_sort(cautions.begin(), cautions.end(), [](const restore::Caution &a, const restore::Caution &b) {
        const auto rank = [](const restore::Caution &c) { return c.destructive ? 0 : c.required() ? 1 : 2; };
        return rank(a) < rank(b);
    });
    for (const restore::Caution &c : std::as_const(cautions)) {
        auto *box = new QGroupBox(c.title + u"  [%1]"_s.arg(c.id));
        auto *l = new QVBoxLayout(box);
        l->addWidget(wrapped(c.text, box));
        auto *check = new QCheckBox(c.required() ? tr("I understand and accept this") : tr("End such sessions if they remain (optional)"), box);
        l->addWidget(check);
        QLineEdit *typed = nullptr;
        if (c.destructive) {
            typed = new QLineEdit(box);
            typed->setPlaceholderText(tr("type %1 to confirm").arg(ns));
            l->addWidget(typed);
            connect(typed, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
        }
        connect(check, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
        m_panels->addWidget(box);
        m_list.append({c.id, c.required(), check, typed});
    }
    m_panels->addStretch();
    updateCount();
}

void CautionsWizardPage::updateCount()
{
    const QString ns = m_wizard->plan.ns;
    qsizetype required = 0, open = 0;
    for (const Panel &p : std::as_const(m_list)) {
        if (!p.required)
            continue;
        ++required;
        if (!p.box->isChecked() || (p.typed && p.typed->text().trimmed() != ns))
            ++open;
    }
    m_count->setText(open == 0 ? tr("%n caution(s); every required one is acknowledged.", nullptr, int(m_list.size()))
                               : tr("<b>%1 caution(s); %2 of the %3 required still to acknowledge</b> (scroll to see them all).")
                                     .arg(m_list.size()).arg(open).arg(required));
}

bool CautionsWizardPage::isComplete() const
{
    const QString ns = m_wizard->plan.ns;
    for (const Panel &p : m_list)
        if (p.required && (!p.box->isChecked() || (p.typed && p.typed->text().trimmed() != ns)))
            return false;
    return true;
}

void CautionsWizardPage::acknowledgeAll()
{
    for (const Panel &p : m_list) {
        p.box->setChecked(true);
        if (p.typed)
            p.typed->setText(m_wizard->plan.ns);
    }
}

bool CautionsWizardPage::validatePage()
{
    m_wizard->accepted.clear();
    for (const Panel &p : m_list)
        if (p.box->isChecked())
            m_wizard->accepted.append(p.id);
    return isComplete();
}

// ------------------------------------------------------------------------------ 5./7. progress

ProgressWizardPage::ProgressWizardPage(RestoreWizard *wizard, bool stopping)
    : m_wizard(wizard)
    , m_stopping(stopping)
{
    setTitle(stopping ? tr("Stopping the components") : tr("Starting the components"));
    setSubTitle(stopping ? tr("All at once; the next step waits until no pod of them is left and no session of theirs remains.")
                         : tr("Each goes back to its recorded count; done when every rollout is complete by kubectl's rules."));
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 4, this);
    m_table->setHorizontalHeaderLabels({tr("Component"), stopping ? tr("Recorded count") : tr("Scaled back to"), tr("Pods (terminating)"), tr("State")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table);
    m_state = wrapped({}, this);
    layout->addWidget(m_state);
    connect(wizard, &RestoreWizard::runEvent, this, &ProgressWizardPage::onEvent);
    connect(wizard, &RestoreWizard::runFinished, this, [this] {
        m_done = true;
        m_state->setText(m_wizard->outcome().message);
        Q_EMIT completeChanged();
        QTimer::singleShot(0, m_wizard, [this] {
            if (m_wizard->currentPage() == this)
                m_wizard->next();
        });
    });
}

void ProgressWizardPage::initializePage()
{
    m_table->setRowCount(0);
    for (const auto &c : m_wizard->plan.present()) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, 0, new QTableWidgetItem(c.name));
        m_table->setItem(r, 1, new QTableWidgetItem(QString::number(c.replicas)));
        m_table->setItem(r, 2, new QTableWidgetItem(m_stopping ? QString::number(c.replicas) : u"0"_s));
        m_table->setItem(r, 3, new QTableWidgetItem(m_stopping ? tr("running") : tr("stopped")));
    }
    m_table->resizeColumnsToContents();
    m_done = false;
    if (m_stopping)
        m_wizard->startRun();
    for (const QJsonObject &e : m_wizard->events())
        onEvent(e);
}

void ProgressWizardPage::onEvent(const QJsonObject &e)
{
    const QString name = e.value("event"_L1).toString();
    const QString step = e.value("step"_L1).toString();
    auto setState = [this](const QString &component, const QString &state, int count = -1) {
        for (int r = 0; r < m_table->rowCount(); ++r)
            if (m_table->item(r, 0)->text() == component) {
                m_table->item(r, 3)->setText(state);
                if (count >= 0)
                    m_table->item(r, 1)->setText(QString::number(count));
            }
    };
    if (m_stopping) {
        if (name == "component-recorded"_L1)
            setState(e.value("name"_L1).toString(), tr("recorded"), e.value("replicas"_L1).toInt());
        else if (name == "scaled"_L1 && e.value("to"_L1).toInt() == 0)
            setState(e.value("name"_L1).toString(), tr("scaled to 0, pods terminating"));
        else if (name == "pods-gone"_L1) {
            for (int r = 0; r < m_table->rowCount(); ++r)
                m_table->item(r, 3)->setText(tr("stopped, no pod left"));
            m_state->setText(tr("No pod left; checking that no session of theirs remains…"));
        } else if (name == "sessions-gone"_L1)
            m_state->setText(tr("No session of them remains in the store."));
        else if (name == "step-finished"_L1 && step == "quiesce"_L1) {
            m_done = true;
            Q_EMIT completeChanged();
            QTimer::singleShot(0, m_wizard, [w = m_wizard] {
                if (w->currentId() == RestoreWizard::StopPage)
                    w->next();
            });
        }
    } else {
        if (name == "scaled"_L1 && e.value("to"_L1).toInt() > 0)
            setState(e.value("name"_L1).toString(), tr("starting"), e.value("to"_L1).toInt());
        else if (name == "rolled-out"_L1)
            setState(e.value("name"_L1).toString(), tr("available (rolled out)"));
        else if (name == "step-finished"_L1 && step == "start"_L1)
            m_state->setText(tr("Every component is available again; verifying…"));
    }
    if (name == "pods"_L1) {
        const QJsonObject counts = e.value("counts"_L1).toObject();
        for (int r = 0; r < m_table->rowCount(); ++r) {
            const QJsonObject c = counts.value(m_table->item(r, 0)->text()).toObject();
            if (!c.isEmpty())
                m_table->item(r, 2)->setText(c.value("terminating"_L1).toInt() > 0 ? tr("%1 (%2 terminating)").arg(c.value("pods"_L1).toInt()).arg(c.value("terminating"_L1).toInt())
                                                                                   : QString::number(c.value("pods"_L1).toInt()));
        }
    }
    if (name == "sessions-terminated"_L1)
        m_state->setText(tr("%1 session(s) of theirs were still connected and were ended.").arg(e.value("count"_L1).toInt()));
    if (name == "rollback-started"_L1)
        m_state->setText(tr("Rolling back: %1").arg(e.value("reason"_L1).toString()));
}

bool ProgressWizardPage::isComplete() const
{
    return m_done;
}

int ProgressWizardPage::nextId() const
{
    if (m_wizard->runEnded())
        return RestoreWizard::FinishPage;
    return m_stopping ? RestoreWizard::DataPage : RestoreWizard::FinishPage;
}

// ------------------------------------------------------------------------------ 6. data

DataWizardPage::DataWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("The data step"));
    auto *layout = new QVBoxLayout(this);
    m_instructions = wrapped({}, this);
    layout->addWidget(m_instructions);
    m_restored = new QPushButton(this);
    layout->addWidget(m_restored, 0, Qt::AlignLeft);
    m_progress = new QProgressBar(this);
    layout->addWidget(m_progress);
    m_rate = new QLabel(this);
    layout->addWidget(m_rate);
    m_log = new QListWidget(this);
    m_log->setWordWrap(true); // a reason is read whole, not scrolled to sideways
    layout->addWidget(m_log);
    connect(m_restored, &QPushButton::clicked, this, [this] {
        m_restored->setEnabled(false);
        m_log->addItem(tr("Confirmed: the store was restored. Checking that it accepts writes, then starting the components…"));
        m_wizard->confirmData();
    });
    connect(wizard, &RestoreWizard::runEvent, this, &DataWizardPage::onEvent);
    connect(wizard, &RestoreWizard::dataAwaited, this, [this](const QStringList &instructions) {
        m_instructions->setText(u"• "_s + instructions.join(u"\n• "_s));
        m_restored->setEnabled(true);
    });
    connect(wizard, &RestoreWizard::runFinished, this, [this] {
        m_done = true;
        Q_EMIT completeChanged();
        QTimer::singleShot(0, m_wizard, [w = m_wizard] {
            if (w->currentId() == RestoreWizard::DataPage)
                w->next();
        });
    });
}

void DataWizardPage::initializePage()
{
    const bool database = m_wizard->plan.target == cell::RestoreTarget::Database;
    const auto mode = m_wizard->plan.mode;
    setSubTitle(mode == restore::DataMode::External ? tr("The components are stopped. Restore the %1 now; then confirm below.").arg(database ? tr("database") : tr("data store"))
                : mode == restore::DataMode::Archive ? tr("Restoring the archive %1.").arg(QFileInfo(m_wizard->plan.archive).fileName())
                                                     : tr("Checking the new instance."));
    m_restored->setText(database ? tr("I have restored the database") : tr("I have restored the data store"));
    m_restored->setVisible(mode == restore::DataMode::External && m_wizard->plan.dataCommand.isEmpty());
    m_restored->setEnabled(m_wizard->awaitingData());
    m_progress->setVisible(mode == restore::DataMode::Archive);
    m_rate->setVisible(mode == restore::DataMode::Archive);
    if (m_wizard->awaitingData())
        m_instructions->setText(u"• "_s + m_wizard->plan.dataInstructions.join(u"\n• "_s));
}

void DataWizardPage::onEvent(const QJsonObject &e)
{
    const QString name = e.value("event"_L1).toString();
    if (name == "data-progress"_L1) {
        m_progress->setMaximum(static_cast<int>(std::min<qint64>(e.value("keysTotal"_L1).toInteger(), INT_MAX)));
        m_progress->setValue(static_cast<int>(std::min<qint64>(e.value("keys"_L1).toInteger(), INT_MAX)));
        const double eta = e.value("etaSeconds"_L1).toDouble(-1);
        m_rate->setText(tr("%1 keys/s%2").arg(e.value("keysPerSecond"_L1).toDouble(), 0, 'f', 0).arg(eta >= 0 ? tr(", about %1 s left").arg(eta, 0, 'f', 0) : QString()));
    } else if (name == "data-started"_L1 || name == "data-finished"_L1 || name == "check"_L1 || name == "rollback-started"_L1 || name == "warning"_L1) {
        QString text = name == "data-started"_L1    ? tr("Data step started (%1).").arg(e.value("mode"_L1).toString())
                       : name == "data-finished"_L1 ? tr("Data step: %1.").arg(e.value("state"_L1).toString())
                       : name == "check"_L1         ? tr("Check %1: %2").arg(e.value("check"_L1).toString(),
                                                                             e.contains("skipped"_L1) ? tr("not checked (%1)").arg(e.value("skipped"_L1).toString())
                                                                             : e.value("ok"_L1).toBool() ? tr("passed") : tr("FAILED"))
                       : name == "warning"_L1       ? e.value("message"_L1).toString()
                                                    : tr("Rolling back: %1").arg(e.value("reason"_L1).toString());
        m_log->addItem(text);
        if (name == "warning"_L1 || (name == "check"_L1 && !e.value("ok"_L1).toBool())) {
            QListWidgetItem *item = m_log->item(m_log->count() - 1);
            item->setForeground(QColor(0xc6, 0x28, 0x28));
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    } else if ((name == "step-finished"_L1 && e.value("step"_L1) == "data"_L1) || (name == "step-started"_L1 && e.value("step"_L1) == "start"_L1)) {
        m_done = true;
        Q_EMIT completeChanged();
        QTimer::singleShot(0, m_wizard, [w = m_wizard] {
            if (w->currentId() == RestoreWizard::DataPage)
                w->next();
        });
    }
}

bool DataWizardPage::isComplete() const
{
    return m_done;
}

int DataWizardPage::nextId() const
{
    return m_wizard->runEnded() ? RestoreWizard::FinishPage : RestoreWizard::StartPage;
}

// ------------------------------------------------------------------------------ 8. finish

FinishWizardPage::FinishWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Result"));
    auto *layout = new QVBoxLayout(this);
    m_outcome = wrapped({}, this);
    QFont f = m_outcome->font();
    f.setBold(true);
    m_outcome->setFont(f);
    layout->addWidget(m_outcome);
    m_checks = new QListWidget(this);
    m_checks->setWordWrap(true);
    layout->addWidget(m_checks, 1);
    auto *buttons = new QHBoxLayout;
    for (const QString &format : {u"pdf"_s, u"html"_s, u"json"_s}) {
        auto *b = new QPushButton(tr("Export report (%1)").arg(format.toUpper()), this);
        connect(b, &QPushButton::clicked, this, [this, format] {
            const QString path = QDir::home().filePath(u"eic-restore-report-%1.%2"_s.arg(QFileInfo(m_wizard->journal()).completeBaseName(), format));
            exportReport(format, path);
        });
        buttons->addWidget(b);
    }
    buttons->addStretch();
    layout->addLayout(buttons);
    m_exported = wrapped({}, this);
    m_exported->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_exported->setMinimumHeight(m_exported->fontMetrics().lineSpacing() * 3);
    layout->addWidget(m_exported);
}

void FinishWizardPage::initializePage()
{
    const auto &o = m_wizard->outcome();
    const bool ok = o.outcome == "complete"_L1;
    const bool rolledBack = o.outcome == "rolled-back"_L1 && o.exitCode == restore::RestoreRunner::Done; // an abort the admin asked for
    m_outcome->setText((ok ? u"✔ "_s : rolledBack ? u"↺ "_s : u"✘ "_s) + o.message);
    m_outcome->setStyleSheet(ok ? u"color:#1a7f37"_s : rolledBack ? u"color:#8a5a00"_s : u"color:#b42318"_s);
    setSubTitle(o.downtimeSeconds >= 0 ? tr("Total downtime: %1 s. The report below is what you hand to the change board.").arg(o.downtimeSeconds, 0, 'f', 1)
                                       : tr("The report below is what you hand to the change board."));
    m_checks->clear();
    for (const QJsonObject &e : m_wizard->events())
        if (e.value("event"_L1) == "check"_L1 && !e.contains("skipped"_L1))
            m_checks->addItem(checkItem(e.value("ok"_L1).toBool(), checkTitle(e.value("check"_L1).toString()) + (e.contains("name"_L1) ? u" "_s + e.value("name"_L1).toString() : QString())));
}

QString FinishWizardPage::exportReport(const QString &format, const QString &path)
{
    auto r = report::RestoreReport::fromJournal(m_wizard->journal());
    if (!r) {
        m_exported->setText(r.error().message);
        return {};
    }
    auto sha = report::exportReport(*r, format, path);
    if (!sha) {
        m_exported->setText(sha.error().message);
        return {};
    }
    m_exported->setText(tr("Report written: %1\nSHA-256: %2").arg(path, *sha));
    return *sha;
}

} // namespace eic::ui
