#include "ProgressWizardPage.h"

#include "restore/RestoreWizard.h"
#include "WizardHeader.h"
#include "RunWidgets.h"
#include "WizardParts.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

ProgressWizardPage::ProgressWizardPage(RestoreWizard *wizard, bool stopping)
    : m_wizard(wizard)
    , m_stopping(stopping)
{
    setTitle(stopping ? tr("Stopping the components") : tr("Starting the components"));
    setSubTitle(stopping ? tr("All at once; the next step waits until no pod of them is left and no session of theirs remains.")
                         : tr("Each goes back to its recorded count; done when every rollout is complete by kubectl's rules."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new WizardHeader(wizard->session(), this));
    m_table = new QTableWidget(0, 4, this);
    m_table->setHorizontalHeaderLabels({tr("Component"), stopping ? tr("Recorded count") : tr("Scaled back to"), tr("Pods (terminating)"), tr("State")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(m_table, 1);
    m_downtime = new DowntimeClock(wizard->session(), this);
    layout->addWidget(m_downtime);
    if (stopping) {
        m_blocking = new BlockingSessions(wizard->session(), this);
        layout->addWidget(m_blocking);
        connect(m_blocking, &BlockingSessions::rollBackRequested, wizard, &RestoreWizard::reject);
    }
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
    for (const auto &c : m_wizard->session()->plan.present()) {
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
        m_wizard->session()->startRun();
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
    if (m_blocking && (name == "sessions-waiting"_L1 || name == "sessions-gone"_L1 || name == "sessions-terminated"_L1 || name == "rollback-started"_L1))
        m_blocking->setWaiting(m_wizard->session()->blocking());
    if (name == "sessions-terminated"_L1)
        m_state->setText(tr("%n session(s) of theirs were still connected and were ended.", nullptr, e.value("count"_L1).toInt()));
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

} // namespace eic::ui
