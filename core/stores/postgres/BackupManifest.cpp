#include "BackupManifest.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QRegularExpression>
#include <QThread>
#include <QCryptographicHash>

#include <openssl/evp.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

// Texts of this file, in the translation context "BackupManifest" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BackupManifest)
};

// OpenSSL's SHA-256 (SHA-NI where the CPU has it: ~1 GB/s here, several times Qt's own).
Result<QString> sha256Of(const QString &path, const std::function<bool()> &cancelled)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot read %1: %2.").arg(path, f.errorString()), {}, 0};
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1)
        return Error{Tr::tr("SHA-256 is not available from OpenSSL."), {}, 0};
    QByteArray buffer(1 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 n = f.read(buffer.data(), buffer.size());
        if (n < 0)
            return Error{Tr::tr("Cannot read %1: %2.").arg(path, f.errorString()), {}, 0};
        if (n == 0)
            break;
        EVP_DigestUpdate(ctx.get(), buffer.constData(), static_cast<size_t>(n));
        if (cancelled && cancelled())
            return Error{Tr::tr("Cancelled."), {}, 0};
    }
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(ctx.get(), digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length)).toHex());
}

// Runs `step(i)` for i in [0, count) on two threads (this one and a helper), alternating
// indexes; the first error of either stops that thread and is returned.
std::optional<Error> onTwoThreads(qsizetype count, const std::function<std::optional<Error>(qsizetype)> &step)
{
    std::vector<std::optional<Error>> failures(2);
    auto share = [&](int first) {
        for (qsizetype i = first; i < count && !failures[first]; i += 2)
            failures[first] = step(i);
    };
    QThread *helper = QThread::create(share, 1);
    helper->start();
    share(0);
    helper->wait();
    delete helper;
    return failures[0] ? failures[0] : failures[1];
}

// A path the manifest may name: under data/ of the backup folder, never outside it.
bool insideData(const QString &path)
{
    if (!path.startsWith("data/"_L1) || path.contains(u'\\') || path.contains(QChar(0)))
        return false;
    const QStringList parts = path.split(u'/');
    return std::none_of(parts.begin(), parts.end(), [](const QString &p) { return p.isEmpty() || p == "."_L1 || p == ".."_L1; });
}

// Bounds of every value read: a manifest edited by hand (or damaged) is refused with its value
// named, before it can open 100000 connections or write outside the folder.
std::optional<Error> outOfBounds(const BackupManifest &m)
{
    constexpr qint64 maxBytes = 1LL << 50; // 1 PiB per file
    constexpr qint64 maxRows = 1LL << 53;  // what a JSON number holds exactly
    constexpr qsizetype maxEntries = 1'000'000;
    auto refuse = [](const QString &what) { return Error{Tr::tr("The backup's manifest is not valid: %1. Nothing was changed.").arg(what), {}, 0}; };
    if (m.jobs < 1 || m.jobs > BackupManifest::kMaxJobs)
        return refuse(Tr::tr("\"jobs\" is %1, eic-restore accepts 1 to %2").arg(m.jobs).arg(BackupManifest::kMaxJobs));
    if (m.tables.size() > maxEntries || m.files.size() > maxEntries)
        return refuse(Tr::tr("it lists %1 tables and %2 files").arg(m.tables.size()).arg(m.files.size()));
    for (const ManifestTable &t : m.tables) {
        if (t.rows < 0 || t.rows > maxRows || t.bytes < 0 || t.bytes > maxBytes || t.name.isEmpty())
            return refuse(Tr::tr("table %1 has %2 rows and %3 bytes").arg(t.qualified()).arg(t.rows).arg(t.bytes));
    }
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    for (const ManifestFile &f : m.files) {
        if (!insideData(f.path))
            return refuse(Tr::tr("the file \"%1\" is not inside the backup's data folder").arg(f.path));
        if (f.bytes < 0 || f.bytes > maxBytes || !hex.match(f.sha256).hasMatch())
            return refuse(Tr::tr("the file %1 has %2 bytes and checksum \"%3\"").arg(f.path).arg(f.bytes).arg(f.sha256));
    }
    return std::nullopt;
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

} // namespace

qint64 BackupManifest::totalBytes() const
{
    qint64 total = 0;
    for (const auto &f : files)
        total += f.bytes;
    return total;
}

