#pragma once

#include "Workspace.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;

namespace eic::cell {
class CellSession;
}

namespace eic::ui {

class SecretResolver;

// The row above the dashboard and the session behind it: which cell (a profile or a context of
// the kubeconfig), and how the connection to it is (live, reconnecting in N s, refused, no cell
// in this namespace). One session at a time: opening another drops the old one's watches.
class CellConnection : public QWidget {
    Q_OBJECT
public:
    // `nsOverride` replaces each context's namespace.
    CellConnection(const Workspace *workspace, SecretResolver *secrets, const QString &nsOverride, QWidget *parent = nullptr);
    ~CellConnection() override;

    // Connects to a context of the kubeconfig.
    bool switchContext(const QString &context);
    // Connects to the cell of a saved profile (its token from the keychain when it has one).
    void switchProfile(const QString &profileId);
    // Drops the session, and forgets which profile or context was open.
    void close();
    // The profile was deleted: it is no longer the open one.
    void forgetProfile(const QString &profileId);
    // The chooser again from the workspace's profiles and contexts (they changed).
    void rebuildChooser();

    cell::CellSession *session() const { return m_session.get(); }
    QString profileId() const { return m_profileId; }
    CellChoice choice() const;
    QString text() const;
    // The state part of the line in words ("live", "stale — no contact for 7 s").
    QString stateLine() const;
    // The chooser's entries (label, key) and the current key, as the restore wizard lists them.
    QList<QPair<QString, QStringList>> cells() const;
    QStringList currentCell() const;

Q_SIGNALS:
    // Before the session is dropped (views let go of its model), and once a new one runs.
    void sessionAboutToChange();
    void sessionChanged();

private:
    bool connectTo(const kube::ResolvedContext &context, const QString &profileId);
    void updateLine();
    QString stateText(QString *colour, QString *background) const;

    const Workspace *m_workspace;
    SecretResolver *m_secrets;
    QString m_nsOverride;
    QString m_profileId;
    std::unique_ptr<cell::CellSession> m_session;
    QComboBox *m_cells = nullptr;
    QLabel *m_line = nullptr;
    QString m_state;
    // "Reconnecting in N s" counts down, "no contact for N s" up.
    QTimer m_countdown;
};

} // namespace eic::ui
