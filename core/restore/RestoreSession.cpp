#include "RestoreSession.h"

#include "Events.h"
#include "Journal.h"

#include <QHostInfo>

using namespace Qt::StringLiterals;

namespace eic::restore {

RestoreSession::RestoreSession(SessionContext context, QObject *parent)
    : QObject(parent)
    , m_context(std::move(context))
{
    input.ns = m_context.ns;
    input.context = m_context.context;
}

void RestoreSession::retarget(const SessionContext &context)
{
    if (m_started)
        return;
    m_context = context;
    input = PlanInput{};
    input.ns = m_context.ns;
    input.context = m_context.context;
    surveyed = false;
    m_ackAt.clear();
}

void RestoreSession::replan()
{
    if (m_downtimeOf != input.target) {
        m_downtimeOf = input.target;
        m_lastDowntime = Journal::lastDowntimeSeconds(targetName(input.target));
    }
    input.lastRehearsalDowntimeSeconds = m_lastDowntime;
    plan = RestorePlanner::plan(input);
    // An acknowledgement holds for the caution it was given to: one the new plan lacks is gone.
    const QStringList ids = plan.cautionIds();
    for (auto it = m_ackAt.begin(); it != m_ackAt.end();)
        it = ids.contains(it.key()) ? std::next(it) : m_ackAt.erase(it);
}

void RestoreSession::acknowledge(const QString &cautionId, bool ticked)
{
    if (m_started)
        return;
    if (ticked && !m_ackAt.contains(cautionId))
        m_ackAt.insert(cautionId, QDateTime::currentDateTimeUtc());
    else if (!ticked)
        m_ackAt.remove(cautionId);
}

QStringList RestoreSession::accepted() const
{
    QStringList out;
    for (const QString &id : plan.cautionIds())
        if (m_ackAt.contains(id))
            out.append(id);
    return out;
}

SummaryFacts RestoreSession::summaryFacts() const
{
    SummaryFacts f;
    f.clusterUrl = m_context.clusterUrl;
    f.storeAddress = storeAddress();
    f.lastDowntimeSeconds = m_lastDowntime;
    if (plan.mode == DataMode::Archive && !plan.archive.isEmpty())
        f.backup = stores::BackupCatalogue::entryOf(plan.archive);
    return f;
}

RunRequest RestoreSession::baseRequest() const
{
    RunRequest request;
    request.operatorName = m_context.operatorName;
    request.host = QHostInfo::localHostName();
    request.appVersion = QStringLiteral(EIC_VERSION);
    request.profile = m_context.profile;
    request.store = m_context.store;
    request.storeAddress = storeAddress();
    return request;
}

void RestoreSession::startRun()
{
    if (m_started)
        return;
    m_started = true;
    RunRequest request = baseRequest();
    request.plan = plan;
    request.accepted = accepted();
    request.ticket = ticket.trimmed();
    request.acknowledgedAt = m_ackAt;
    request.workspaceMark = m_context.mark;
    if (plan.mode == DataMode::NewInstance) {
        request.newInstance = m_context.store;
        request.store = {};
        if (m_context.updateProfile) {
            const auto update = m_context.updateProfile;
            request.updateProfile = [update] { return update({}); };
        }
    }
    auto *runner = new RestoreRunner(m_context.client, this);
    attach(runner);
    setPhase(SessionPhase::Stopping);
    runner->start(request);
}

void RestoreSession::confirmData()
{
    if (!m_awaiting || m_journal.isEmpty())
        return;
    m_awaiting = false;
    auto *runner = new RestoreRunner(m_context.client, this);
    attach(runner);
    setPhase(SessionPhase::Data);
    runner->resume(m_journal, baseRequest(), false, true);
}

void RestoreSession::rollBack()
{
    if (!m_started || m_ended || m_cancelAsked)
        return;
    m_cancelAsked = true;
    setPhase(SessionPhase::RollingBack);
    if (m_awaiting) {
        // The first run handed over to the admin: roll back from the journal.
        m_awaiting = false;
        auto *runner = new RestoreRunner(m_context.client, this);
        attach(runner);
        runner->resume(m_journal, baseRequest(), true, false);
    } else if (m_runner) {
        m_runner->cancel();
    }
}

void RestoreSession::endSessions()
{
    if (m_runner && m_phase == SessionPhase::Quiescing)
        m_runner->endSessions();
}

QString RestoreSession::rollBackQuestion() const
{
    const QString back = tr("The components go back to their recorded counts and start again.");
    switch (m_phase) {
    case SessionPhase::Planning:
    case SessionPhase::Stopping:
    case SessionPhase::Quiescing:
        return back + u' ' + tr("Nothing was written to the store: the data step has not started.");
    case SessionPhase::AwaitingData:
        return back + u' ' + tr("The store stays as it is now: if you began restoring it yourself, it holds what you restored so far, and the report says so.");
    case SessionPhase::Data:
        return back + u' ' + tr("The data step is under way: the store stays as it is at the moment of the cancel, partly restored, and the report says so.");
    case SessionPhase::Starting:
    case SessionPhase::Verifying:
        return back + u' ' + tr("The data step finished: the store keeps the restored data; only the components' start is undone and redone.");
    case SessionPhase::RollingBack:
    case SessionPhase::Ended:
        break;
    }
    return back;
}

void RestoreSession::setPhase(SessionPhase phase)
{
    if (m_phase == phase || (m_phase == SessionPhase::RollingBack && phase != SessionPhase::Ended))
        return;
    m_phase = phase;
    Q_EMIT phaseChanged(phase);
}

void RestoreSession::follow(const QJsonObject &e)
{
    const QString name = e.value("event"_L1).toString();
    const QString step = e.value("step"_L1).toString();
    const QDateTime t = QDateTime::fromString(e.value("t"_L1).toString(), Qt::ISODateWithMs);
    if (name == ev::StepStarted) {
        static const QHash<QString, SessionPhase> phases{{u"stop"_s, SessionPhase::Stopping}, {u"quiesce"_s, SessionPhase::Quiescing},
                                                         {u"data"_s, SessionPhase::Data}, {u"start"_s, SessionPhase::Starting},
                                                         {u"verify"_s, SessionPhase::Verifying}};
        if (phases.contains(step))
            setPhase(phases.value(step));
    } else if (name == ev::Scaled && e.value("to"_L1).toInt() == 0 && !m_downSince.isValid()) {
        m_downSince = t.isValid() ? t : QDateTime::currentDateTimeUtc();
    } else if (name == ev::SessionsWaiting) {
        m_blocking = e;
    } else if (name == ev::SessionsGone || name == ev::SessionsTerminated || (name == ev::StepFinished && step == u"quiesce"_s)) {
        m_blocking = {};
    } else if (name == ev::DataStarted) {
        m_data = DataState::Started;
    } else if (name == ev::DataFinished) {
        m_data = dataStateFromName(e.value("state"_L1).toString());
    } else if (name == ev::RollbackStarted) {
        m_blocking = {};
        setPhase(SessionPhase::RollingBack);
    } else if ((name == ev::StepFinished && step == u"start"_s) && m_downSince.isValid()) {
        m_upAgain = t.isValid() ? t : QDateTime::currentDateTimeUtc();
    }
}

void RestoreSession::attach(RestoreRunner *runner)
{
    m_runner = runner;
    connect(runner, &RestoreRunner::event, this, [this](const QJsonObject &e) {
        m_events.append(e);
        follow(e);
        Q_EMIT runEvent(e);
    });
    connect(runner, &RestoreRunner::awaitingData, this, [this](const QStringList &instructions) {
        m_awaiting = true;
        m_data = DataState::Awaiting;
        setPhase(SessionPhase::AwaitingData);
        Q_EMIT dataAwaited(instructions);
    });
    connect(runner, &RestoreRunner::finished, this, [this](const RunOutcome &o) {
        m_journal = o.journal.isEmpty() ? m_journal : o.journal;
        if (o.exitCode == RestoreRunner::NeedsResume && m_awaiting)
            return; // waiting for the admin's data step
        m_outcome = o;
        m_ended = true;
        m_blocking = {};
        if (!m_upAgain.isValid() && m_downSince.isValid())
            m_upAgain = QDateTime::currentDateTimeUtc();
        setPhase(SessionPhase::Ended);
        Q_EMIT runFinished();
    });
}

} // namespace eic::restore
