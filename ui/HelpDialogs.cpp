#include "HelpDialogs.h"

#include "kube/KubeClient.h"
#include "restore/RestorePlan.h"
#include "restore/RestoreRunner.h"
#include "stores/postgres/PgSession.h"
#include "stores/redis/RedisConnection.h"
#include "stores/redis/RedisInspection.h"
#include "util/Versions.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPointer>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace eic::ui {

AboutDialog::AboutDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("About eic-restore"));
    auto *layout = new QVBoxLayout(this);
    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(u":/eic/icons/eic-restore.svg"_s).pixmap(64, 64));
    layout->addWidget(icon, 0, Qt::AlignHCenter);
    m_text = new QLabel(this);
    m_text->setObjectName(u"aboutText"_s);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setWordWrap(true);
    layout->addWidget(m_text);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (const QString &server : {u"Kubernetes"_s, u"PostgreSQL"_s, u"Redis"_s})
        m_servers.insert(server, tr("asking…"));
    render();
}

void AboutDialog::setServer(const QString &what, const QString &version)
{
    m_servers.insert(what, version);
    render();
}

void AboutDialog::askCluster(kube::KubeClient *client)
{
    if (!client) {
        setServer(u"Kubernetes"_s, tr("no cell open"));
        return;
    }
    QPointer<AboutDialog> guard(this);
    client->serverVersion(this, [guard](const Result<QString> &v) {
        if (guard)
            guard->setServer(u"Kubernetes"_s, v ? *v : v.error().message);
    });
}

void AboutDialog::askStores(const restore::StoreAccess &stores)
{
    if (!stores.database) {
        setServer(u"PostgreSQL"_s, tr("no database in this profile"));
    } else {
        QPointer<AboutDialog> guard(this);
        auto *session = new stores::PgSession(this);
        session->open(*stores.database, [guard, session](const Result<bool> &opened) {
            if (guard)
                guard->setServer(u"PostgreSQL"_s, opened ? session->describeServer() : opened.error().message);
            session->deleteLater();
        });
    }
    if (!stores.datastore)
        setServer(u"Redis"_s, tr("no data store in this profile"));
    else
        askRedis(*stores.datastore);
}

void AboutDialog::askRedis(const stores::RedisOptions &options)
{
    QPointer<AboutDialog> guard(this);
    auto *connection = new stores::RedisConnection(this);
    connection->open(options, [guard, connection](const Result<bool> &opened) {
        if (!opened) {
            if (guard)
                guard->setServer(u"Redis"_s, opened.error().message);
            connection->deleteLater();
            return;
        }
        connection->command({"INFO", "server"}, [guard, connection](const Result<stores::RedisReply> &info) {
            if (guard) {
                const auto server = info ? stores::parseRedisInfo(info->str, 0) : stores::RedisInspection{};
                guard->setServer(u"Redis"_s, info ? u"%1 %2 at %3"_s.arg(server.product, server.version, connection->target())
                                                  : info.error().message);
            }
            connection->deleteLater();
        });
    });
}

QString AboutDialog::text() const
{
    return m_text->text();
}

void AboutDialog::render()
{
    QString libraries;
    for (const auto &[name, version] : libraryVersions())
        libraries += u"<tr><td>%1</td><td>%2</td></tr>"_s.arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    QString servers;
    for (auto it = m_servers.cbegin(); it != m_servers.cend(); ++it)
        servers += u"<tr><td>%1</td><td>%2</td></tr>"_s.arg(it.key().toHtmlEscaped(), it.value().toHtmlEscaped());
    m_text->setText(u"<h2>eic-restore %1</h2><p>%2</p><h4>%3</h4><table cellspacing=4>%4</table><h4>%5</h4><table cellspacing=4>%6</table>"_s.arg(
        QStringLiteral(EIC_VERSION),
        tr("Guided, crash-safe backup and restore of the PostgreSQL database and the Redis/Valkey data store of SAP Edge Integration Cell."),
        tr("Libraries"), libraries, tr("Servers of the current cell"), servers));
}

ProcedureDialog::ProcedureDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("The restore procedure"));
    resize(760, 640);
    auto *layout = new QVBoxLayout(this);
    m_browser = new QTextBrowser(this);
    m_browser->setObjectName(u"procedureText"_s);
    m_browser->setOpenExternalLinks(false);
    QString html;
    html += u"<h2>%1</h2><p>%2</p><ol>"_s.arg(
        tr("Restoring a store of an Edge Integration Cell"),
        tr("The cell keeps its state in two stores: a PostgreSQL database and a Redis or Valkey data store. The components "
           "that use a store must not run while it is restored, or they would write into a half-restored store and keep "
           "stale data in memory. The vendor's procedure, done by hand with kubectl, is:"));
    const QStringList vendor{
        tr("Write down the replica count of every deployment in the namespace edge-icell that uses the store."),
        tr("Scale those deployments to 0 and wait until none of their pods is left."),
        tr("Restore the store with the provider's tooling (a database backup or a point-in-time recovery; a data store "
           "snapshot), or point the cell at a new instance."),
        tr("Scale the deployments back to the counts written down, and wait until every rollout is complete."),
    };
    for (const QString &step : vendor)
        html += u"<li>%1</li>"_s.arg(step.toHtmlEscaped());
    html += u"</ol><h3>%1</h3><ul>"_s.arg(tr("What eic-restore adds"));
    const QStringList adds{
        tr("A plan first: which components stop, how many pods, what each caution means for this cell, and a pre-flight that "
           "checks permissions, dry-runs every scale on the server, checks the stores and the archive, and takes a lock so "
           "that two restores cannot overlap. Nothing changes until you acknowledge the cautions."),
        tr("The recorded counts are kept in a journal on this computer and as an annotation on each deployment, before "
           "anything is scaled. If eic-restore, the computer or the connection fails, the next start offers to finish the "
           "restore or to roll it back: no component is left at 0."),
        tr("All components stop at once and start at once; eic-restore waits until no pod and no session of theirs is left "
           "before the data step, and for every rollout afterwards."),
        tr("The store is verified after the data step (tables and row counts, keys and samples), and a report of the run "
           "(JSON, HTML, PDF) can go to your change board."),
        tr("A failure or a cancel rolls back: every component returns to its recorded count."),
    };
    for (const QString &item : adds)
        html += u"<li>%1</li>"_s.arg(item.toHtmlEscaped());
    html += u"</ul><h3>%1</h3><p>%2</p><dl>"_s.arg(
        tr("Cautions"),
        tr("A plan lists the cautions that apply, each with the numbers of your cell. In eicctl they are acknowledged with "
           "--accept and their id."));
    for (const restore::CautionGuide &g : restore::cautionGuide())
        html += u"<dt><b>%1</b> <code>%2</code></dt><dd>%3</dd>"_s.arg(g.title.toHtmlEscaped(), g.id, g.meaning.toHtmlEscaped());
    html += u"</dl><h3>%1</h3><p>%2</p>"_s.arg(
        tr("Modes of the data step"),
        tr("<b>External</b>: you restore with the provider's tooling while the components are stopped, then press Continue "
           "(or let a command's exit status decide). <b>Archive</b>: eic-restore restores a backup it took itself. "
           "<b>New instance</b>: a managed cloud store came back as a new instance; nothing is stopped and the profile's "
           "address is updated."));
    m_browser->setHtml(html);
    layout->addWidget(m_browser);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace eic::ui
