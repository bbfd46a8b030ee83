#include "SecretStore.h"

#include "Profile.h"

#include <QCoreApplication>
#include <QPointer>
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

KeychainSecretStore::KeychainSecretStore(int timeoutMs, QObject *parent)
    : SecretStore(parent)
    , m_timeoutMs(timeoutMs)
{
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
    answer<QString>(new QKeychain::ReadPasswordJob(QString::fromLatin1(kService)), key, m_timeoutMs, this, receiver, callback,
                    [](QKeychain::Job *j) { return Result<QString>(static_cast<QKeychain::ReadPasswordJob *>(j)->textData()); });
}

void KeychainSecretStore::write(const QString &key, const QString &secret, QObject *receiver, DoneCallback callback)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
    job->setTextData(secret);
    answer<bool>(job, key, m_timeoutMs, this, receiver, callback, [](QKeychain::Job *) { return Result<bool>(true); });
}

void KeychainSecretStore::remove(const QString &key, QObject *receiver, DoneCallback callback)
{
    // Removing what is not there is not a failure.
    answer<bool>(new QKeychain::DeletePasswordJob(QString::fromLatin1(kService)), key, m_timeoutMs, this, receiver,
                 [callback](const Result<bool> &r) { callback(!r && r.error().code == NotFound ? Result<bool>(true) : r); },
                 [](QKeychain::Job *) { return Result<bool>(true); });
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
