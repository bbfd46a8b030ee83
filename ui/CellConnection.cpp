#include "CellConnection.h"

#include "MessageBox.h"
#include "SecretResolver.h"
#include "StoresPanel.h"
#include "cell/CellSession.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

constexpr qsizetype kLongUrl = 120;
constexpr qsizetype kLongState = 240;

} // namespace

CellConnection::CellConnection(const Workspace *workspace, SecretResolver *secrets, const QString &nsOverride, QWidget *parent)
    : QWidget(parent)
    , m_workspace(workspace)
    , m_secrets(secrets)
    , m_nsOverride(nsOverride)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("C&ell:"), this);
    layout->addWidget(label);
    m_cells = new QComboBox(this);
    m_cells->setObjectName(u"cellChooser"_s);
    m_cells->setMinimumContentsLength(24);
    m_cells->setToolTip(tr("A saved profile, or a context of the kubeconfig"));
    label->setBuddy(m_cells);
    connect(m_cells, &QComboBox::activated, this, [this](int i) {
        const QStringList choice = m_cells->itemData(i).toStringList();
        if (choice.value(0) == "profile"_L1)
            switchProfile(choice.value(1));
        else if (choice.value(0) == "context"_L1)
            switchContext(choice.value(1));
    });
    layout->addWidget(m_cells);
    m_line = new QLabel(this);
    m_line->setObjectName(u"connectionLine"_s);
    m_line->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // However long the text, it wraps inside the window and never widens it.
    m_line->setWordWrap(true);
    m_line->setMinimumWidth(0);
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    m_line->setSizePolicy(policy);
    layout->addWidget(m_line, 1);
    setFocusProxy(m_cells);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &CellConnection::updateLine);
    m_countdown.start();
}

CellConnection::~CellConnection() = default;

void CellConnection::rebuildChooser()
{
    m_cells->clear();
    if (m_workspace->profiles) {
        for (const profiles::Profile &p : m_workspace->profiles->profiles())
            m_cells->addItem(tr("%1 (profile)").arg(p.name), QStringList{u"profile"_s, p.id});
    }
    if (m_workspace->config) {
        for (const QString &c : m_workspace->config->contextNames())
            m_cells->addItem(tr("%1 (kubeconfig context)").arg(c), QStringList{u"context"_s, c});
    }
    const CellChoice open = choice();
    const int index = m_cells->findData(open.profileId.isEmpty() ? QStringList{u"context"_s, open.context} : QStringList{u"profile"_s, open.profileId});
    if (index >= 0)
        m_cells->setCurrentIndex(index);
}

CellChoice CellConnection::choice() const
{
    if (!m_profileId.isEmpty())
        return {m_profileId, {}};
    return {{}, m_session ? m_session->client->context().context : QString()};
}

QList<QPair<QString, QStringList>> CellConnection::cells() const
{
    QList<QPair<QString, QStringList>> all;
    for (int i = 0; i < m_cells->count(); ++i)
        all.append({m_cells->itemText(i), m_cells->itemData(i).toStringList()});
    return all;
}

QStringList CellConnection::currentCell() const
{
    return m_cells->currentData().toStringList();
}

void CellConnection::switchProfile(const QString &profileId)
{
    const profiles::Profile *found = m_workspace->profiles ? m_workspace->profiles->find(profileId) : nullptr;
    if (!found)
        return;
    const profiles::Profile p = *found;
    auto connectWith = [this, p](const QString &token) {
        auto ctx = profiles::ConnectionTester::cellContext(p, token);
        if (!ctx) {
            MessageBox::warning(this, tr("Cannot connect"), ctx.error().message);
            return;
        }
        connectTo(*ctx, p.id);
    };
    if (p.cell.mode != profiles::CellConnection::Mode::Manual)
        connectWith({});
    else
        m_secrets->cellToken(p, connectWith);
}

bool CellConnection::switchContext(const QString &context)
{
    if (!m_workspace->config)
        return false;
    auto resolved = m_workspace->config->resolve(context);
    if (!resolved) {
        spdlog::error("{}", resolved.error().toString().toStdString());
        MessageBox::warning(this, tr("Cannot connect"), resolved.error().message);
        return false;
    }
    kube::ResolvedContext ctx = *resolved;
    if (!m_nsOverride.isEmpty())
        ctx.ns = m_nsOverride;
    return connectTo(ctx, {});
}

