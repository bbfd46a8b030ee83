#include "StoresPanel.h"

#include "BackupText.h"

#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QResizeEvent>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

using stores::StoreState;

constexpr qsizetype kLongText = 240;
constexpr qsizetype kLongTitle = 60;
constexpr int kGroupsShown = 5;

const auto kGreen = u"#2e7d32"_s;
const auto kRed = u"#c62828"_s;
const auto kAmber = u"#8a4b00"_s;
const auto kGrey = u"#616161"_s;

constexpr qsizetype kLongWord = 32;

QString elided(const QString &text, qsizetype max)
{
    return text.size() <= max ? text : text.left(max - 1) + u'…';
}

// A sentence ends with a full stop before the next one is added.
QString sentence(const QString &text)
{
    const QString t = text.trimmed();
    return t.isEmpty() || t.endsWith(u'.') || t.endsWith(u'!') || t.endsWith(u')') ? t : t + u'.';
}

// A line in a colour; the full text in the tooltip when it had to be cut.
void showLine(QLabel *label, const QString &text, const QString &colour = {}, bool bold = false)
{
    label->setText(fitForLabel(text, kLongText));
    label->setToolTip(text.size() > kLongText ? text : QString());
    label->setProperty("fullText", text);
    QString style;
    if (!colour.isEmpty())
        style += u"color:%1;"_s.arg(colour);
    if (bold)
        style += u"font-weight:bold;"_s;
    label->setStyleSheet(style.isEmpty() ? QString() : u"QLabel { %1 }"_s.arg(style));
}

QString dataSize(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

QString ageOf(qint64 seconds)
{
    if (seconds < 90)
        return StoreBox::tr("%1 s ago").arg(seconds);
    if (seconds < 5400)
        return StoreBox::tr("%1 min ago").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return StoreBox::tr("%1 h ago").arg(seconds / 3600);
    return StoreBox::tr("%1 days ago").arg(seconds / 86400);
}

QString sessionsText(const StoreState &s)
{
    if (!s.sessionsListed)
        return StoreBox::tr("not listed: the store does not let this user see its clients");
    if (s.sessions.isEmpty())
        return StoreBox::tr("none but ours");
    QStringList parts;
    for (qsizetype i = 0; i < s.sessions.size() && i < kGroupsShown; ++i) {
        const stores::ClientGroup &g = s.sessions.at(i);
        const QString name = g.name.isEmpty() ? StoreBox::tr("(no name)") : g.name;
        parts.append(StoreBox::tr("%1 ×%2 from %3").arg(name).arg(g.count).arg(g.hosts.join(u", "_s)));
    }
    if (s.sessions.size() > kGroupsShown)
        parts.append(StoreBox::tr("and %1 more names").arg(s.sessions.size() - kGroupsShown));
    return StoreBox::tr("%1 — %2").arg(s.sessionCount()).arg(parts.join(u"; "_s));
}

} // namespace

QString fitForLabel(const QString &text, qsizetype max)
{
    const QString cut = elided(text, max);
    QString out;
    out.reserve(cut.size() + cut.size() / kLongWord);
    qsizetype run = 0;
    for (const QChar c : cut) {
        run = c.isSpace() ? 0 : run + 1;
        if (run > kLongWord) {
            out += QChar(0x200B); // zero-width space: a place to break, invisible
            run = 1;
        }
        out += c;
    }
    return out;
}

StoreBox::StoreBox(const QString &title, QWidget *parent)
    : QGroupBox(title, parent)
    , m_title(title)
{
    // However long a server's message or an address, the box wraps it and never widens the window.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    setMinimumWidth(0);
    m_form = new QFormLayout(this);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    m_reach = addRow(tr("Status"), u"reach"_s);
    m_server = addRow(tr("Server"), u"server"_s);
    m_size = addRow(tr("Size"), u"size"_s);
    m_sessions = addRow(tr("Sessions"), u"sessions"_s);
    m_persistence = addRow(tr("Persistence"), u"persistence"_s);
    m_backup = addRow(tr("Last backup"), u"backup"_s);
    m_checkAgain = new QPushButton(tr("Check &again"), this);
    m_checkAgain->setObjectName(u"checkAgain"_s);
    m_checkAgain->setToolTip(tr("Ask the store now (after fixing its password in the profile)"));
    m_checkAgain->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Fixed);
    m_checkAgain->hide();
    connect(m_checkAgain, &QPushButton::clicked, this, [this] {
        if (m_status)
            m_status->refresh();
    });
    m_form->addRow(QString(), m_checkAgain);
    setStatus(nullptr, tr("No profile is open: its stores are shown here."));
}

