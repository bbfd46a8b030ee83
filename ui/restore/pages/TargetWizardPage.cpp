#include "TargetWizardPage.h"

#include "restore/RestoreWizard.h"
#include "WizardHeader.h"
#include "WizardParts.h"
#include "kube/KubeClient.h"
#include "restore/CellSurvey.h"

#include <QComboBox>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

TargetWizardPage::TargetWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("What do you restore?"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new WizardHeader(wizard->session(), this));
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
    m_messageService->setToolTip(tr("No backup and no restore: only replication (three or more replicas) protects it."));
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
    layout->addWidget(wrapped(tr("The message service has no backup and no restore: with three or more replicas, replication (high availability) "
                                 "protects it; a single instance has nothing that protects it."), this));
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
    if (m_wizard->session()->surveyed)
        return;
    m_status->setText(tr("Reading the cell…"));
    restore::surveyCell(m_wizard->context().client, m_wizard->session()->input, {}, this, [this](const Result<restore::PlanInput> &r) {
        if (!r) {
            m_status->setText(tr("The cell cannot be read: %1").arg(r.error().message));
            return;
        }
        m_wizard->session()->input = *r;
        m_wizard->session()->surveyed = true;
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
        // "Restore this backup…" chose the store already: its button is checked, still changeable.
        const restore::PlanInput &in = m_wizard->session()->input;
        if (!m_database->isChecked() && !m_datastore->isChecked() && in.mode == restore::DataMode::Archive && !in.archive.isEmpty())
            (in.target == cell::RestoreTarget::Database ? m_database : m_datastore)->setChecked(true);
        Q_EMIT completeChanged();
    });
}

bool TargetWizardPage::isComplete() const
{
    return m_wizard->session()->surveyed && ((m_database->isChecked() && m_database->isEnabled()) || (m_datastore->isChecked() && m_datastore->isEnabled()));
}

bool TargetWizardPage::validatePage()
{
    m_wizard->session()->input.target = m_database->isChecked() ? cell::RestoreTarget::Database : cell::RestoreTarget::Datastore;
    m_wizard->session()->replan();
    return true;
}

} // namespace eic::ui
