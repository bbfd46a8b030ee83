#include "WelcomePage.h"

#include <QCommandLinkButton>
#include <QKeyEvent>
#include <QInputDialog>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

WelcomePage::WelcomePage(const QStringList &contexts, const QString &currentContext, const QString &kubeconfigNote, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"welcomePage"_s);
    // The focused choice is outlined: Return activates it.
    setStyleSheet(u"QCommandLinkButton:focus { border: 2px solid #1565c0; border-radius: 4px; }"_s);
    auto *outer = new QHBoxLayout(this);
    auto *column = new QWidget(this);
    column->setMaximumWidth(720);
    outer->addStretch(1);
    outer->addWidget(column, 4);
    outer->addStretch(1);
    auto *layout = new QVBoxLayout(column);
    layout->addStretch(1);
    addIntro(layout);
    addImport(layout, contexts, currentContext, kubeconfigNote);
    addCreateAndSandbox(layout);
    if (!currentContext.isEmpty())
        addOpenContext(layout, currentContext);
    layout->addStretch(2);
    setTabOrder(m_import, m_create);
    setTabOrder(m_create, m_sandbox);
    if (m_openContext)
        setTabOrder(m_sandbox, m_openContext);
}

void WelcomePage::addIntro(QVBoxLayout *layout)
{
    QWidget *column = layout->parentWidget();
    auto *title = new QLabel(tr("Welcome to eic-restore"), column);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.8);
    big.setBold(true);
    title->setFont(big);
    layout->addWidget(title);
    auto *intro = new QLabel(tr("eic-restore backs up and restores the PostgreSQL database and the Redis/Valkey data store of an "
                                "SAP Edge Integration Cell. It stops the components that use the store, restores it, verifies it "
                                "and starts them again at their recorded counts — crash-safe, and with a report for your change "
                                "board. To begin, tell it how to reach your cell, or rehearse on a sandbox first."),
                             column);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addSpacing(12);
}

void WelcomePage::addImport(QVBoxLayout *layout, const QStringList &contexts, const QString &currentContext, const QString &kubeconfigNote)
{
    const bool haveContexts = !contexts.isEmpty();
    m_import = new QCommandLinkButton(tr("Import from kubeconfig"),
                                      haveContexts ? tr("Make a profile from a context of your kubeconfig (%1), then add the database and data store.")
                                                         .arg(kubeconfigNote)
                                                   : tr("No kubeconfig context to import: %1.").arg(kubeconfigNote),
                                      layout->parentWidget());
    m_import->setObjectName(u"importFromKubeconfig"_s);
    m_canImport = haveContexts;
    m_import->setEnabled(haveContexts);
    connect(m_import, &QCommandLinkButton::clicked, this, [this, contexts, currentContext] {
        QString chosen = currentContext.isEmpty() ? contexts.value(0) : currentContext;
        if (contexts.size() > 1) {
            bool ok = false;
            chosen = QInputDialog::getItem(this, tr("Import from kubeconfig"), tr("&Context:"), contexts,
                                           std::max<qsizetype>(0, contexts.indexOf(chosen)), false, &ok);
            if (!ok)
                return;
        }
        Q_EMIT importRequested(chosen);
    });
    layout->addWidget(m_import);
}

void WelcomePage::addCreateAndSandbox(QVBoxLayout *layout)
{
    QWidget *column = layout->parentWidget();
    m_create = new QCommandLinkButton(tr("Create a profile"),
                                      tr("Type in the cell's API server and token, its database and its data store."), column);
    m_create->setObjectName(u"createProfile"_s);
    connect(m_create, &QCommandLinkButton::clicked, this, &WelcomePage::createRequested);
    layout->addWidget(m_create);

    m_sandbox = new QCommandLinkButton(tr("Try the sandbox"),
                                       tr("A simulated cell on this computer with a throwaway PostgreSQL and Redis holding sample data: "
                                          "rehearse a backup and a restore without touching a real cell. Everything is removed when "
                                          "you stop it or quit."),
                                       column);
    m_sandbox->setObjectName(u"trySandbox"_s);
    connect(m_sandbox, &QCommandLinkButton::clicked, this, &WelcomePage::sandboxRequested);
    layout->addWidget(m_sandbox);

    m_progress = new QLabel(column);
    m_progress->setObjectName(u"sandboxProgress"_s);
    m_progress->setWordWrap(true);
    m_progress->hide();
    layout->addWidget(m_progress);
}

void WelcomePage::addOpenContext(QVBoxLayout *layout, const QString &currentContext)
{
    m_openContext = new QCommandLinkButton(tr("Open the dashboard of \"%1\"").arg(currentContext),
                                           tr("Watch the kubeconfig's current context without a profile (no backup or restore of its stores)."),
                                           layout->parentWidget());
    m_openContext->setObjectName(u"openCurrentContext"_s);
    connect(m_openContext, &QCommandLinkButton::clicked, this, [this, currentContext] { Q_EMIT openContextRequested(currentContext); });
    layout->addWidget(m_openContext);
}

void WelcomePage::keyPressEvent(QKeyEvent *event)
{
    auto *button = qobject_cast<QCommandLinkButton *>(focusWidget());
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && button && button->isEnabled()) {
        button->click();
        return;
    }
    QWidget::keyPressEvent(event);
}

void WelcomePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (qobject_cast<QCommandLinkButton *>(focusWidget()))
        return;
    for (auto *b : {m_import, m_create, m_sandbox})
        if (b && b->isEnabled()) {
            b->setFocus(Qt::OtherFocusReason);
            break;
        }
}

void WelcomePage::setSandboxProgress(const QString &step)
{
    m_progress->setVisible(!step.isEmpty());
    m_progress->setText(step);
    for (auto *b : {m_import, m_create, m_sandbox, m_openContext})
        if (b)
            b->setEnabled(step.isEmpty() && (b != m_import || m_canImport));
}

} // namespace eic::ui