QLabel *StoreBox::addRow(const QString &label, const QString &name)
{
    auto *value = new QLabel(this);
    value->setObjectName(name);
    value->setWordWrap(true);
    value->setMinimumWidth(0);
    QSizePolicy policy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    value->setSizePolicy(policy);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_form->addRow(label + u':', value);
    return value;
}

void StoreBox::setStatus(stores::StoreStatus *status, const QString &why)
{
    if (m_status)
        m_status->disconnect(this);
    m_status = status;
    if (status) {
        connect(status, &stores::StoreStatus::changed, this, &StoreBox::update);
        update();
        return;
    }
    setTitle(m_title);
    setToolTip({});
    showLine(m_reach, why, kGrey);
    showRows(false);
    m_checkAgain->hide();
    fitHeight();
}

void StoreBox::showRows(bool on)
{
    for (QLabel *l : {m_server, m_size, m_sessions, m_persistence, m_backup})
        m_form->setRowVisible(l, on);
}

void StoreBox::resizeEvent(QResizeEvent *event)
{
    QGroupBox::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        fitHeight();
}

void StoreBox::fitHeight()
{
    const int h = heightForWidth(width());
    if (h > 0 && h != minimumHeight())
        setMinimumHeight(h);
}

void StoreBox::update()
{
    showText();
    fitHeight();
}

void StoreBox::showText()
{
    const StoreState &s = m_status->state();
    showRows(true);
    setTitle(u"%1 — %2"_s.arg(m_title, elided(s.address, kLongTitle)));
    setToolTip(s.address.size() > kLongTitle ? s.address : QString());
    const QString checked = s.answeredAt.isValid() ? s.answeredAt.toLocalTime().toString(u"HH:mm:ss"_s) : QString();
    switch (s.reach) {
    case StoreState::Reach::NotYet:
        showLine(m_reach, tr("checking…"), kGrey);
        break;
    case StoreState::Reach::Reachable:
        showLine(m_reach, tr("● reachable — checked %1").arg(checked), kGreen, true);
        break;
    case StoreState::Reach::Unreachable: {
        QString text = tr("● unreachable — %1").arg(sentence(s.error));
        if (s.credentialsRefused)
            text += u' ' + tr("The saved password was refused: correct it in the profile, then Check again.");
        else if (!checked.isEmpty())
            text += u' ' + tr("(the figures below are from %1)").arg(checked);
        showLine(m_reach, text, kRed, true);
        break;
    }
    }
    if (s.paused)
        showLine(m_reach, tr("paused while a restore runs (no connection of ours in its way)"), kGrey);
    m_checkAgain->setVisible(s.reach == StoreState::Reach::Unreachable && !s.paused);
    const bool current = s.reach == StoreState::Reach::Reachable && !s.paused;
    for (QLabel *l : {m_server, m_size, m_sessions, m_persistence})
        l->setEnabled(current);
    if (!s.answeredAt.isValid()) {
        for (QLabel *l : {m_server, m_size, m_sessions, m_persistence})
            showLine(l, u"—"_s);
        showBackup(s);
        return;
    }
    QString role = s.role;
    if (s.loading)
        role = tr("%1, LOADING its data: not serving yet").arg(s.role);
    else
        role = s.acceptsWrites ? tr("%1, accepts writes").arg(s.role) : tr("%1, read-only").arg(s.role);
    showLine(m_server, u"%1 · %2"_s.arg(s.version, role), s.acceptsWrites || !current ? QString() : kAmber, !s.acceptsWrites && current);
    showLine(m_size, s.keys >= 0 ? tr("%1 in memory · %2 keys").arg(dataSize(s.bytes), QLocale().toString(s.keys)) : dataSize(s.bytes));
    showLine(m_sessions, sessionsText(s));
    if (s.aofEnabled) {
        const QString save = s.lastSaveAgeSeconds >= 0 ? tr("last RDB save %1").arg(ageOf(s.lastSaveAgeSeconds)) : tr("never saved a snapshot");
        showLine(m_persistence, *s.aofEnabled ? tr("AOF on · %1").arg(save) : tr("AOF off (snapshots only) · %1").arg(save));
        m_persistence->setToolTip(*s.aofEnabled ? QString()
                                                : tr("Without AOF only a snapshot can be restored: whatever was written after it is lost."));
    } else {
        const bool archiving = s.walArchiving == "on"_L1 || s.walArchiving == "always"_L1;
        showLine(m_persistence, archiving ? tr("WAL archiving on") : tr("WAL archiving off (no point-in-time recovery)"));
    }
    showBackup(s);
}

