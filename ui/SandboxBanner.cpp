#include "SandboxBanner.h"

#include "sandbox/Sandbox.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace eic::ui {

SandboxBanner::SandboxBanner(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"sandboxBanner"_s);
    setAttribute(Qt::WA_StyledBackground);
    setStyleSheet(u"#sandboxBanner { background: #5e35b1; } #sandboxBanner QLabel { color: white; }"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setAccessibleName(tr("Sandbox banner"));
    layout->addWidget(m_text, 1);
    auto *stopButton = new QPushButton(tr("S&top the sandbox"), this);
    stopButton->setObjectName(u"stopSandbox"_s);
    connect(stopButton, &QPushButton::clicked, this, &SandboxBanner::stopRequested);
    layout->addWidget(stopButton);
    hide();
}

void SandboxBanner::showStarting(const QString &step)
{
    m_text->setText(step.isEmpty() ? tr("<b>Starting the sandbox</b> — a simulated cell with throwaway PostgreSQL and Redis on this computer…")
                                   : tr("<b>Starting the sandbox</b> — %1").arg(step.toHtmlEscaped()));
    show();
}

void SandboxBanner::showRunning(const sandbox::SandboxInfo &info)
{
    m_text->setText(tr("<b>SANDBOX</b> — a simulated cell on this computer with throwaway PostgreSQL %1 and Redis %2 holding "
                       "sample data. Nothing here touches a real cell; everything (%3) is removed when you stop the sandbox or quit.")
                        .arg(info.pgVersion, info.redisVersion, info.dir.toHtmlEscaped()));
    show();
}

} // namespace eic::ui