bool CellConnection::connectTo(const kube::ResolvedContext &ctx, const QString &profileId)
{
    if (!kube::isDnsLabel(ctx.ns)) {
        MessageBox::warning(this, tr("Cannot connect"), tr("\"%1\" is not a valid namespace name.").arg(ctx.ns));
        return false;
    }
    Q_EMIT sessionAboutToChange();
    m_session = std::make_unique<cell::CellSession>(ctx);
    m_profileId = profileId;
    const cell::CellMonitor *monitor = m_session->monitor.get();
    connect(monitor, &cell::CellMonitor::connectionChanged, this, &CellConnection::updateLine);
    connect(monitor, &cell::CellMonitor::contactChanged, this, &CellConnection::updateLine);
    // Whether a cell is there at all shows next to the connection (a mistyped namespace).
    connect(monitor, &cell::CellMonitor::componentChanged, this, &CellConnection::updateLine);
    connect(monitor, &cell::CellMonitor::syncedChanged, this, [this] {
        updateLine();
        if (m_session->monitor->synced() && !m_session->monitor->cellFound())
            spdlog::warn("{}", m_session->monitor->notFoundHint().toStdString());
    });
    spdlog::info("connecting to context {} ({}), namespace {}", ctx.context.toStdString(), ctx.cluster.server.toString().toStdString(),
                 ctx.ns.toStdString());
    m_session->monitor->start();
    updateLine();
    rebuildChooser();
    Q_EMIT sessionChanged();
    return true;
}

void CellConnection::close()
{
    Q_EMIT sessionAboutToChange();
    m_session.reset();
    m_profileId.clear();
}

void CellConnection::forgetProfile(const QString &profileId)
{
    if (m_profileId == profileId)
        m_profileId.clear();
}

QString CellConnection::text() const
{
    return m_line->text();
}

QString CellConnection::stateText(QString *colour, QString *background) const
{
    const cell::CellMonitor &monitor = *m_session->monitor;
    const qint64 silent = monitor.secondsWithoutContact();
    if (monitor.contactLost() && monitor.connectionState() != cell::ConnectionState::Failed) {
        // Silent or unreachable: whatever the watches last said is not live any more.
        if (monitor.contact() == cell::ContactWatch::State::Unreachable) {
            *colour = u"#ffffff"_s;
            *background = u"#c62828"_s;
            return tr("unreachable — no contact for %1 s — %2").arg(silent).arg(monitor.contactDetail());
        }
        *colour = u"#ffffff"_s;
        *background = u"#6a1b9a"_s;
        return monitor.lastContact().isValid() ? tr("stale — no contact for %1 s").arg(silent)
                                               : tr("no answer from the cluster for %1 s").arg(silent);
    }
    switch (monitor.connectionState()) {
    case cell::ConnectionState::Connecting:
        *colour = u"#1565c0"_s;
        return tr("connecting…");
    case cell::ConnectionState::Live:
        if (monitor.synced() && !monitor.cellFound()) {
            *colour = u"#ef6c00"_s;
            return tr("live, but no cell here");
        }
        *colour = u"#2e7d32"_s;
        return tr("live");
    case cell::ConnectionState::Reconnecting: {
        const qint64 s = qMax<qint64>(0, (QDateTime::currentDateTimeUtc().msecsTo(monitor.nextAttempt()) + 999) / 1000);
        *colour = u"#ef6c00"_s;
        return tr("reconnecting in %1 s — %2").arg(s).arg(monitor.connectionDetail());
    }
    case cell::ConnectionState::Failed:
        *colour = u"#c62828"_s;
        return tr("error — %1").arg(monitor.connectionDetail());
    }
    return {};
}

QString CellConnection::stateLine() const
{
    return m_state;
}

void CellConnection::updateLine()
{
    if (!m_session)
        return;
    const auto &ctx = m_session->client->context();
    const cell::CellMonitor &monitor = *m_session->monitor;
    QString colour;
    QString background;
    m_state = stateText(&colour, &background);
    // A server's message can be any length: the line shows its start, the tooltip all of it.
    const QString style = background.isEmpty() ? u"color:%1"_s.arg(colour)
                                               : u"color:%1; background-color:%2; font-weight:bold"_s.arg(colour, background);
    m_line->setText(tr("cluster %1 · namespace <b>%2</b> · <span style=\"%3\">&nbsp;● %4&nbsp;</span>")
                        .arg(fitForLabel(ctx.cluster.server.toString(), kLongUrl).toHtmlEscaped(), ctx.ns.toHtmlEscaped(), style,
                             fitForLabel(m_state, kLongState).toHtmlEscaped()));
    QString tip = monitor.connectionState() == cell::ConnectionState::Live && monitor.synced() && !monitor.cellFound()
        ? monitor.notFoundHint()
        : monitor.connectionDetail();
    if (monitor.contactLost())
        tip = m_state + (tip.isEmpty() ? QString() : u"\n"_s + tip);
    m_line->setToolTip(ctx.cluster.server.toString() + u"\n"_s + tip);
}

} // namespace eic::ui
