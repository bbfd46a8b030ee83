#include "SandboxWorkspace.h"

#include "FileDialog.h"
#include "MessageBox.h"
#include "sandbox/SandboxDirectory.h"

#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "sandbox/Sandbox.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {
constexpr const char *kRunsDir = "EIC_RESTORE_RUNS_DIR";
}

SandboxWorkspace::SandboxWorkspace(QObject *parent)
    : QObject(parent)
    , m_sandbox(std::make_unique<sandbox::Sandbox>())
{
}

SandboxWorkspace::~SandboxWorkspace()
{
    // A stop nobody was asked about (a signal, the session's end): the log says what went.
    const sandbox::Keepsakes left = sandbox::SandboxDirectory::keepsakes(m_sandbox->info().dir);
    if (!left.isEmpty() && m_keptIn.isEmpty())
        spdlog::warn("sandbox: removing {} backup file(s), {} run file(s) and {} report(s) with {}", left.backups.size(), left.runs.size(),
                     left.reports.size(), m_sandbox->info().dir.toStdString());
    m_sandbox->stop();
}

bool SandboxWorkspace::confirmStop(QWidget *parent)
{
    const QString dir = m_sandbox->info().dir;
    const sandbox::Keepsakes held = sandbox::SandboxDirectory::keepsakes(dir);
    if (held.isEmpty() || !m_keptIn.isEmpty())
        return true;
    const QString dest = QDir(FileDialog::documentsFolder()).filePath(u"eic-restore-sandbox-%1"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
    const QString text = tr("The sandbox in %1 holds what you made in it:\n  backup files: %2\n  files of restore runs (journals, reports): %3\n  reports saved there: %4\n"
                            "Stopping the sandbox removes them.\n\nKeep a copy in %5?")
                             .arg(dir).arg(held.backups.size()).arg(held.runs.size()).arg(held.reports.size()).arg(dest);
    const auto answer = MessageBox::choose(parent, tr("Stop the sandbox"), text,
                                           {{QMessageBox::Save, tr("Keep a copy and stop")}, {QMessageBox::Discard, tr("Remove them and stop")},
                                            {QMessageBox::Cancel, tr("Cancel")}});
    if (answer == QMessageBox::Discard)
        return true;
    if (answer != QMessageBox::Save)
        return false;
    auto kept = sandbox::SandboxDirectory::keep(dir, dest);
    if (!kept) {
        MessageBox::warning(parent, tr("Stop the sandbox"), kept.error().message + u"\n\n"_s + tr("The sandbox keeps running."));
        return false;
    }
    m_keptIn = *kept;
    MessageBox::information(parent, tr("Stop the sandbox"), tr("The sandbox's backups, runs and reports are kept in %1.").arg(m_keptIn));
    return true;
}

QString SandboxWorkspace::enter(Workspace &live, const CellChoice &open)
{
    const sandbox::SandboxInfo &info = m_sandbox->info();
    m_savedChoice = open;
    m_savedRunsDir = qEnvironmentVariableIsSet(kRunsDir) ? std::optional(qgetenv(kRunsDir)) : std::nullopt;
    // Rehearsal runs and their reports stay in the sandbox, away from the real journal.
    qputenv(kRunsDir, QFile::encodeName(info.runsDir()));
    m_profiles = std::make_unique<profiles::ProfileStore>(info.dir + u"/profiles.json"_s);
    m_secrets = std::make_unique<profiles::MemorySecretStore>();
    const profiles::Profile profile = info.profile();
    if (auto added = m_profiles->add(profile); !added)
        spdlog::error("sandbox profile: {}", added.error().toString().toStdString());
    auto ignore = [](const Result<bool> &) {};
    m_secrets->write(profiles::secretKey(profile.id, profiles::SecretKind::DatabasePassword), info.pgPassword, this, ignore);
    m_secrets->write(profiles::secretKey(profile.id, profiles::SecretKind::DatastorePassword), info.redisPassword, this, ignore);
    m_saved = std::exchange(live, Workspace{std::nullopt, m_profiles.get(), m_secrets.get(), true});
    m_entered = true;
    return profile.id;
}

CellChoice SandboxWorkspace::leave(Workspace &live)
{
    if (!m_entered)
        return {};
    live = std::exchange(m_saved, Workspace{});
    if (m_savedRunsDir)
        qputenv(kRunsDir, *m_savedRunsDir);
    else
        qunsetenv(kRunsDir);
    m_entered = false;
    return m_savedChoice;
}

} // namespace eic::ui
