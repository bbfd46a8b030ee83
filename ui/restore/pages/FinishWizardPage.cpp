#include "FinishWizardPage.h"

#include "restore/RestoreWizard.h"
#include "WizardHeader.h"
#include "WizardParts.h"
#include "FileDialog.h"
#include "report/RestoreReport.h"
#include "restore/Events.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QFont>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

FinishWizardPage::FinishWizardPage(RestoreWizard *wizard)
    : m_wizard(wizard)
{
    setTitle(tr("Result"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new WizardHeader(wizard->session(), this));
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
            // Asked, never a fixed file in $HOME: under scripts/run or the sandbox that HOME is gone at quit.
            const QJsonObject first = m_wizard->events().value(0);
            QDateTime started = QDateTime::fromString(first.value("t"_L1).toString(), Qt::ISODateWithMs);
            if (!started.isValid())
                started = QDateTime::currentDateTimeUtc();
            const QString name = u"restore-%1-%2.%3"_s.arg(restore::targetName(m_wizard->session()->plan.target), started.toLocalTime().toString(u"yyyyMMdd-HHmm"_s), format);
            const QString path = FileDialog::getSaveFileName(this, tr("Export the report"), QDir(FileDialog::documentsFolder()).filePath(name),
                                                             tr("%1 files (*.%2)").arg(format.toUpper(), format));
            if (!path.isEmpty())
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
    const bool ok = o.outcome == restore::ev::Complete && o.notChecked.isEmpty();
    const bool partly = o.outcome == restore::ev::Complete || o.outcome == restore::ev::CompleteWithLeftovers;
    const bool rolledBack = o.outcome == restore::ev::RolledBack && o.exitCode == restore::RestoreRunner::Done; // an abort the admin asked for
    m_outcome->setText((ok ? u"✔ "_s : partly ? u"⚠ "_s : rolledBack ? u"↺ "_s : u"✘ "_s) + o.message);
    m_outcome->setStyleSheet(ok ? u"color:#1a7f37"_s : partly || rolledBack ? u"color:#8a5a00"_s : u"color:#b42318"_s);
    setSubTitle(o.downtimeSeconds >= 0 ? tr("Total downtime: %1 s. The report below is what you hand to the change board.").arg(o.downtimeSeconds, 0, 'f', 1)
                                       : tr("The report below is what you hand to the change board."));
    m_checks->clear();
    for (const QJsonObject &e : m_wizard->events())
        if (e.value("event"_L1).toString() == restore::ev::Check)
            m_checks->addItem(checkEventItem(e, checkTitle(e.value("check"_L1).toString()) + (e.contains("name"_L1) ? u" "_s + e.value("name"_L1).toString() : QString())));
    // What the run could not check or remove, in its words: never a green line.
    for (const QString &what : o.notChecked)
        m_checks->addItem(notCheckedItem(tr("Not checked — %1").arg(what)));
    for (const QString &what : o.leftovers)
        m_checks->addItem(notCheckedItem(tr("Left behind — %1").arg(what)));
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
