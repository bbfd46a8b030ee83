#pragma once

#include "kube/KubeConfig.h"

#include <QString>

#include <optional>

namespace eic::profiles {
class ProfileStore;
class SecretStore;
}

namespace eic::ui {

// Where the window's cells, profiles and secrets come from: the user's own or, while the
// sandbox runs, the sandbox's. The window's parts read it through a pointer, so the sandbox
// swaps it in one place (SandboxWorkspace) and none of them keeps a stale store.
struct Workspace {
    std::optional<kube::KubeConfig> config;
    profiles::ProfileStore *profiles = nullptr;
    profiles::SecretStore *secrets = nullptr;
    bool sandbox = false; // the sandbox's: every restore page and report says SANDBOX
};

// What is open: a saved profile, else a context of the kubeconfig; both empty: nothing.
struct CellChoice {
    QString profileId;
    QString context;
};

} // namespace eic::ui
