#include "QuitSignals.h"

#include "log/Logging.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::ui {

namespace {

int s_fds[2] = {-1, -1};
constexpr int kSignals[] = {SIGTERM, SIGINT, SIGHUP};

void onSignal(int signo)
{
    const int saved = errno;
    const char byte = static_cast<char>(signo);
    // A full socket only loses a repeat of a signal already on its way.
    [[maybe_unused]] const ssize_t n = ::write(s_fds[0], &byte, 1);
    errno = saved;
}

} // namespace

QuitSignals::QuitSignals(QObject *parent)
    : QObject(parent)
{
    if (s_fds[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, s_fds) != 0) {
        spdlog::error("cannot catch SIGTERM: {}", std::strerror(errno));
        return;
    }
    m_notifier = new QSocketNotifier(s_fds[1], QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &QuitSignals::read);
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    for (int signo : kSignals)
        ::sigaction(signo, &sa, nullptr);
}

QuitSignals::~QuitSignals()
{
    if (!m_notifier)
        return;
    // Back to the defaults: a signal after this object is gone ends the process as usual.
    for (int signo : kSignals)
        ::signal(signo, SIG_DFL);
    ::close(s_fds[0]);
    ::close(s_fds[1]);
    s_fds[0] = s_fds[1] = -1;
}

QString QuitSignals::nameOf(int signo)
{
    switch (signo) {
    case SIGTERM:
        return u"SIGTERM"_s;
    case SIGINT:
        return u"SIGINT"_s;
    case SIGHUP:
        return u"SIGHUP"_s;
    default:
        return u"signal %1"_s.arg(signo);
    }
}

void QuitSignals::read()
{
    char bytes[16];
    ssize_t n = 0;
    while ((n = ::read(s_fds[1], bytes, sizeof bytes)) > 0)
        for (ssize_t i = 0; i < n; ++i)
            Q_EMIT received(bytes[i]);
}

} // namespace eic::ui
