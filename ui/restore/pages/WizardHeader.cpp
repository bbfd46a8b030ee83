#include "WizardHeader.h"

#include "restore/RestoreSession.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace eic::ui {

WizardHeader::WizardHeader(const restore::RestoreSession *session, QWidget *parent)
    : QFrame(parent)
    , m_session(session)
{
    setObjectName(u"wizardHeader"_s);
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(u"#wizardHeader { background: #eef2f7; }"_s);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 8, 4);
    m_mark = new QLabel(this);
    m_mark->setObjectName(u"wizardMark"_s);
    m_mark->setStyleSheet(u"background:#6a1b9a; color:white; font-weight:bold; padding:2px 8px; border-radius:3px"_s);
    row->addWidget(m_mark);
    m_where = new QLabel(this);
    m_where->setObjectName(u"wizardWhere"_s);
    m_where->setWordWrap(true);
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_where->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long URL wraps, never widens the wizard
    row->addWidget(m_where, 1);
}

void WizardHeader::refresh()
{
    const restore::SessionContext &c = m_session->context();
    const QString mark = c.mark.toUpper();
    m_mark->setText(mark);
    m_mark->setVisible(!mark.isEmpty());
    QStringList parts;
    parts << (c.profile.isEmpty() ? tr("no profile") : tr("Profile <b>%1</b>").arg(c.profile.toHtmlEscaped()));
    parts << tr("context %1").arg(c.context.toHtmlEscaped());
    parts << (c.clusterUrl.isEmpty() ? tr("cluster unknown") : c.clusterUrl.toHtmlEscaped());
    parts << tr("namespace %1").arg(c.ns.toHtmlEscaped());
    const QString store = m_session->storeAddress();
    const bool database = m_session->input.target == cell::RestoreTarget::Database;
    parts << (store.isEmpty() ? (database ? tr("database: no connection") : tr("data store: no connection"))
                              : (database ? tr("database <b>%1</b>") : tr("data store <b>%1</b>")).arg(store.toHtmlEscaped()));
    m_where->setText(parts.join(u" · "_s));
}

QString WizardHeader::text() const
{
    QString where = m_where->text();
    where.remove(QRegularExpression(u"<[^>]*>"_s));
    return (m_mark->isVisible() ? m_mark->text() + u' ' : QString()) + where;
}

void WizardHeader::showEvent(QShowEvent *event)
{
    refresh();
    QFrame::showEvent(event);
}

} // namespace eic::ui
