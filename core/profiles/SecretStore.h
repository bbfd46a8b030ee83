#pragma once

#include "Error.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>

namespace eic::profiles {

// Where secrets live. The seam between the app and the OS keychain: the real one is
// KeychainSecretStore (QtKeychain, asynchronous, with a timeout); MemorySecretStore keeps
// secrets for this session only (when no keychain answers) and is the tests' double.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using ReadCallback = std::function<void(const Result<QString> &)>;
    using DoneCallback = std::function<void(const Result<bool> &)>;
    enum { NotFound = 404, Unavailable = 503 };

    using QObject::QObject;
    virtual void read(const QString &key, QObject *receiver, ReadCallback callback) = 0;
    virtual void write(const QString &key, const QString &secret, QObject *receiver, DoneCallback callback) = 0;
    virtual void remove(const QString &key, QObject *receiver, DoneCallback callback) = 0;
    virtual QString describe() const = 0;
};

class MemorySecretStore : public SecretStore {
    Q_OBJECT
public:
    using SecretStore::SecretStore;
    void read(const QString &key, QObject *receiver, ReadCallback callback) override;
    void write(const QString &key, const QString &secret, QObject *receiver, DoneCallback callback) override;
    void remove(const QString &key, QObject *receiver, DoneCallback callback) override;
    QString describe() const override { return tr("this session only (not saved)"); }

private:
    QHash<QString, QString> m_secrets;
};

// The OS keychain through QtKeychain. Whether one answers is probed once, before the first job
// (a session bus with a Secret Service or KWallet running on it); without one, every call says
// so at once (Unavailable) instead of starting daemons by D-Bus activation or waiting for a
// prompt, and a job that fails as Unavailable makes the later ones answer so too.
class KeychainSecretStore : public SecretStore {
    Q_OBJECT
public:
    explicit KeychainSecretStore(int timeoutMs = 5000, QObject *parent = nullptr);
    void read(const QString &key, QObject *receiver, ReadCallback callback) override;
    void write(const QString &key, const QString &secret, QObject *receiver, DoneCallback callback) override;
    void remove(const QString &key, QObject *receiver, DoneCallback callback) override;
    QString describe() const override { return tr("the OS keychain"); }

    // The same service (and keys, secretKey()) for eic-restore and eicctl: both see the same secrets.
    static constexpr const char *kService = "eic-restore";

    // Without a session bus configured, libdbus starts one for the X display (dbus-launch
    // --autolaunch) that outlives the program, and D-Bus activation on it starts
    // gnome-keyring-daemon and at-spi-bus-launcher. This points the bus address at nothing
    // instead. Call it first in main(), before anything uses D-Bus; the constructor calls it too.
    static void preventBusAutolaunch();

private:
    enum class State { Unknown, Probing, Available, Unavailable };
    // Runs `job` once the probe has answered, or calls `unavailable` with why there is no keychain.
    void whenAvailable(std::function<void()> job, std::function<void(const Error &)> unavailable);
    void probe();
    void settle(State state, const Error &why = {});
    void noteFailure(const Error &error);

    int m_timeoutMs;
    State m_state = State::Unknown;
    Error m_unavailable;
    QList<QPair<std::function<void()>, std::function<void(const Error &)>>> m_waiting;
};

// Moves every secret of a profile from one id to another (used when a profile is duplicated;
// a rename keeps the id and so the secrets), or removes them.
void copyProfileSecrets(SecretStore &store, const QString &fromId, const QString &toId, QObject *receiver, SecretStore::DoneCallback done);
void removeProfileSecrets(SecretStore &store, const QString &id, QObject *receiver, SecretStore::DoneCallback done);

} // namespace eic::profiles
