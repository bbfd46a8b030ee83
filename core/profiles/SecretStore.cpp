#include "SecretStore.h"

#include "Profile.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusError>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QFileInfo>
#include <QPointer>
#include <QStandardPaths>
#include <QRegularExpression>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace eic::profiles {

void MemorySecretStore::read(const QString &key, QObject *receiver, ReadCallback callback)
{
    QPointer<QObject> guard(receiver);
    const auto it = m_secrets.constFind(key);
    const Result<QString> result = it == m_secrets.cend() ? Result<QString>(Error{tr("No secret is stored for this connection."), key, NotFound})
                                                          : Result<QString>(*it);
    // Asynchronous like the keychain, so callers cannot come to rely on an immediate answer.
    QTimer::singleShot(0, this, [guard, callback, result] {
        if (guard)
            callback(result);
    });
}

void MemorySecretStore::write(const QString &key, const QString &secret, QObject *receiver, DoneCallback callback)
{
    m_secrets.insert(key, secret);
    QPointer<QObject> guard(receiver);
    QTimer::singleShot(0, this, [guard, callback] {
        if (guard)
            callback(true);
    });
}

void MemorySecretStore::remove(const QString &key, QObject *receiver, DoneCallback callback)
{
    m_secrets.remove(key);
    QPointer<QObject> guard(receiver);
    QTimer::singleShot(0, this, [guard, callback] {
        if (guard)
            callback(true);
    });
}

namespace {

// What preventBusAutolaunch() sets: an address where no bus is, so nothing starts one.
constexpr const char *kNoBus = "unix:path=/nonexistent/eic-restore-no-session-bus";
// The keychains QtKeychain talks to on Linux (libsecret's Secret Service, or KWallet).
const QStringList kKeychainNames{u"org.freedesktop.secrets"_s, u"org.kde.kwalletd6"_s, u"org.kde.kwalletd5"_s, u"org.kde.kwalletd"_s};

bool sessionBusConfigured()
{
    // libdbus's own lookup: the variable, else the user bus of a systemd session.
    return !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") || QFileInfo::exists(qEnvironmentVariable("XDG_RUNTIME_DIR") + u"/bus"_s);
}

Error noKeychain(const QString &why, const QString &detail)
{
    const QString hint = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s).isEmpty()
        ? QCoreApplication::translate("SecretStore", "To keep passwords, install gnome-keyring (or use KWallet) and log in to a desktop session.")
        : QCoreApplication::translate("SecretStore", "To keep passwords, start and unlock gnome-keyring (a desktop login does), then start the program again.");
    return {QCoreApplication::translate("SecretStore", "No keychain is available (%1). %2 Until then, passwords you enter are kept for this session only.").arg(why, hint),
            detail, SecretStore::Unavailable};
}

} // namespace

KeychainSecretStore::KeychainSecretStore(int timeoutMs, QObject *parent)
    : SecretStore(parent)
    , m_timeoutMs(timeoutMs)
{
    preventBusAutolaunch();
}

void KeychainSecretStore::preventBusAutolaunch()
{
    if (!sessionBusConfigured())
        qputenv("DBUS_SESSION_BUS_ADDRESS", kNoBus);
}

void KeychainSecretStore::whenAvailable(std::function<void()> job, std::function<void(const Error &)> unavailable)
{
    switch (m_state) {
    case State::Available:
        job();
        return;
    case State::Unavailable:
        // Asynchronous like a job, so callers cannot come to rely on an immediate answer.
        QTimer::singleShot(0, this, [unavailable, why = m_unavailable] { unavailable(why); });
        return;
    case State::Unknown:
        m_state = State::Probing;
        QTimer::singleShot(0, this, &KeychainSecretStore::probe);
        [[fallthrough]];
    case State::Probing:
        m_waiting.append({std::move(job), std::move(unavailable)});
        return;
    }
}

