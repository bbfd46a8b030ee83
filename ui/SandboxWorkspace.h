#pragma once

#include "Workspace.h"

#include <QByteArray>
#include <QObject>

#include <memory>
#include <optional>

class QWidget;

namespace eic::sandbox {
class Sandbox;
}
namespace eic::profiles {
class MemorySecretStore;
}

namespace eic::ui {

// One sandbox run as the window sees it: the sandbox, then (once it is ready) its one profile
// with the passwords in memory, in place of the user's workspace. What it replaced comes back
// from leave(); dropping this object stops the sandbox and removes everything.
class SandboxWorkspace : public QObject {
    Q_OBJECT
public:
    explicit SandboxWorkspace(QObject *parent = nullptr);
    ~SandboxWorkspace() override;

    sandbox::Sandbox *sandbox() const { return m_sandbox.get(); }
    bool entered() const { return m_entered; }
    // Puts the sandbox's profiles and secrets into `live` and the restore runs (and their
    // reports) into the sandbox's directory; keeps what was there and `open`. Returns the id of
    // the sandbox's profile.
    QString enter(Workspace &live, const CellChoice &open);
    // Puts back what enter() took; returns what was open before.
    CellChoice leave(Workspace &live);
    // Before a stop (or a quit): when the sandbox holds backups, runs or reports, asks whether to
    // keep a copy (in the documents folder, outside any temporary HOME), remove them, or not stop.
    // Returns whether the stop may go on.
    bool confirmStop(QWidget *parent);
    QString keptIn() const { return m_keptIn; }

private:
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    std::unique_ptr<profiles::ProfileStore> m_profiles;
    std::unique_ptr<profiles::MemorySecretStore> m_secrets;
    bool m_entered = false;
    Workspace m_saved;
    CellChoice m_savedChoice;
    std::optional<QByteArray> m_savedRunsDir;
    QString m_keptIn; // where confirmStop() copied the keepsakes; empty: nowhere
};

} // namespace eic::ui
