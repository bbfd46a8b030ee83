#include "RunWidgets.h"

#include "restore/RestoreSession.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLocale>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

QString clock(const QDateTime &t)
{
    return QLocale().toString(t.toLocalTime(), u"HH:mm:ss"_s);
}

} // namespace

DowntimeClock::DowntimeClock(const restore::RestoreSession *session, QWidget *parent)
    : QLabel(parent)
    , m_session(session)
{
    setObjectName(u"downtime"_s);
    setWordWrap(true);
    setStyleSheet(u"color:#8a5a00; font-weight:bold"_s);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &DowntimeClock::refresh);
    connect(session, &restore::RestoreSession::runEvent, this, &DowntimeClock::refresh);
    connect(session, &restore::RestoreSession::runFinished, this, &DowntimeClock::refresh);
    m_tick.start();
    refresh();
}

void DowntimeClock::refresh()
{
    const QDateTime since = m_session->downSince();
    const QDateTime until = m_session->upAgain();
    setVisible(since.isValid());
    if (!since.isValid())
        return;
    if (until.isValid()) {
        setText(tr("The components were down from %1 to %2: %3.").arg(clock(since), clock(until), restore::durationText(since.msecsTo(until) / 1000.0)));
        m_tick.stop();
        return;
    }
    const qint64 s = since.secsTo(QDateTime::currentDateTimeUtc());
    setText(tr("The cell's components are down since %1 — %2 so far.").arg(clock(since), u"%1:%2"_s.arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'))));
}

BlockingSessions::BlockingSessions(restore::RestoreSession *session, QWidget *parent)
    : QGroupBox(tr("Still connected to the store"), parent)
    , m_session(session)
{
    setObjectName(u"blockingSessions"_s);
    auto *layout = new QVBoxLayout(this);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(u"blockingTable"_s);
    m_table->setHorizontalHeaderLabels({tr("Application or client"), tr("Address"), tr("Connected since")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // A few rows in view: the components' table above stays readable.
    m_table->setMaximumHeight(m_table->horizontalHeader()->sizeHint().height() + 4 * m_table->verticalHeader()->defaultSectionSize() + 4);
    layout->addWidget(m_table);
    m_deadline = new QLabel(this);
    m_deadline->setObjectName(u"blockingDeadline"_s);
    m_deadline->setWordWrap(true);
    layout->addWidget(m_deadline);
    auto *buttons = new QHBoxLayout;
    m_end = new QPushButton(tr("&End these sessions"), this);
    m_end->setObjectName(u"endSessions"_s);
    m_end->setToolTip(tr("Acknowledges terminate-sessions: the stopped components' sessions are ended now, other clients are left alone."));
    m_rollBack = new QPushButton(tr("&Roll back…"), this);
    m_rollBack->setObjectName(u"blockingRollBack"_s);
    buttons->addWidget(m_end);
    buttons->addWidget(m_rollBack);
    buttons->addStretch();
    layout->addLayout(buttons);
    connect(m_end, &QPushButton::clicked, this, [this] {
        m_end->setEnabled(false);
        m_deadline->setText(tr("Ending the sessions of the stopped components…"));
        m_session->endSessions();
    });
    connect(m_rollBack, &QPushButton::clicked, this, &BlockingSessions::rollBackRequested);
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &BlockingSessions::updateDeadline);
    setVisible(false);
}

void BlockingSessions::setWaiting(const QJsonObject &waiting)
{
    m_waiting = waiting;
    const QJsonArray sessions = waiting.value("sessions"_L1).toArray();
    setVisible(!sessions.isEmpty());
    if (sessions.isEmpty()) {
        m_tick.stop();
        return;
    }
    m_table->setRowCount(0);
    for (const QJsonValue &v : sessions) {
        const QJsonObject s = v.toObject();
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        const QString name = s.value("name"_L1).toString();
        m_table->setItem(r, 0, new QTableWidgetItem(name.isEmpty() ? tr("(no name; id %1)").arg(s.value("id"_L1).toString()) : name));
        m_table->setItem(r, 1, new QTableWidgetItem(s.value("address"_L1).toString()));
        const QDateTime since = QDateTime::fromString(s.value("since"_L1).toString(), Qt::ISODate);
        m_table->setItem(r, 2, new QTableWidgetItem(since.isValid() ? QLocale().toString(since.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s) : s.value("since"_L1).toString()));
    }
    m_table->resizeColumnsToContents();
    setTitle(tr("%n session(s) of the stopped components still connected to the store", nullptr, int(sessions.size())));
    m_end->setEnabled(true);
    m_tick.start();
    updateDeadline();
}

void BlockingSessions::updateDeadline()
{
    const QDateTime deadline = QDateTime::fromString(m_waiting.value("deadline"_L1).toString(), Qt::ISODate);
    if (!deadline.isValid() || !m_end->isEnabled())
        return;
    const qint64 left = std::max<qint64>(0, QDateTime::currentDateTimeUtc().secsTo(deadline));
    m_deadline->setText(tr("The restore waits for them until %1 (%2 left). If they are still connected then, it rolls back: the components start "
                           "again and the store is not touched. End them now to go on, or roll back.")
                            .arg(clock(deadline), restore::durationText(double(left))));
}

} // namespace eic::ui
