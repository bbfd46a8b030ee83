// eicctl profile list | show NAME | add NAME [connection options] | remove NAME | test NAME

#include "Cli.h"

#include "profiles/ConnectionStrings.h"
#include "profiles/ConnectionTester.h"
#include "profiles/ProfileStore.h"
#include "profiles/SecretStore.h"

#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace eic::cli {

namespace {

using profiles::Profile;
using profiles::SecretKind;

// Waits for one asynchronous answer (the event loop keeps running meanwhile).
template <typename T, typename Start>
T await(Start start)
{
    std::optional<T> answer;
    QEventLoop loop;
    start(&loop, [&](const T &r) {
        answer = r;
        loop.quit();
    });
    if (!answer)
        loop.exec();
    return *answer;
}

QString secretState(const Profile &p, SecretKind kind)
{
    profiles::KeychainSecretStore store;
    const auto r = await<Result<QString>>([&](QObject *ctx, auto cb) { store.read(profiles::secretKey(p.id, kind), ctx, cb); });
    if (r)
        return u"stored in the OS keychain"_s;
    if (r.error().code == profiles::SecretStore::NotFound)
        return u"not stored"_s;
    return u"unknown (%1)"_s.arg(r.error().message);
}

QString describe(const Profile &p)
{
    QStringList lines;
    lines << u"Profile %1 (id %2)"_s.arg(p.name, p.id);
    if (p.cell.mode == profiles::CellConnection::Mode::Kubeconfig)
        lines << u"  cell:       kubeconfig %1, context %2, namespace %3"_s.arg(p.cell.kubeconfig.isEmpty() ? u"(default)"_s : p.cell.kubeconfig,
                                                                             p.cell.context.isEmpty() ? u"(current)"_s : p.cell.context, p.cell.ns);
    else
        lines << u"  cell:       %1, CA %2, namespace %3, token %4%5"_s.arg(p.cell.server, p.cell.caFile.isEmpty() ? u"(system)"_s : p.cell.caFile, p.cell.ns,
                                                                          secretState(p, SecretKind::CellToken),
                                                                          p.cell.insecureSkipTlsVerify ? u" — TLS VERIFICATION OFF"_s : QString());
    if (!p.database.service.isEmpty() || !p.database.host.isEmpty())
        lines << u"  database:   %1 database %2 user %3 sslmode %4%5, %6; password %7"_s
                     .arg(p.database.service.isEmpty() ? u"%1:%2"_s.arg(p.database.host).arg(p.database.port) : u"service "_s + p.database.service,
                          p.database.database, p.database.user, p.database.sslmode,
                          p.database.sslrootcert.isEmpty() ? QString() : u" (CA "_s + p.database.sslrootcert + u')',
                          profiles::storeKindId(p.database.kind), secretState(p, SecretKind::DatabasePassword));
    else
        lines << u"  database:   (none)"_s;
    if (!p.datastore.hosts.isEmpty())
        lines << u"  datastore:  %1 %2 %3%4%5 db %6, %7; password %8"_s
                     .arg(p.datastore.product, p.datastore.topology, p.datastore.hosts.join(u','),
                          p.datastore.tls ? u" TLS"_s + (p.datastore.caFile.isEmpty() ? QString() : u" (CA "_s + p.datastore.caFile + u')') : QString(),
                          p.datastore.username.isEmpty() ? QString() : u" user "_s + p.datastore.username)
                     .arg(p.datastore.database)
                     .arg(profiles::storeKindId(p.datastore.kind), secretState(p, SecretKind::DatastorePassword));
    else
        lines << u"  datastore:  (none)"_s;
    lines << u"  backups:    %1"_s.arg(p.backupFolder.isEmpty() ? u"(not set)"_s : p.backupFolder);
    if (!p.notes.isEmpty())
        lines << u"  notes:      %1"_s.arg(p.notes);
    return lines.join(u'\n') + u'\n';
}

// The cell of a new profile from the options; an exit code when they do not make one.
std::optional<int> cellFromOptions(const Options &o, Profile &p)
{
    if (!o.server.isEmpty()) {
        p.cell.mode = profiles::CellConnection::Mode::Manual;
        p.cell.server = o.server;
        p.cell.caFile = o.caFile.isEmpty() ? QString() : QFileInfo(o.caFile).absoluteFilePath();
        if (o.tokenFile.isEmpty())
            return usage(u"--server needs --token-file FILE with the bearer token (a token is never taken from an argument)"_s);
    } else {
        p.cell.kubeconfig = o.kubeconfig.isEmpty() ? QString() : QFileInfo(o.kubeconfig).absoluteFilePath();
        p.cell.context = o.context;
        if (p.cell.context.isEmpty()) {
            // Pin the context that is current now, so the profile keeps meaning the same cell.
            auto config = kube::KubeConfig::load(o.kubeconfig.isEmpty() ? kube::KubeConfig::defaultFiles() : QStringList{o.kubeconfig});
            if (config)
                p.cell.context = config->currentContext();
        }
    }
    if (!o.ns.isEmpty())
        p.cell.ns = o.ns;
    return std::nullopt;
}

// The database and data store of a new profile from the options; an exit code when they are wrong.
std::optional<int> storesFromOptions(const Options &o, Profile &p)
{
    if (!o.database.isEmpty()) {
        auto db = profiles::parseDatabaseConninfo(o.database);
        if (!db)
            return usage(db.error().message);
        p.database = *db;
        if (!o.databaseKind.isEmpty()) {
            bool ok = false;
            p.database.kind = profiles::storeKindFromId(o.databaseKind, &ok);
            if (!ok)
                return usage(u"--database-kind: external, built-in, managed-azure, managed-aws or managed-other"_s);
        }
    }
    if (!o.datastore.isEmpty()) {
        auto ds = profiles::parseDatastoreUrl(o.datastore);
        if (!ds)
            return usage(ds.error().message);
        p.datastore = *ds;
        p.datastore.caFile = o.datastoreCa.isEmpty() ? QString() : QFileInfo(o.datastoreCa).absoluteFilePath();
        if (!o.datastoreKind.isEmpty()) {
            bool ok = false;
            p.datastore.kind = profiles::storeKindFromId(o.datastoreKind, &ok);
            if (!ok)
                return usage(u"--datastore-kind: external, built-in, managed-azure, managed-aws or managed-other"_s);
        }
    }
    return std::nullopt;
}

using Secrets = QList<QPair<SecretKind, QString>>;

// Secrets: a file for the token; the environment or a prompt for passwords; never argv.
std::optional<int> secretsFromOptions(const Options &o, const Profile &p, Secrets &secrets)
{
    if (p.cell.mode == profiles::CellConnection::Mode::Manual) {
        QFile f(o.tokenFile);
        if (!f.open(QIODevice::ReadOnly))
            return failed(u"Cannot read the token file %1: %2."_s.arg(o.tokenFile, f.errorString()));
        secrets.append({SecretKind::CellToken, QString::fromUtf8(f.readAll()).trimmed()});
    }
    auto passwordFor = [&](SecretKind kind, const char *env, const QString &question) {
        if (qEnvironmentVariableIsSet(env))
            secrets.append({kind, qEnvironmentVariable(env)});
        else if (auto typed = promptSecret(question); typed && !typed->isEmpty())
            secrets.append({kind, *typed});
    };
    if (!p.database.host.isEmpty() || !p.database.service.isEmpty())
        passwordFor(SecretKind::DatabasePassword, "PGPASSWORD", u"Database password for %1 (empty: none): "_s.arg(p.database.user));
    if (!p.datastore.hosts.isEmpty())
        passwordFor(SecretKind::DatastorePassword, "REDISCLI_AUTH", u"Data store password (empty: none): "_s);
    return std::nullopt;
}

int add(const Options &o, const QString &name)
{
    profiles::ProfileStore store;
    if (auto loaded = store.load(); !loaded)
        return failed(loaded.error().message);
    Profile p;
    p.name = name;
    if (auto rc = cellFromOptions(o, p))
        return *rc;
    if (auto rc = storesFromOptions(o, p))
        return *rc;
    p.backupFolder = o.backupFolder;
    p.notes = o.notes;
    if (const QStringList problems = p.validate(); !problems.isEmpty())
        return usage(u"the profile is not valid:\n  "_s + problems.join(u"\n  "_s));
    Secrets secrets;
    if (auto rc = secretsFromOptions(o, p, secrets))
        return *rc;

    if (auto added = store.add(p); !added)
        return failed(added.error().message);
    p = *store.find(name);
    profiles::KeychainSecretStore keychain;
    for (const auto &[kind, secret] : std::as_const(secrets)) {
        const auto written = await<Result<bool>>([&](QObject *ctx, auto cb) { keychain.write(profiles::secretKey(p.id, kind), secret, ctx, cb); });
        if (!written && written.error().code == profiles::SecretStore::Unavailable)
            return failed(u"Profile \"%1\" was saved, but not its %2: no keychain is available (%3). Until there is one, give it in %4 when you run eicctl, "
                          "or add the profile again once a keychain runs."_s
                              .arg(name, profiles::secretLabel(kind), written.error().detail,
                                   kind == SecretKind::DatabasePassword ? u"PGPASSWORD"_s : kind == SecretKind::DatastorePassword ? u"REDISCLI_AUTH"_s : u"a --token-file"_s));
        if (!written)
            return failed(u"Profile \"%1\" was saved, but its %2 was not: %3"_s.arg(name, profiles::secretLabel(kind), written.error().message));
    }
    out() << "Profile \"" << name << "\" saved" << (secrets.isEmpty() ? QString() : (secrets.size() == 1 ? u" with 1 secret"_s : u" with %1 secrets"_s.arg(secrets.size())) + u" in the OS keychain"_s)
          << ".\n";
    return Done;
}

int test(const Options &o, const Profile &p)
{
    profiles::ConnectionTester tester;
    int failures = 0;
    QJsonObject json;
    auto report = [&](const QString &what, const profiles::TestOutcome &outcome) {
        if (!outcome.ok)
            ++failures;
        json[what] = QJsonObject{{"ok"_L1, outcome.ok}, {"summary"_L1, outcome.summary}, {"details"_L1, QJsonArray::fromStringList(outcome.details)},
                                 {"latencyMs"_L1, outcome.latencyMs}};
        if (o.json)
            return;
        out() << (outcome.ok ? "OK    " : "FAIL  ") << what << ": " << outcome.summary << "\n";
        for (const QString &d : outcome.details)
            out() << "        " << d << "\n";
        out().flush();
    };
    QString token;
    if (p.cell.mode == profiles::CellConnection::Mode::Manual) {
        auto secret = secretFor(p, SecretKind::CellToken, nullptr);
        token = secret ? *secret : QString();
    }
    report(u"cell"_s, await<profiles::TestOutcome>([&](QObject *, auto cb) { tester.testCell(p, token, cb); }));
    if (!p.database.host.isEmpty() || !p.database.service.isEmpty()) {
        auto password = secretFor(p, SecretKind::DatabasePassword, "PGPASSWORD");
        report(u"database"_s, await<profiles::TestOutcome>([&](QObject *, auto cb) {
                   tester.testDatabase(p, password ? *password : QString(), cb);
               }));
    }
    if (!p.datastore.hosts.isEmpty()) {
        auto password = secretFor(p, SecretKind::DatastorePassword, "REDISCLI_AUTH");
        report(u"datastore"_s, await<profiles::TestOutcome>([&](QObject *, auto cb) {
                   tester.testDatastore(p, password ? *password : QString(), cb);
               }));
    }
    if (o.json)
        out() << QJsonDocument(json).toJson(QJsonDocument::Indented);
    return failures == 0 ? Done : Failed;
}

} // namespace

