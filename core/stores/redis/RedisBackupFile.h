#pragma once

#include "Error.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

typedef struct evp_md_ctx_st EVP_MD_CTX;

namespace eic::stores {

// The data store backup format of eic-restore (version 1), written and read as a stream in
// constant memory:
//   "EICRDB\x01\n"                          magic
//   u32 length, JSON header                 source, server version, time, databases
//   records: kind, u16 db, i64 expiry (absolute Unix ms, -1: none), u32 key length, key,
//            u32 payload length, payload, u32 CRC-32C of the record from its kind byte;
//            kind 'R': the payload is the key's DUMP value (any type, restored with RESTORE),
//            kind 'S': the payload is a plain string value (read with MGET, restored with SET:
//            cheaper for the server on both sides than DUMP/RESTORE)
//   footer: 'F', u64 records, u64 skipped, 32 bytes SHA-256 of every byte before the hash
// Integers are little-endian.
struct RedisRecord {
    enum class Kind : char { Dump = 'R', String = 'S' };
    Kind kind = Kind::Dump;
    int db = 0;
    qint64 expiresAtMs = -1;
    QByteArray key;
    QByteArray payload;
};

class RedisBackupWriter {
public:
    static Result<std::unique_ptr<RedisBackupWriter>> create(const QString &path, const QJsonObject &header);
    ~RedisBackupWriter();
    Result<bool> write(const RedisRecord &record);
    Result<bool> finish(quint64 skipped);
    void abandon(); // removes the partial file
    quint64 records() const { return m_records; }
    qint64 bytes() const { return m_bytes; }

private:
    RedisBackupWriter() = default;
    Result<bool> put(const QByteArray &data);

    QFile m_file;
    QByteArray m_scratch; // one record, reused
    EVP_MD_CTX *m_hash = nullptr;
    quint64 m_records = 0;
    qint64 m_bytes = 0;
};

struct RedisBackupSummary {
    QJsonObject header;
    quint64 records = 0;
    quint64 skipped = 0;
    QHash<int, quint64> recordsPerDb;
    qint64 bytes = 0;
};

class RedisBackupReader {
public:
    // Reads the whole file and checks every record's CRC, the count and the SHA-256; `onRecord`
    // (optional) sees each record. A damaged or truncated file gives an Error naming where.
    static Result<RedisBackupSummary> scan(const QString &path, const std::function<bool(const RedisRecord &)> &onRecord = {},
                                           const std::function<bool()> &cancelled = {});
};

// Reads records one by one (after RedisBackupReader::scan has verified the whole file).
class RedisBackupStream {
public:
    Result<QJsonObject> open(const QString &path);
    // false at the footer; an Error if the file changed since it was verified.
    Result<bool> next(RedisRecord *record);

private:
    QFile m_file;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool fill(qint64 n);
};

// The command that puts a record back: RESTORE key ttl payload REPLACE ABSTTL, or SET key value
// [PXAT deadline] for a string record (SET replaces a key of any type and its TTL).
QList<QByteArray> restoreCommand(const RedisRecord &record);

// Whether two DUMP payloads hold the same value. Equal bytes are; a set or hash in a hash
// table is serialised in the table's iteration order, which differs between the original
// and its RESTOREd copy, so those two are compared by their sorted elements.
bool sameDumpValue(const QByteArray &a, const QByteArray &b);

// CRC-32C (Castagnoli) of the records.
quint32 crc32(const char *data, qsizetype length, quint32 crc = 0);

} // namespace eic::stores
