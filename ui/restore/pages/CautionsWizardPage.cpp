#include "CautionsWizardPage.h"

#include "restore/RestoreWizard.h"
#include "WizardHeader.h"
#include "WizardParts.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

CautionsWizardPage::CautionsWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Cautions"));
    setSubTitle(tr("Read each one and tick it. After this page, the restore starts."));
    auto *outer = new QVBoxLayout(this);
    outer->addWidget(new WizardHeader(wizard->session(), this));
    // What "Start the restore" does, in one sentence with its numbers.
    m_summary = wrapped({}, this);
    m_summary->setObjectName(u"planSummary"_s);
    m_summary->setStyleSheet(u"font-weight:bold"_s);
    outer->addWidget(m_summary);
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
    outer->addWidget(scroll, 1);
    auto *form = new QFormLayout;
    m_confirmLabel = wrapped({}, this);
    m_confirm = new QLineEdit(this);
    m_confirm->setObjectName(u"confirmCell"_s);
    form->addRow(m_confirmLabel, m_confirm);
    m_typo = wrapped({}, this);
    m_typo->setObjectName(u"confirmTypo"_s);
    m_typo->setStyleSheet(u"color:#b42318; font-weight:bold"_s);
    form->addRow(m_typo);
    m_ticket = new QLineEdit(this);
    m_ticket->setObjectName(u"ticket"_s);
    m_ticket->setMaxLength(200);
    m_ticket->setPlaceholderText(tr("optional, e.g. CHG0012345; it goes into the report"));
    form->addRow(tr("Change or ticket:"), m_ticket);
    outer->addLayout(form);
    connect(m_confirm, &QLineEdit::textChanged, this, &QWizardPage::completeChanged);
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
    restore::RestoreSession *session = m_wizard->session();
    m_summary->setText(session->summary());
    // The ones that destroy come first, then the other required ones, the optional one last.
    QList<restore::Caution> cautions = session->plan.cautions;
    std::stable_sort(cautions.begin(), cautions.end(), [](const restore::Caution &a, const restore::Caution &b) {
        const auto rank = [](const restore::Caution &c) { return c.destructive ? 0 : c.required() ? 1 : 2; };
        return rank(a) < rank(b);
    });
    const QStringList before = session->accepted();
    for (const restore::Caution &c : std::as_const(cautions)) {
        auto *box = new QGroupBox(c.title + u"  [%1]"_s.arg(c.id));
        auto *l = new QVBoxLayout(box);
        l->addWidget(wrapped(c.text, box));
        auto *check = new QCheckBox(c.required() ? tr("I understand and accept this") : tr("End such sessions if they remain (optional)"), box);
        check->setChecked(before.contains(c.id));
        l->addWidget(check);
        // The time of the tick is what the report states for it.
        connect(check, &QCheckBox::toggled, this, [this, session, id = c.id](bool on) {
            session->acknowledge(id, on);
            Q_EMIT completeChanged();
        });
        m_panels->addWidget(box);
        m_list.append({c.id, c.required(), c.destructive, check});
    }
    m_panels->addStretch();
    const QString word = session->confirmationWord();
    const restore::SessionContext &c = session->context();
    const QString what = !c.profile.isEmpty() ? tr("the profile's name") : !c.clusterUrl.isEmpty() ? tr("the cluster's host name") : tr("the context's name");
    m_confirmLabel->setText(tr("To confirm that this is the cell you mean, type %1 <b>%2</b>:").arg(what, word.toHtmlEscaped()));
    m_confirm->setPlaceholderText(word);
    m_confirmLabel->setVisible(destructive());
    m_confirm->setVisible(destructive());
    m_ticket->setText(session->ticket);
    updateCount();
}

bool CautionsWizardPage::destructive() const
{
    return std::any_of(m_list.begin(), m_list.end(), [](const Panel &p) { return p.destructive; });
}

bool CautionsWizardPage::confirmed() const
{
    return !destructive() || m_wizard->session()->confirms(m_confirm->text());
}

void CautionsWizardPage::updateCount()
{
    qsizetype required = 0, open = 0;
    for (const Panel &p : std::as_const(m_list)) {
        if (!p.required)
            continue;
        ++required;
        if (!p.box->isChecked())
            ++open;
    }
    const int all = int(m_list.size());
    m_count->setText(open == 0 ? tr("%n caution(s); every required one is acknowledged.", nullptr, all)
                               : tr("<b>%1; %2 still to acknowledge</b> (scroll to see them all).")
                                     .arg(tr("%n caution(s)", nullptr, all), tr("%n of the %1 required", nullptr, int(open)).arg(required)));
    // A typo is said as one once the admin has typed as much as the name is long.
    const QString typed = m_confirm->text().trimmed();
    const QString word = m_wizard->session()->confirmationWord();
    const bool typo = destructive() && !typed.isEmpty() && !confirmed() && (typed.size() >= word.size() || !word.startsWith(typed));
    m_typo->setText(typo ? tr("“%1” is not “%2”: check that this is the cell you mean.").arg(typed, word) : QString());
    m_typo->setVisible(typo);
}

bool CautionsWizardPage::isComplete() const
{
    for (const Panel &p : m_list)
        if (p.required && !p.box->isChecked())
            return false;
    return confirmed();
}

void CautionsWizardPage::acknowledgeAll()
{
    for (const Panel &p : m_list)
        p.box->setChecked(true);
    m_confirm->setText(m_wizard->session()->confirmationWord());
}

bool CautionsWizardPage::validatePage()
{
    m_wizard->session()->ticket = m_ticket->text().trimmed();
    return isComplete();
}

} // namespace eic::ui
