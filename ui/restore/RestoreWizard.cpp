#include "RestoreWizard.h"

#include "MessageBox.h"
#include "WizardPages.h"
#include "restore/Journal.h"

#include <QHostInfo>

using namespace Qt::StringLiterals;

namespace eic::ui {

RestoreWizard::RestoreWizard(WizardContext context, QWidget *parent)
    : QWizard(parent)
    , m_context(std::move(context))
{
    setWindowTitle(tr("Restore — cell %1").arg(m_context.ns));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setMinimumSize(820, 600);
    input.ns = m_context.ns;
    input.context = m_context.context;
    setPage(TargetPage, new TargetWizardPage(this));
    setPage(PreflightPage, new PreflightWizardPage(this));
    setPage(PlanPage, new PlanWizardPage(this));
    setPage(CautionsPage, new CautionsWizardPage(this));
    setPage(StopPage, new ProgressWizardPage(this, true));
    setPage(DataPage, new DataWizardPage(this));
    setPage(StartPage, new ProgressWizardPage(this, false));
    setPage(FinishPage, new FinishWizardPage(this));
    setStartId(TargetPage);
    // Once the run has started there is no way back, only forward or Cancel (which rolls back).
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        if (id >= StopPage) {
            setButtonLayout({QWizard::Stretch, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
            // While the cell is down, the button says what it does.
            setButtonText(QWizard::CancelButton, m_ended ? tr("Close") : tr("Roll back…"));
        }
    });
}

void RestoreWizard::retarget(const WizardContext &context)
{
    if (m_started)
        return;
    m_context = context;
    input = restore::PlanInput{};
    input.ns = m_context.ns;
    input.context = m_context.context;
    surveyed = false;
    setWindowTitle(tr("Restore — cell %1").arg(m_context.ns));
}

void RestoreWizard::replan()
{
    // The last complete run's downtime: the cautions say how long the cell will be down.
    if (m_downtimeOf != input.target) {
        m_downtimeOf = input.target;
        m_lastDowntime = restore::Journal::lastDowntimeSeconds(restore::targetName(input.target));
    }
    input.lastRehearsalDowntimeSeconds = m_lastDowntime;
    plan = restore::RestorePlanner::plan(input);
}

void RestoreWizard::attach(restore::RestoreRunner *runner)
{
    m_runner = runner;
    connect(runner, &restore::RestoreRunner::event, this, [this](const QJsonObject &e) {
        m_events.append(e);
        Q_EMIT runEvent(e);
    });
    connect(runner, &restore::RestoreRunner::awaitingData, this, [this](const QStringList &instructions) {
        m_awaiting = true;
        Q_EMIT dataAwaited(instructions);
    });
    connect(runner, &restore::RestoreRunner::finished, this, [this](const restore::RunOutcome &o) {
        m_journal = o.journal.isEmpty() ? m_journal : o.journal;
        if (o.exitCode == restore::RestoreRunner::NeedsResume && m_awaiting)
            return; // waiting for the admin's data step
        m_outcome = o;
        m_ended = true;
        Q_EMIT runFinished();
    });
}

void RestoreWizard::startRun()
{
    if (m_started)
        return;
    m_started = true;
    restore::RunRequest request;
    request.plan = plan;
    request.accepted = accepted;
    request.operatorName = m_context.operatorName;
    request.host = QHostInfo::localHostName();
    request.appVersion = QStringLiteral(EIC_VERSION);
    request.profile = m_context.profile;
    if (plan.mode == restore::DataMode::NewInstance) {
        request.newInstance = m_context.store;
        if (m_context.updateProfile) {
            const auto update = m_context.updateProfile;
            request.updateProfile = [update] { return update({}); };
        }
    } else
        request.store = m_context.store;
    auto *runner = new restore::RestoreRunner(m_context.client, this);
    attach(runner);
    runner->start(request);
}

void RestoreWizard::confirmData()
{
    if (!m_awaiting || m_journal.isEmpty())
        return;
    m_awaiting = false;
    restore::RunRequest request;
    request.operatorName = m_context.operatorName;
    request.host = QHostInfo::localHostName();
    request.appVersion = QStringLiteral(EIC_VERSION);
    request.store = m_context.store;
    auto *runner = new restore::RestoreRunner(m_context.client, this);
    attach(runner);
    runner->resume(m_journal, request, false, true);
}

void RestoreWizard::reject()
{
    if (!m_started || m_ended) {
        QWizard::reject();
        return;
    }
    if (m_cancelAsked)
        return;
    const auto answer = MessageBox::question(this, tr("Roll back the restore?"),
                                             tr("The components go back to their recorded counts and start again. The store stays as it is now: "
                                                "if its restore had begun, it may be partly restored, and the report says so."),
                                             QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return;
    rollBack();
}

void RestoreWizard::rollBack()
{
    if (!m_started || m_ended || m_cancelAsked)
        return;
    m_cancelAsked = true;
    if (m_awaiting) {
        // The first run handed over to the admin: roll back from the journal.
        m_awaiting = false;
        restore::RunRequest request;
        request.operatorName = m_context.operatorName;
        request.host = QHostInfo::localHostName();
        auto *runner = new restore::RestoreRunner(m_context.client, this);
        attach(runner);
        runner->resume(m_journal, request, true, false);
    } else if (m_runner) {
        m_runner->cancel();
    }
}

} // namespace eic::ui
