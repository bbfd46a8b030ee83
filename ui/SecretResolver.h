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
    // Saves a secret typed in the profile editor.
    void keep(const QString &profileId, profiles::SecretKind kind, const QString &secret);

private:
    const Workspace *m_workspace;
    QWidget *m_window;
    profiles::MemorySecretStore *m_session;
};

} // namespace eic::ui