void KeychainSecretStore::probe()
{
    if (qgetenv("DBUS_SESSION_BUS_ADDRESS") == kNoBus || !sessionBusConfigured())
        return settle(State::Unavailable, noKeychain(QCoreApplication::translate("SecretStore", "there is no D-Bus session bus"), u"there is no D-Bus session bus"_s));
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return settle(State::Unavailable, noKeychain(QCoreApplication::translate("SecretStore", "the D-Bus session bus cannot be reached"), bus.lastError().message()));
    // A keychain that runs already. One that D-Bus would start (activation) only in a desktop
    // session, whose keyring asks to be unlocked once: in a bare session (Xvfb, ssh) activation
    // leaves a daemon behind and, without a login keyring, prompts for every job.
    auto names = [this, bus](const QString &method, std::function<void(const QStringList &)> then) {
        const auto msg = QDBusMessage::createMethodCall(u"org.freedesktop.DBus"_s, u"/org/freedesktop/DBus"_s, u"org.freedesktop.DBus"_s, method);
        auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(msg, m_timeoutMs), this);
        connect(watcher, &QDBusPendingCallWatcher::finished, this, [this, then](QDBusPendingCallWatcher *w) {
            w->deleteLater();
            const QDBusPendingReply<QStringList> reply = *w;
            if (reply.isError())
                return settle(State::Unavailable, noKeychain(QCoreApplication::translate("SecretStore", "the D-Bus session bus does not answer"), reply.error().message()));
            then(reply.value());
        });
    };
    auto anyKeychain = [](const QStringList &list) {
        return std::any_of(kKeychainNames.cbegin(), kKeychainNames.cend(), [&list](const QString &n) { return list.contains(n); });
    };
    const Error none = noKeychain(QCoreApplication::translate("SecretStore", "no Secret Service such as gnome-keyring or KWallet runs on the D-Bus session bus"),
                                  u"no Secret Service such as gnome-keyring or KWallet runs on the D-Bus session bus"_s);
    names(u"ListNames"_s, [this, names, anyKeychain, none](const QStringList &running) {
        if (anyKeychain(running))
            return settle(State::Available);
        if (qEnvironmentVariableIsEmpty("XDG_CURRENT_DESKTOP"))
            return settle(State::Unavailable, none);
        names(u"ListActivatableNames"_s, [this, anyKeychain, none](const QStringList &activatable) {
            anyKeychain(activatable) ? settle(State::Available) : settle(State::Unavailable, none);
        });
    });
}

void KeychainSecretStore::settle(State state, const Error &why)
{
    m_state = state;
    m_unavailable = why;
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &[job, unavailable] : waiting) {
        if (state == State::Available)
            job();
        else
            unavailable(why);
    }
}

void KeychainSecretStore::noteFailure(const Error &error)
{
    // A keychain that timed out or refused once is not asked again: no stack of prompts.
    if (error.code == Unavailable && m_state == State::Available) {
        m_state = State::Unavailable;
        m_unavailable = error;
    }
}

namespace {

// Runs one QtKeychain job with a deadline: without a Secret Service on the session bus a job
// may never finish (seen on this machine kind), so the timeout answers instead.
template <typename Job, typename OnFinished>
void runJob(Job *job, int timeoutMs, QObject *context, OnFinished onFinished, std::function<void(const Error &)> onTimeout)
{
    auto done = std::make_shared<bool>(false);
    QObject::connect(job, &QKeychain::Job::finished, context, [done, job, onFinished] {
        if (std::exchange(*done, true))
            return;
        onFinished(job);
    });
    QTimer::singleShot(timeoutMs, context, [done, timeoutMs, onTimeout] {
        if (std::exchange(*done, true))
            return;
        onTimeout(Error{QCoreApplication::translate("SecretStore",
                                                    "No keychain answered within %1 s (is a Secret Service such as gnome-keyring running and unlocked?). "
                                                    "The secret is asked for this session only.")
                            .arg(timeoutMs / 1000),
                        u"QtKeychain job timed out"_s, SecretStore::Unavailable});
    });
    job->setAutoDelete(true);
    job->start();
}

Error keychainError(QKeychain::Job *job)
{
    if (job->error() == QKeychain::EntryNotFound)
        return {QCoreApplication::translate("SecretStore", "No secret is stored for this connection."), job->key(), SecretStore::NotFound};
    // Whatever else failed (no D-Bus session, no Secret Service, a locked or refused keyring),
    // for the user it means the same: no keychain now; ask for the secret for this session.
    return {QCoreApplication::translate("SecretStore", "The OS keychain is not available (%1). The secret is asked for this session only.")
                .arg(job->errorString().trimmed().remove(QRegularExpression(u"\\.$"_s))),
            job->errorString(), SecretStore::Unavailable};
}

} // namespace