void StoreBox::showBackup(const StoreState &s)
{
    const stores::LastBackup &b = s.backup;
    if (!b.folderSet)
        return showLine(m_backup, tr("the profile names no backup folder"), kAmber, true);
    if (!b.entry)
        return showLine(m_backup, tr("none yet in the profile's backup folder"), kRed, true);
    const QString when = tr("%1 (%2 ago), %3").arg(b.entry->created.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s), backupAge(*b.entry),
                                                  backupSize(*b.entry));
    switch (b.verdict.outcome) {
    case stores::BackupVerdict::Outcome::Passed:
        return showLine(m_backup, tr("%1 · verified%2").arg(when, b.verdict.sentence.isEmpty() ? QString() : u" ("_s + b.verdict.sentence + u')'),
                    kGreen);
    case stores::BackupVerdict::Outcome::Failed:
        return showLine(m_backup, tr("%1 · FAILED verification: %2").arg(when, b.verdict.sentence), kRed, true);
    case stores::BackupVerdict::Outcome::NotChecked:
        showLine(m_backup, tr("%1 · not verified yet").arg(when), kAmber);
        m_backup->setToolTip(tr("Nobody has verified this backup: Restore → Backups… reads it through."));
        return;
    }
}

QString StoreBox::reachText() const
{
    return m_reach->property("fullText").toString();
}

QString StoreBox::text() const
{
    QStringList lines{title()};
    for (const QLabel *l : {m_reach, m_server, m_size, m_sessions, m_persistence, m_backup})
        if (l->isVisibleTo(this))
            lines.append(l->property("fullText").toString());
    return lines.join(u'\n');
}

// ---------------------------------------------------------------------------------------------

StoresPanel::StoresPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_database = new StoreBox(tr("Database"), this);
    m_database->setObjectName(u"databasePanel"_s);
    m_datastore = new StoreBox(tr("Data store"), this);
    m_datastore->setObjectName(u"datastorePanel"_s);
    layout->addWidget(m_database, 1);
    layout->addWidget(m_datastore, 1);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

StoresPanel::~StoresPanel()
{
    // The boxes let go of the statuses before these go.
    m_database->setStatus(nullptr);
    m_datastore->setStatus(nullptr);
}

void StoresPanel::adopt(stores::StoreStatus *status)
{
    status->setPauseWhile(m_pause);
    if (m_lookup)
        status->setVerificationLookup(m_lookup);
    status->start();
}

void StoresPanel::setStores(const restore::StoreAccess &stores, const QString &backupFolder)
{
    clear({});
    if (stores.database) {
        m_databaseStatus = stores::StoreStatus::database(*stores.database, backupFolder);
        adopt(m_databaseStatus.get());
        m_database->setStatus(m_databaseStatus.get());
    } else {
        m_database->setStatus(nullptr, tr("The profile names no database."));
    }
    if (stores.datastore) {
        m_datastoreStatus = stores::StoreStatus::datastore(*stores.datastore, backupFolder);
        adopt(m_datastoreStatus.get());
        m_datastore->setStatus(m_datastoreStatus.get());
    } else {
        m_datastore->setStatus(nullptr, tr("The profile names no data store."));
    }
}

void StoresPanel::clear(const QString &why)
{
    m_database->setStatus(nullptr, why);
    m_datastore->setStatus(nullptr, why);
    m_databaseStatus.reset();
    m_datastoreStatus.reset();
}

void StoresPanel::setPauseWhile(std::function<bool()> pause)
{
    m_pause = std::move(pause);
    for (stores::StoreStatus *s : {m_databaseStatus.get(), m_datastoreStatus.get()})
        if (s)
            s->setPauseWhile(m_pause);
}

void StoresPanel::setVerificationLookup(stores::StoreStatus::VerificationLookup lookup)
{
    m_lookup = std::move(lookup);
    for (stores::StoreStatus *s : {m_databaseStatus.get(), m_datastoreStatus.get()})
        if (s)
            s->setVerificationLookup(m_lookup);
}

} // namespace eic::ui