QJsonObject BackupManifest::toJson() const
{
    QJsonArray t;
    for (const auto &table : tables)
        t.append(QJsonObject{{"schema"_L1, table.schema}, {"name"_L1, table.name}, {"rows"_L1, table.rows},
                             {"rowsExact"_L1, table.rowsExact}, {"bytes"_L1, table.bytes}});
    QJsonArray f;
    for (const auto &file : files)
        f.append(QJsonObject{{"path"_L1, file.path}, {"bytes"_L1, file.bytes}, {"sha256"_L1, file.sha256}});
    return {{"format"_L1, QLatin1StringView(kFormat)},
            {"version"_L1, kVersion},
            {"database"_L1, database},
            {"server"_L1, QJsonObject{{"version"_L1, serverVersion}, {"address"_L1, serverAddress}}},
            {"tool"_L1, toolVersion},
            {"dumpFormat"_L1, dumpFormat},
            {"jobs"_L1, jobs},
            {"started"_L1, started.toString(Qt::ISODateWithMs)},
            {"finished"_L1, finished.toString(Qt::ISODateWithMs)},
            {"totalBytes"_L1, totalBytes()},
            {"tables"_L1, t},
            {"files"_L1, f}};
}

Result<BackupManifest> BackupManifest::fromJson(const QJsonObject &json)
{
    if (json.value("format"_L1).toString() != QLatin1StringView(kFormat))
        return Error{Tr::tr("This is not a database backup of eic-restore (no manifest of ours)."), {}, 0};
    if (json.value("version"_L1).toInt() > kVersion)
        return Error{Tr::tr("The backup was written by a newer eic-restore; update to restore it."), {}, 0};
    BackupManifest m;
    m.database = json.value("database"_L1).toString();
    m.serverVersion = json.value("server"_L1).toObject().value("version"_L1).toString();
    m.serverAddress = json.value("server"_L1).toObject().value("address"_L1).toString();
    m.toolVersion = json.value("tool"_L1).toString();
    m.dumpFormat = json.value("dumpFormat"_L1).toString(u"directory"_s);
    // toInteger: 100000 or 1e12 is read as written and refused, not wrapped or defaulted.
    if (const qint64 jobs = json.value("jobs"_L1).toInteger(1); jobs < 1 || jobs > kMaxJobs)
        return Error{Tr::tr("The backup's manifest is not valid: \"jobs\" is %1, eic-restore accepts 1 to %2. Nothing was changed.").arg(jobs).arg(kMaxJobs), {}, 0};
    else
        m.jobs = static_cast<int>(jobs);
    m.started = QDateTime::fromString(json.value("started"_L1).toString(), Qt::ISODateWithMs);
    m.finished = QDateTime::fromString(json.value("finished"_L1).toString(), Qt::ISODateWithMs);
    for (const auto &v : json.value("tables"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        m.tables.append({o.value("schema"_L1).toString(), o.value("name"_L1).toString(), o.value("rows"_L1).toInteger(),
                         o.value("rowsExact"_L1).toBool(), o.value("bytes"_L1).toInteger()});
    }
    for (const auto &v : json.value("files"_L1).toArray()) {
        const QJsonObject o = v.toObject();
        m.files.append({o.value("path"_L1).toString(), o.value("bytes"_L1).toInteger(), o.value("sha256"_L1).toString()});
    }
    if (m.files.isEmpty())
        return Error{Tr::tr("The backup's manifest lists no files."), {}, 0};
    if (auto refused = outOfBounds(m))
        return *refused;
    return m;
}

Result<BackupManifest> BackupManifest::read(const QString &backupDir, bool *checksummed)
{
    QFile f(QDir(backupDir).filePath(u"manifest.json"_s));
    if (!f.open(QIODevice::ReadOnly))
        return Error{Tr::tr("%1 has no readable manifest.json: %2. Choose a folder made by eic-restore's database backup.").arg(backupDir, f.errorString()), {}, 0};
    const QByteArray bytes = f.read(64 << 20); // a manifest of a million files is ~150 MB: refused, not read
    QFile sum(QDir(backupDir).filePath(QLatin1StringView(kChecksumFile)));
    if (checksummed)
        *checksummed = sum.exists();
    if (sum.exists()) {
        if (!sum.open(QIODevice::ReadOnly))
            return Error{Tr::tr("Cannot read %1: %2.").arg(sum.fileName(), sum.errorString()), {}, 0};
        const QByteArray expected = sum.read(4096).trimmed().split(' ').value(0).toLower();
        if (expected != sha256Hex(bytes))
            return Error{Tr::tr("The backup %1 is refused: manifest.json was changed after the backup was taken (its checksum in %2 does not match). "
                                "Nothing was changed.").arg(backupDir, QLatin1StringView(kChecksumFile)),
                         {}, ManifestChanged};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (!doc.isObject())
        return Error{Tr::tr("The manifest of %1 is damaged (%2).").arg(backupDir, error.errorString()), {}, 0};
    return fromJson(doc.object());
}

Result<bool> BackupManifest::write(const QString &backupDir) const
{
    const QByteArray bytes = QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
    // The manifest first, then its checksum: a backup cut in between has a manifest that is
    // "not checked" (as an older one), never one that looks checked and is not.
    const QList<QPair<QString, QByteArray>> written{{u"manifest.json"_s, bytes}, {QLatin1StringView(kChecksumFile), sha256Hex(bytes) + "  manifest.json\n"}};
    for (const auto &[name, content] : written) {
        QSaveFile f(QDir(backupDir).filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return Error{Tr::tr("Cannot write the manifest in %1: %2.").arg(backupDir, f.errorString()), {}, 0};
        f.write(content);
        if (!f.commit())
            return Error{Tr::tr("Cannot write the manifest in %1: %2.").arg(backupDir, f.errorString()), {}, 0};
    }
    return true;
}

Result<QList<ManifestFile>> BackupManifest::hashFiles(const QString &backupDir, const QString &dataDir, const std::function<bool()> &cancelled)
{
    QDirIterator it(dataDir, QDir::Files, QDirIterator::Subdirectories);
    QStringList paths;
    while (it.hasNext())
        paths.append(it.next());
    paths.sort();
    const QDir base(backupDir);
    QList<ManifestFile> out(paths.size());
    // The files of a parallel dump are of similar sizes: two threads halve the wait.
    const auto failure = onTwoThreads(paths.size(), [&](qsizetype i) -> std::optional<Error> {
        auto hash = sha256Of(paths.at(i), cancelled);
        if (!hash)
            return hash.error();
        out[i] = {base.relativeFilePath(paths.at(i)), QFileInfo(paths.at(i)).size(), *hash};
        return std::nullopt;
    });
    if (failure)
        return *failure;
    return out;
}

Result<bool> BackupManifest::verify(const QString &backupDir, const std::function<bool()> &cancelled) const
{
    const QDir base(backupDir);
    for (const ManifestFile &file : files) {
        const QFileInfo info(base.filePath(file.path));
        if (!info.exists())
            return Error{Tr::tr("The backup %1 is incomplete: %2 is missing.").arg(backupDir, file.path), {}, 0};
        if (info.size() != file.bytes)
            return Error{Tr::tr("The backup %1 is damaged: %2 has %3 bytes, the manifest says %4.").arg(backupDir, file.path).arg(info.size()).arg(file.bytes), {}, 0};
    }
    const auto failure = onTwoThreads(files.size(), [&](qsizetype i) -> std::optional<Error> {
        const ManifestFile &file = files.at(i);
        auto hash = sha256Of(base.filePath(file.path), cancelled);
        if (!hash)
            return hash.error();
        if (*hash != file.sha256)
            return Error{Tr::tr("The backup %1 is damaged: the checksum of %2 does not match the manifest.").arg(backupDir, file.path), {}, 0};
        return std::nullopt;
    });
    if (failure)
        return *failure;
    return true;
}

BackupFingerprint fingerprintOf(const QString &path)
{
    BackupFingerprint fingerprint;
    // AT_STATX_FORCE_SYNC: on a network share, the server's attributes, not a cached copy.
    auto add = [&fingerprint](const QString &file) {
        struct statx st = {};
        if (::statx(AT_FDCWD, QFile::encodeName(file).constData(), AT_STATX_FORCE_SYNC, STATX_BASIC_STATS, &st) != 0)
            return;
        fingerprint.insert(file, {qint64(st.stx_size), qint64(st.stx_mtime.tv_sec) * 1000000000 + st.stx_mtime.tv_nsec,
                                  qint64(st.stx_ctime.tv_sec) * 1000000000 + st.stx_ctime.tv_nsec, qint64(st.stx_ino)});
    };
    const QFileInfo info(path);
    if (info.isFile()) {
        add(info.absoluteFilePath());
        add(info.absoluteFilePath() + u".sha256"_s);
    } else if (info.isDir()) {
        // What a restore reads: the manifest and everything under data/ (followed if it is a
        // link to another volume); nothing else of the folder, which may be a wrong one.
        add(QDir(path).filePath(u"manifest.json"_s));
        add(QDir(path).filePath(QLatin1StringView(BackupManifest::kChecksumFile)));
        QDirIterator it(QDir(path).filePath(u"data"_s), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories | QDirIterator::FollowSymlinks);
        while (it.hasNext())
            add(it.next());
    }
    return fingerprint;
}

} // namespace eic::stores
