#include "SandboxWorkspace.h"

#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"
#include "sandbox/Sandbox.h"

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
    m_sandbox->stop();
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
