#include "CautionsWizardPage.h"

#include "restore/RestoreWizard.h"
#include "WizardParts.h"

#include <QCheckBox>
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

} // namespace eic::ui
