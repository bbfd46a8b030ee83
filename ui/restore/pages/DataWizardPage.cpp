#include "DataWizardPage.h"

#include "restore/RestoreWizard.h"
#include "WizardHeader.h"
#include "MessageBox.h"
#include "RunWidgets.h"
#include "WizardParts.h"
#include "restore/Events.h"

#include <QColor>
#include <QFileInfo>
#include <QFont>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

DataWizardPage::DataWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("The data step"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new WizardHeader(wizard->session(), this));
    layout->addWidget(new DowntimeClock(wizard->session(), this));
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
        if (!confirmRestored())
            return;
        m_restored->setEnabled(false);
        m_log->addItem(tr("Confirmed: the store was restored. Checking that it accepts writes, then starting the components…"));
        m_wizard->session()->confirmData();
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

bool DataWizardPage::confirmRestored()
{
    const restore::RestoreSession *session = m_wizard->session();
    const bool database = session->plan.target == cell::RestoreTarget::Database;
    const QString store = session->storeAddress();
    QStringList checks;
    if (store.isEmpty()) {
        checks << tr("• Not checked — no connection to the store was given: nothing shows that it was restored or accepts writes.");
    } else {
        checks << tr("• It is the same store as before the restore (its recorded identity at %1).").arg(store);
        checks << tr("• It accepts writes (a write in a transaction that is rolled back).");
    }
    checks << tr("• Then %n component(s) start again at their recorded counts.", nullptr, int(session->plan.present().size()));
    const QString text = (database ? tr("Have you finished restoring the database?") : tr("Have you finished restoring the data store?"))
                         + u"\n\n"_s + tr("When you confirm, eic-restore checks:") + u"\n"_s + checks.join(u'\n')
                         + u"\n\n"_s + tr("A check that fails keeps the components stopped and says why.");
    return MessageBox::question(this, database ? tr("The database is restored?") : tr("The data store is restored?"), text,
                                QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
        == QMessageBox::Yes;
}

void DataWizardPage::initializePage()
{
    const bool database = m_wizard->session()->plan.target == cell::RestoreTarget::Database;
    const auto mode = m_wizard->session()->plan.mode;
    setSubTitle(mode == restore::DataMode::External ? tr("The components are stopped. Restore the %1 now; then confirm below.").arg(database ? tr("database") : tr("data store"))
                : mode == restore::DataMode::Archive ? tr("Restoring the archive %1.").arg(QFileInfo(m_wizard->session()->plan.archive).fileName())
                                                     : tr("Checking the new instance."));
    m_restored->setText(database ? tr("I have restored the database") : tr("I have restored the data store"));
    m_restored->setVisible(mode == restore::DataMode::External && m_wizard->session()->plan.dataCommand.isEmpty());
    m_restored->setEnabled(m_wizard->awaitingData());
    m_progress->setVisible(mode == restore::DataMode::Archive);
    m_rate->setVisible(mode == restore::DataMode::Archive);
    if (m_wizard->awaitingData())
        m_instructions->setText(u"• "_s + m_wizard->session()->plan.dataInstructions.join(u"\n• "_s));
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
        QString text = name == "data-started"_L1    ? tr("Data step started (%1).").arg(modeWords(e.value("mode"_L1).toString()))
                       : name == "data-finished"_L1 ? tr("Data step: %1.").arg(e.value("state"_L1).toString())
                       : name == "check"_L1         ? tr("Check %1: %2").arg(checkTitle(e.value("check"_L1).toString()), checkOutcomeText(e))
                       : name == "warning"_L1       ? e.value("message"_L1).toString()
                                                    : tr("Rolling back: %1").arg(e.value("reason"_L1).toString());
        m_log->addItem(text);
        const bool isCheck = name == "check"_L1;
        const restore::CheckOutcome check = isCheck ? restore::checkOutcomeOf(e) : restore::CheckOutcome::Passed;
        if (isCheck && check == restore::CheckOutcome::NotChecked)
            m_log->item(m_log->count() - 1)->setForeground(QColor(0x8a, 0x5a, 0x00));
        if (name == "warning"_L1 || (isCheck && check == restore::CheckOutcome::Failed)) {
            QListWidgetItem *item = m_log->item(m_log->count() - 1);
            item->setForeground(QColor(0xc6, 0x28, 0x28));
            QFont bold = item->font();
            bold.setBold(true);
            item->setFont(bold);
        }
    } else if ((name == "step-finished"_L1 && e.value("step"_L1) == "data"_L1) || (name == "step-started"_L1 && e.value("step"_L1) == "start"_L1)) {
        // The data step also finishes when it hands over to the admin (awaitingData follows the
        // event at once): then the page waits for "I have restored", it does not move on.
        QTimer::singleShot(0, this, [this] {
            if (m_wizard->awaitingData())
                return;
            m_done = true;
            Q_EMIT completeChanged();
            if (m_wizard->currentId() == RestoreWizard::DataPage)
                m_wizard->next();
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

} // namespace eic::ui