int profile(const Options &o)
{
    const QStringList args = o.args.mid(1);
    const QString sub = args.value(0);
    if (sub.isEmpty())
        return usage(u"profile needs list, show NAME, add NAME, remove NAME or test NAME"_s);
    profiles::ProfileStore store;
    auto loaded = store.load();
    if (sub == "list"_L1) {
        if (!loaded)
            return failed(loaded.error().message);
        if (o.json) {
            QJsonArray list;
            for (const Profile &p : store.profiles())
                list.append(p.toJson());
            out() << QJsonDocument(list).toJson(QJsonDocument::Indented);
        } else if (store.profiles().isEmpty()) {
            out() << "No profiles yet. Add one: eicctl profile add NAME --kubeconfig FILE --context NAME --database CONNINFO --datastore URL\n";
        } else {
            for (const Profile &p : store.profiles())
                out() << p.name << "\t" << (p.cell.mode == profiles::CellConnection::Mode::Manual ? p.cell.server : (p.cell.context.isEmpty() ? u"(current context)"_s : p.cell.context))
                      << "\t" << p.cell.ns << "\n";
        }
        return Done;
    }
    if (args.size() != 2)
        return usage(u"profile %1 takes one NAME"_s.arg(sub));
    const QString name = args.at(1);
    if (sub == "add"_L1)
        return loaded ? add(o, name) : failed(loaded.error().message);
    if (!loaded)
        return failed(loaded.error().message);
    const Profile *p = store.find(name);
    if (!p)
        return failed(u"There is no profile \"%1\" (see eicctl profile list)."_s.arg(name));
    if (sub == "show"_L1) {
        // Never a secret: only whether each one is stored.
        if (o.json)
            out() << QJsonDocument(p->toJson()).toJson(QJsonDocument::Indented);
        else
            out() << describe(*p);
        return Done;
    }
    if (sub == "test"_L1)
        return test(o, *p);
    if (sub == "remove"_L1) {
        const Profile removed = *p;
        if (auto r = store.remove(removed.id); !r)
            return failed(r.error().message);
        profiles::KeychainSecretStore keychain;
        const auto gone = await<Result<bool>>([&](QObject *ctx, auto cb) { profiles::removeProfileSecrets(keychain, removed.id, ctx, cb); });
        if (!gone)
            return failed(u"Profile \"%1\" removed, but its secrets could not be removed from the keychain: %2"_s.arg(name, gone.error().message));
        out() << "Profile \"" << name << "\" and its secrets removed.\n";
        return Done;
    }
    return usage(u"unknown profile command \"%1\""_s.arg(sub));
}

} // namespace eic::cli
