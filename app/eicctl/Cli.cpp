#include "Cli.h"

#include "kube/KubeClient.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::cli {

std::function<void()> &interruptHandler()
{
    static std::function<void()> handler;
    return handler;
}

KeepGoingOnHangup::KeepGoingOnHangup()
    : m_hangup(std::signal(SIGHUP, SIG_IGN))
    , m_pipe(std::signal(SIGPIPE, SIG_IGN))
{
}

KeepGoingOnHangup::~KeepGoingOnHangup()
{
    std::signal(SIGHUP, m_hangup);
    std::signal(SIGPIPE, m_pipe);
}

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int usage(const QString &message)
{
    err() << "eicctl: " << message << "\nSee eicctl --help.\n";
    err().flush();
    return Usage;
}

int failed(const QString &message)
{
    err() << "eicctl: " << message << "\n";
    err().flush();
    return Failed;
}

std::optional<QString> promptSecret(const QString &question)
{
    if (!isatty(STDIN_FILENO))
        return std::nullopt;
    err() << question;
    err().flush();
    termios old{};
    tcgetattr(STDIN_FILENO, &old);
    termios noEcho = old;
    noEcho.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &noEcho);
    char buffer[4096];
    const char *line = std::fgets(buffer, sizeof buffer, stdin);
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    err() << "\n";
    err().flush();
    QString answer = line ? QString::fromUtf8(line) : QString();
    while (answer.endsWith(u'\n') || answer.endsWith(u'\r'))
        answer.chop(1);
    std::memset(buffer, 0, sizeof buffer);
    return answer;
}

Result<QString> secretFor(const profiles::Profile &profile, profiles::SecretKind kind, const char *envVariable)
{
    profiles::KeychainSecretStore store;
    std::optional<Result<QString>> answer;
    QEventLoop loop;
    store.read(profiles::secretKey(profile.id, kind), &loop, [&](const Result<QString> &r) {
        answer = r;
        loop.quit();
    });
    if (!answer)
        loop.exec();
    if (*answer)
        return *answer;
    // The environment wins over a prompt, as libpq and redis-cli do.
    if (envVariable && qEnvironmentVariableIsSet(envVariable))
        return qEnvironmentVariable(envVariable);
    if (answer->error().code == profiles::SecretStore::NotFound)
        return Error{u"No %1 is stored for profile \"%2\"%3."_s.arg(profiles::secretLabel(kind), profile.name,
                                                                    envVariable ? u" (and %1 is not set)"_s.arg(QString::fromLatin1(envVariable)) : QString()),
                     {}, profiles::SecretStore::NotFound};
    err() << "eicctl: " << answer->error().message << "\n";
    if (auto typed = promptSecret(u"%1 for profile \"%2\" (this session only): "_s.arg(profiles::secretLabel(kind), profile.name)))
        return *typed;
    return Error{u"%1 Set %2 to give the %3 without a keychain."_s.arg(answer->error().message, QString::fromLatin1(envVariable ? envVariable : "it"),
                                                                     profiles::secretLabel(kind)),
                 {}, profiles::SecretStore::Unavailable};
}

Result<kube::ResolvedContext> cellContext(const Options &options)
{
    kube::ResolvedContext ctx;
    if (!options.profile.isEmpty()) {
        profiles::ProfileStore store;
        if (auto loaded = store.load(); !loaded)
            return loaded.error();
        const profiles::Profile *p = store.find(options.profile);
        if (!p)
            return Error{u"There is no profile \"%1\" (see eicctl profile list)."_s.arg(options.profile), {}, 0};
        QString token;
        if (p->cell.mode == profiles::CellConnection::Mode::Manual) {
            auto secret = secretFor(*p, profiles::SecretKind::CellToken, nullptr);
            if (!secret)
                return secret.error();
            token = *secret;
        }
        auto resolved = profiles::ConnectionTester::cellContext(*p, token);
        if (!resolved)
            return resolved.error();
        ctx = *resolved;
    } else {
        const QStringList files = options.kubeconfig.isEmpty() ? kube::KubeConfig::defaultFiles() : QStringList{options.kubeconfig};
        auto config = kube::KubeConfig::load(files);
        if (!config)
            return config.error();
        auto resolved = config->resolve(options.context);
        if (!resolved)
            return resolved.error();
        ctx = *resolved;
    }
    if (!options.ns.isEmpty())
        ctx.ns = options.ns;
    if (!kube::isDnsLabel(ctx.ns))
        return Error{u"\"%1\" is not a valid namespace name (a DNS-1123 label)."_s.arg(ctx.ns), {}, 0};
    return ctx;
}

} // namespace eic::cli
