#include "BackupCatalogue.h"

#include <QFileInfo>

#include "postgres/BackupManifest.h"
#include "redis/RedisBackupFile.h"

#include <QDir>
#include <QDirIterator>

using namespace Qt::StringLiterals;

namespace eic::stores {

QList<BackupEntry> BackupCatalogue::list(const QString &folder)
{
    QList<BackupEntry> out;
    if (folder.isEmpty())
        return out;
    QDir dir(folder);
    for (const QFileInfo &fi : dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        auto manifest = BackupManifest::read(fi.absoluteFilePath());
        if (!manifest)
            continue;
        out.append({BackupEntry::Kind::Database, fi.absoluteFilePath(), manifest->finished.isValid() ? manifest->finished : fi.lastModified(), manifest->totalBytes()});
    }
    for (const QFileInfo &fi : dir.entryInfoList({u"*.eicrdb"_s}, QDir::Files))
        out.append({BackupEntry::Kind::Datastore, fi.absoluteFilePath(), fi.lastModified(), fi.size()});
    std::sort(out.begin(), out.end(), [](const BackupEntry &a, const BackupEntry &b) { return a.created > b.created; });
    return out;
}

std::optional<BackupEntry> BackupCatalogue::newest(const QString &folder, BackupEntry::Kind kind)
{
    for (const BackupEntry &e : list(folder))
        if (e.kind == kind)
            return e;
    return std::nullopt;
}

std::optional<BackupEntry> BackupCatalogue::entryOf(const QString &path)
{
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    for (const BackupEntry &e : list(info.absolutePath()))
        if (QFileInfo(e.path).canonicalFilePath() == canonical)
            return e;
    return std::nullopt;
}

Result<bool> BackupCatalogue::verify(const BackupEntry &entry, const std::function<bool()> &cancelled)
{
    if (entry.kind == BackupEntry::Kind::Database) {
        auto manifest = BackupManifest::read(entry.path);
        if (!manifest)
            return manifest.error();
        return manifest->verify(entry.path, cancelled);
    }
    auto summary = RedisBackupReader::scan(entry.path, {}, cancelled);
    if (!summary)
        return summary.error();
    return true;
}

} // namespace eic::stores
