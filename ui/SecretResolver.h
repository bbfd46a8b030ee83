#pragma once

#include "profiles/Profile.h"
#include "restore/RestoreRunner.h"

#include <QObject>

#include <functional>

class QWidget;

namespace eic::profiles {
class MemorySecretStore;
}

namespace eic::ui {

struct Workspace;

// The secrets the window needs, keychain first. Without a keychain a secret is asked for (or
// kept) for this session only and the user is told once (Nextcloud's way); nothing insecure
// is written anywhere.
class SecretResolver : public QObject {
    Q_OBJECT
public:
    using StoresCallback = std::function<void(const profiles::Profile *, const restore::StoreAccess &)>;

    // `window` parents the dialogs that ask and warn.
    SecretResolver(const Workspace *workspace, QWidget *window);

    // The cell token of `profile`: this session's, else the keychain's; when the keychain is
    // unavailable, asked for. `then` is not called when the user cancels.
    void cellToken(const profiles::Profile &profile, std::function<void(const QString &)> then);
    // The stores of the profile `profileId` with their passwords (nullptr, {}: no such profile).
    void storeAccess(const QString &profileId, StoresCallback then);
    // Saves the secrets typed in the profile editor: for this session at once (the profile opens
    // with them), then in the keychain one after the other; without a keychain, the user is told
    // once per session and they stay for this session only.
    void keep(const QString &profileId, const QList<QPair<profiles::SecretKind, QString>> &secrets);

private:
    // This session's secret, else the keychain's (not asked again once it is known missing).
    void secret(const QString &key, bool sayIfMissing, std::function<void(const Result<QString> &)> then);
    void keepNext(const QString &profileId, QList<QPair<profiles::SecretKind, QString>> rest);
    // Without a keychain: said once per session, with what to do.
    void keychainMissing(const Error &why);

    const Workspace *m_workspace;
    QWidget *m_window;
    profiles::MemorySecretStore *m_session;
    bool m_keychainMissing = false; // known for this session: the keychain is not asked again
    bool m_told = false;            // and the user was told
};

} // namespace eic::ui
