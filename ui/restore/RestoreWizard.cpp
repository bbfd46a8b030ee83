#include "RestoreWizard.h"

#include "MessageBox.h"
#include "WizardPages.h"

#include <QAbstractButton>

using namespace Qt::StringLiterals;

namespace eic::ui {

RestoreWizard::RestoreWizard(WizardContext context, QWidget *parent)
    : QWizard(parent)
    , m_session(new restore::RestoreSession(std::move(context), this))
{
    setWindowTitle(tr("Restore — cell %1").arg(m_session->context().ns));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    setOption(QWizard::NoCancelButtonOnLastPage);
    setMinimumSize(820, 600);
    connect(m_session, &restore::RestoreSession::runEvent, this, &RestoreWizard::runEvent);
    connect(m_session, &restore::RestoreSession::runFinished, this, &RestoreWizard::runFinished);
    connect(m_session, &restore::RestoreSession::dataAwaited, this, &RestoreWizard::dataAwaited);
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
    const auto buttons = [this] {
        if (currentId() < StopPage)
            return;
        setButtonLayout({QWizard::Stretch, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton});
        // While the cell is down, the button says what it does.
        setButtonText(QWizard::CancelButton, m_session->runEnded() ? tr("Close") : tr("Roll back…"));
        button(QWizard::CancelButton)->setEnabled(!m_session->rollingBack());
    };
    connect(this, &QWizard::currentIdChanged, this, buttons);
    connect(m_session, &restore::RestoreSession::phaseChanged, this, buttons);
}

void RestoreWizard::retarget(const WizardContext &context)
{
    m_session->retarget(context);
    setWindowTitle(tr("Restore — cell %1").arg(context.ns));
}

void RestoreWizard::reject()
{
    if (!m_session->runStarted() || m_session->runEnded()) {
        QWizard::reject();
        return;
    }
    if (m_session->rollingBack() || m_asking)
        return;
    m_asking = true;
    const auto answer = MessageBox::questionUntil(this, tr("Roll back the restore?"), m_session->rollBackQuestion(), QMessageBox::Yes | QMessageBox::No,
                                                  QMessageBox::No, m_session, &restore::RestoreSession::runFinished);
    m_asking = false;
    // The run may have ended while the question was open: then there is nothing to roll back.
    if (answer == QMessageBox::Yes && !m_session->runEnded())
        m_session->rollBack();
}

} // namespace eic::ui
