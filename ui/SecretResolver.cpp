#include "SecretResolver.h"

#include "MessageBox.h"
#include "Workspace.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QInputDialog>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace eic::ui {

SecretResolver::SecretResolver(const Workspace *workspace, QWidget *window)
    : QObject(window)
    , m_workspace(workspace)
    , m_window(window)
    , m_session(new profiles::MemorySecretStore(this))
{
}

void SecretResolver::cellToken(const profiles::Profile &profile, std::function<void(const QString &)> then)
{
    const QString key = profiles::secretKey(profile.id, profiles::SecretKind::CellToken);
    m_session->read(key, this, [this, key, then](const Result<QString> &session) {
        if (session) {
            then(*session);
            return;
        }
        m_workspace->secrets->read(key, this, [this, key, then](const Result<QString> &stored) {
            if (stored || stored.error().code != profiles::SecretStore::Unavailable) {
                then(stored ? *stored : QString());
                return;
            }
            // No keychain now: say so in one sentence and ask for this session only.
            bool ok = false;
            const QString token = QInputDialog::getText(m_window, tr("Cell token"),
                                                        stored.error().message + u"\n\n"_s + tr("Token for this session only:"),
                                                        QLineEdit::Password, {}, &ok);
            if (!ok)
                return;
            m_session->write(key, token, this, [](const Result<bool> &) {});
            then(token);
        });
    });
}

void SecretResolver::storeAccess(const QString &profileId, StoresCallback then)
{
    const Workspace &w = *m_workspace;
    const profiles::Profile *p = w.profiles && !profileId.isEmpty() ? w.profiles->find(profileId) : nullptr;
    if (!p || !w.secrets)
        return then(nullptr, {});
    const profiles::Profile profile = *p;
    profiles::SecretStore *secrets = w.secrets;
    secrets->read(profiles::secretKey(profile.id, profiles::SecretKind::DatabasePassword), this,
                  [this, secrets, profile, then](const Result<QString> &dbPassword) {
        secrets->read(profiles::secretKey(profile.id, profiles::SecretKind::DatastorePassword), this,
                      [profile, then, dbPassword](const Result<QString> &dsPassword) {
            restore::StoreAccess stores;
            if (!profile.database.host.isEmpty() || !profile.database.service.isEmpty())
                stores.database = profiles::ConnectionTester::databaseOptions(profile, dbPassword ? *dbPassword : QString());
            if (!profile.datastore.hosts.isEmpty())
                if (auto ds = profiles::ConnectionTester::datastoreOptions(profile, dsPassword ? *dsPassword : QString()))
                    stores.datastore = *ds;
            then(&profile, stores);
        });
    });
}

void SecretResolver::keep(const QString &profileId, profiles::SecretKind kind, const QString &secret)
{
    const QString key = profiles::secretKey(profileId, kind);
    m_workspace->secrets->write(key, secret, this, [this, key, secret, kind](const Result<bool> &written) {
        if (written)
            return;
        // No keychain: keep it for this session only, and say so once.
        m_session->write(key, secret, this, [](const Result<bool> &) {});
        MessageBox::warning(m_window, tr("Secret kept for this session only"),
                            tr("The %1 could not be saved: %2").arg(profiles::secretLabel(kind), written.error().message));
    });
}

} // namespace eic::ui
