#pragma once

#include "profiles/Profile.h"

#include <QObject>

class QMenu;
class QWidget;

namespace eic::ui {

class CellConnection;
class ProfileEditor;
class SecretResolver;
struct Workspace;

// The Profiles menu: new, edit, duplicate, delete (with their secrets in the keychain), a
// profile from a context, export without secrets, import. Editors open window-modal on
// `window` and save when accepted.
class ProfileActions : public QObject {
    Q_OBJECT
public:
    ProfileActions(const Workspace *workspace, SecretResolver *secrets, const CellConnection *cell, QWidget *window);

    // The menu's entries; edit, duplicate and delete act on the open profile.
    void addTo(QMenu *menu);

    ProfileEditor *newProfile();
    ProfileEditor *editProfile(const QString &profileId);
    // A new profile for a context of the kubeconfig (its namespace from the kubeconfig).
    ProfileEditor *newFromContext(const QString &context);
    bool duplicateProfile(const QString &profileId);
    bool deleteProfile(const QString &profileId);
    void exportProfiles();
    void importProfiles();

Q_SIGNALS:
    // The list of profiles changed (the cell chooser follows).
    void profilesChanged();
    // An editor saved this profile: the window opens it.
    void profileSaved(const QString &profileId);
    void profileDeleted(const QString &profileId);

private:
    ProfileEditor *openEditor(const profiles::Profile &profile, bool isNew);
    ProfileEditor *newFromSession();
    void saveFromEditor(ProfileEditor *editor, bool isNew);

    const Workspace *m_workspace;
    SecretResolver *m_secrets;
    const CellConnection *m_cell;
    QWidget *m_window;
};

} // namespace eic::ui