namespace {

// One job, one answer: `onSuccess` turns a finished job into the value; errors and the timeout
// become the Error; nothing is delivered once the receiver is gone.
template <typename T, typename Job>
void answer(Job *job, const QString &key, int timeoutMs, QObject *context, QObject *receiver, std::function<void(const Result<T> &)> callback,
            std::function<Result<T>(QKeychain::Job *)> onSuccess)
{
    job->setInsecureFallback(false); // no plain-text fallback, ever
    job->setKey(key);
    QPointer<QObject> guard(receiver);
    runJob(job, timeoutMs, context,
           [guard, callback, onSuccess](QKeychain::Job *j) {
               if (guard)
                   callback(j->error() == QKeychain::NoError ? onSuccess(j) : Result<T>(keychainError(j)));
           },
           [guard, callback](const Error &e) {
               if (guard)
                   callback(e);
           });
}

} // namespace

void KeychainSecretStore::read(const QString &key, QObject *receiver, ReadCallback callback)
{
    QPointer<QObject> guard(receiver);
    auto noted = [this, callback](const Result<QString> &r) {
        if (!r)
            noteFailure(r.error());
        callback(r);
    };
    whenAvailable([this, key, guard, noted] {
        if (guard)
            answer<QString>(new QKeychain::ReadPasswordJob(QString::fromLatin1(kService)), key, m_timeoutMs, this, guard, noted,
                            [](QKeychain::Job *j) { return Result<QString>(static_cast<QKeychain::ReadPasswordJob *>(j)->textData()); });
    }, [guard, callback](const Error &e) {
        if (guard)
            callback(e);
    });
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *receiver, DoneCallback callback)
{
    QPointer<QObject> guard(receiver);
    auto noted = [this, callback](const Result<bool> &r) {
        if (!r)
            noteFailure(r.error());
        callback(r);
    };
    whenAvailable([this, key, secret, guard, noted] {
        if (!guard)
            return;
        auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
        job->setTextData(secret);
        answer<bool>(job, key, m_timeoutMs, this, guard, noted, [](QKeychain::Job *) { return Result<bool>(true); });
    }, [guard, callback](const Error &e) {
        if (guard)
            callback(e);
    });
}

void KeychainSecretStore::remove(const QString &key, QObject *receiver, DoneCallback callback)
{
    QPointer<QObject> guard(receiver);
    // Removing what is not there is not a failure.
    auto noted = [this, callback](const Result<bool> &r) {
        if (!r && r.error().code == NotFound)
            return callback(true);
        if (!r)
            noteFailure(r.error());
        callback(r);
    };
    whenAvailable([this, key, guard, noted] {
        if (guard)
            answer<bool>(new QKeychain::DeletePasswordJob(QString::fromLatin1(kService)), key, m_timeoutMs, this, guard, noted,
                         [](QKeychain::Job *) { return Result<bool>(true); });
    }, [guard, callback](const Error &e) {
        if (guard)
            callback(e);
    });
}

namespace {
const QList<SecretKind> kAllKinds{SecretKind::CellToken, SecretKind::DatabasePassword, SecretKind::DatastorePassword};
}

void copyProfileSecrets(SecretStore &store, const QString &fromId, const QString &toId, QObject *receiver, SecretStore::DoneCallback done)
{
    auto pending = std::make_shared<int>(static_cast<int>(kAllKinds.size()));
    auto failure = std::make_shared<std::optional<Error>>();
    QPointer<QObject> guard(receiver);
    auto finishOne = [pending, failure, done, guard] {
        if (--*pending == 0 && guard)
            done(failure->has_value() ? Result<bool>(**failure) : Result<bool>(true));
    };
    for (SecretKind kind : kAllKinds) {
        store.read(secretKey(fromId, kind), &store, [&store, toId, kind, finishOne, failure](const Result<QString> &secret) {
            if (!secret) {
                if (secret.error().code != SecretStore::NotFound)
                    *failure = secret.error();
                finishOne();
                return;
            }
            store.write(secretKey(toId, kind), *secret, &store, [finishOne, failure](const Result<bool> &r) {
                if (!r)
                    *failure = r.error();
                finishOne();
            });
        });
    }
}

void removeProfileSecrets(SecretStore &store, const QString &id, QObject *receiver, SecretStore::DoneCallback done)
{
    auto pending = std::make_shared<int>(static_cast<int>(kAllKinds.size()));
    auto failure = std::make_shared<std::optional<Error>>();
    QPointer<QObject> guard(receiver);
    for (SecretKind kind : kAllKinds) {
        store.remove(secretKey(id, kind), &store, [pending, failure, done, guard](const Result<bool> &r) {
            if (!r)
                *failure = r.error();
            if (--*pending == 0 && guard)
                done(failure->has_value() ? Result<bool>(**failure) : Result<bool>(true));
        });
    }
}

} // namespace eic::profiles
