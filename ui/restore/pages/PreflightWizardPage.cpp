#include "PreflightWizardPage.h"

#include "restore/RestoreWizard.h"
#include "WizardHeader.h"
#include "WizardParts.h"
#include "kube/KubeClient.h"
#include "restore/CellSurvey.h"
#include "restore/Events.h"

#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

PreflightWizardPage::PreflightWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Pre-flight"));
    setSubTitle(tr("Checks that change nothing: if one fails, it says what to fix."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new WizardHeader(wizard->session(), this));
    m_checks = new QListWidget(this);
    m_checks->setWordWrap(true); // a reason is read whole, not scrolled to sideways
    layout->addWidget(m_checks);
    m_summary = wrapped({}, this);
    layout->addWidget(m_summary);
}

void PreflightWizardPage::initializePage()
{
    m_passed = false;
    m_notChecked = 0;
    m_checks->clear();
    m_summary->setText(tr("Reading the cell and the store…"));
    // The survey again, now with the target and the profile's store: the data store's
    // persistence and key count feed the snapshot-only and flush-datastore cautions.
    restore::surveyCell(m_wizard->context().client, m_wizard->session()->input, m_wizard->context().store, this, [this](const Result<restore::PlanInput> &surveyed) {
        if (!surveyed) {
            m_checks->addItem(checkItem(false, surveyed.error().message));
            m_summary->setText(tr("The cell or the store cannot be read; fix that and go back and forth to check again."));
            return;
        }
        m_wizard->session()->input = *surveyed;
        m_wizard->session()->replan();
        const auto present = m_wizard->session()->plan.present();
        QStringList names;
        for (const auto &c : present)
            names.append(c.name);
        m_checks->addItem(checkItem(!present.isEmpty(), tr("Components found: %1%2").arg(names.join(u", "_s),
                                                                                        m_wizard->session()->plan.skipped.isEmpty() ? QString() : tr(" (skipped, not in this cell: %1)").arg(m_wizard->session()->plan.skipped.join(u", "_s)))));
        if (surveyed->datastoreInspected)
            m_checks->addItem(checkItem(true, tr("Data store: %1 keys, %2").arg(surveyed->datastoreKeys).arg(surveyed->aofEnabled ? tr("append-only file on") : tr("snapshots only"))));
        m_summary->setText(tr("Checking…"));
        auto *runner = new restore::RestoreRunner(m_wizard->context().client, this);
        connect(runner, &restore::RestoreRunner::event, this, [this](const QJsonObject &e) {
            if (e.value("event"_L1).toString() != restore::ev::Check)
                return;
            m_checks->addItem(checkEventItem(e, checkTitle(e.value("check"_L1).toString())));
            m_notChecked += restore::checkOutcomeOf(e) == restore::CheckOutcome::NotChecked ? 1 : 0;
        });
        connect(runner, &restore::RestoreRunner::finished, this, [this, runner](const restore::RunOutcome &o) {
            runner->deleteLater();
            m_passed = o.exitCode == restore::RestoreRunner::Done;
            const QString passed = m_notChecked == 0 ? tr("Pre-flight passed; nothing was changed. Next: the plan.")
                                                     : tr("Pre-flight passed, but not every check could be made (%1 not checked, amber above); nothing was changed. Next: the plan.").arg(m_notChecked);
            m_summary->setText(m_passed ? passed : o.message);
            Q_EMIT completeChanged();
        });
        restore::RunRequest request;
        request.plan = m_wizard->session()->plan;
        request.store = m_wizard->context().store;
        request.operatorName = m_wizard->context().operatorName;
        runner->dryRun(request);
    });
}

bool PreflightWizardPage::isComplete() const
{
    return m_passed;
}

} // namespace eic::ui
