#include "UnfinishedBanner.h"

#include "restore/CellIdentity.h"
#include "restore/Events.h"
#include "restore/Journal.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLocale>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace eic::ui {

UnfinishedBanner::UnfinishedBanner(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"unfinishedBanner"_s);
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(u"#unfinishedBanner { background: #ffd54f; } #unfinishedBanner QLabel { color: #3e2723; }"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    m_text = new QLabel(this);
    m_text->setObjectName(u"unfinishedText"_s);
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setAccessibleName(tr("Unfinished restore"));
    layout->addWidget(m_text, 1);
    m_resume = new QPushButton(tr("&Resume…"), this);
    m_resume->setObjectName(u"resumeUnfinished"_s);
    connect(m_resume, &QPushButton::clicked, this, &UnfinishedBanner::resumeRequested);
    layout->addWidget(m_resume);
    m_rollBack = new QPushButton(tr("Roll &back…"), this);
    m_rollBack->setObjectName(u"rollBackUnfinished"_s);
    connect(m_rollBack, &QPushButton::clicked, this, &UnfinishedBanner::rollBackRequested);
    layout->addWidget(m_rollBack);
    auto *details = new QPushButton(tr("&Details"), this);
    details->setObjectName(u"unfinishedDetails"_s);
    connect(details, &QPushButton::clicked, this, &UnfinishedBanner::detailsRequested);
    layout->addWidget(details);
    hide();
}

void UnfinishedBanner::showRun(const QString &text, bool actionable, const QString &resumeLabel)
{
    m_text->setText(text);
    m_resume->setText(resumeLabel);
    // Hidden, not greyed out: nothing on this band may act on a cell that is not the run's.
    m_resume->setVisible(actionable);
    m_rollBack->setVisible(actionable);
    show();
}

QString UnfinishedBanner::text() const
{
    return m_text->text();
}

QString UnfinishedBanner::operatorOf(const restore::JournalState &run)
{
    return run.operatorName.trimmed().isEmpty() ? tr("unknown user") : run.operatorName;
}

QString UnfinishedBanner::cellOf(const restore::JournalState &run)
{
    if (!run.cellIdentity.isEmpty())
        return restore::CellIdentity::fromJson(run.cellIdentity).describe();
    return run.kubeContext.isEmpty() ? tr("namespace %1").arg(run.plan.ns) : tr("namespace %1 (context %2)").arg(run.plan.ns, run.kubeContext);
}

QString UnfinishedBanner::describe(const restore::JournalState &run, const QString &otherCell, bool connected)
{
    const QString target = run.plan.target == cell::RestoreTarget::Database ? tr("the database") : tr("the data store");
    const QDateTime started = QDateTime::fromString(run.start.value(QLatin1String("t")).toString(), Qt::ISODateWithMs);
    const QString when = started.isValid() ? QLocale().toString(started.toLocalTime(), u"yyyy-MM-dd HH:mm"_s) : tr("at an unknown time");
    const QString step = run.stepsStarted.isEmpty() ? tr("none begun") : run.stepsStarted.constLast();
    QStringList names = run.recorded.keys();
    names.sort();
    QString text = tr("An unfinished restore of %1 on %2 (started %3 by %4, step %5): ").arg(target, cellOf(run), when, operatorOf(run), step);
    text += names.isEmpty() ? tr("no component was stopped yet.") : tr("the components %1 may be at 0.").arg(names.join(u", "_s));
    if (!otherCell.isEmpty())
        text += u' ' + tr("The open cell is not the run's (%1): open the run's cell to resume or roll it back.").arg(otherCell);
    else if (!connected)
        text += u' ' + tr("Open its cell to resume or roll it back.");
    else if (restore::dataStateFromName(run.dataState) == restore::DataState::Awaiting)
        text += u' ' + tr("It waits for your data step: Continue once %1 is restored, or roll it back.").arg(target);
    return text;
}

} // namespace eic::ui
