#include "RedisBackupFile.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QtEndian>

#include <openssl/evp.h>

#include <array>
#include <cstring>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

const QByteArray kMagic("EICRDB\x01\n", 8);

QString tr(const char *text)
{
    return QCoreApplication::translate("RedisBackupFile", text);
}

template <typename T>
void append(QByteArray &out, T value)
{
    T le = qToLittleEndian(value);
    out.append(reinterpret_cast<const char *>(&le), sizeof le);
}

const std::array<quint32, 256> &crcTable()
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    return table;
}

// Buffered reading with the running SHA-256 of everything consumed.
class Input {
public:
    Input(QFile &file, EVP_MD_CTX *hash) : m_file(file), m_hash(hash) {}
    bool read(char *out, qint64 n)
    {
        while (n > 0) {
            if (m_pos == m_buffer.size()) {
                m_buffer = m_file.read(1 << 20);
                m_pos = 0;
                if (m_buffer.isEmpty())
                    return false;
            }
            const qint64 take = std::min<qint64>(n, m_buffer.size() - m_pos);
            std::memcpy(out, m_buffer.constData() + m_pos, static_cast<size_t>(take));
            if (m_hashing)
                EVP_DigestUpdate(m_hash, m_buffer.constData() + m_pos, static_cast<size_t>(take));
            m_pos += take;
            out += take;
            n -= take;
            m_consumed += take;
        }
        return true;
    }
    template <typename T>
    bool value(T *out)
    {
        T le;
        if (!read(reinterpret_cast<char *>(&le), sizeof le))
            return false;
        *out = qFromLittleEndian(le);
        return true;
    }
    bool bytes(QByteArray *out, quint32 length)
    {
        out->resize(length);
        return read(out->data(), length);
    }
    void stopHashing() { m_hashing = false; }
    qint64 consumed() const { return m_consumed; }
    bool atEnd() { return m_pos == m_buffer.size() && m_file.atEnd(); }

private:
    QFile &m_file;
    EVP_MD_CTX *m_hash;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_consumed = 0;
    bool m_hashing = true;
};

} // namespace

quint32 crc32(const char *data, qsizetype length, quint32 crc)
{
    const auto &table = crcTable();
    crc = ~crc;
    for (qsizetype i = 0; i < length; ++i)
        crc = table[(crc ^ static_cast<quint8>(data[i])) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

Result<std::unique_ptr<RedisBackupWriter>> RedisBackupWriter::create(const QString &path, const QJsonObject &header)
{
    std::unique_ptr<RedisBackupWriter> w(new RedisBackupWriter);
    w->m_file.setFileName(path);
    if (!w->m_file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return Error{tr("Cannot write the backup %1: %2.").arg(path, w->m_file.errorString()), {}, 0};
    w->m_hash = EVP_MD_CTX_new();
    EVP_DigestInit_ex(w->m_hash, EVP_sha256(), nullptr);
    const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    QByteArray head = kMagic;
    append<quint32>(head, static_cast<quint32>(json.size()));
    head += json;
    if (auto r = w->put(head); !r)
        return r.error();
    return w;
}

RedisBackupWriter::~RedisBackupWriter()
{
    if (m_hash)
        EVP_MD_CTX_free(m_hash);
}

Result<bool> RedisBackupWriter::put(const QByteArray &data)
{
    EVP_DigestUpdate(m_hash, data.constData(), static_cast<size_t>(data.size()));
    if (m_file.write(data) != data.size())
        return Error{tr("Cannot write the backup %1: %2.").arg(m_file.fileName(), m_file.errorString()), {}, 0};
    m_bytes += data.size();
    return true;
}

Result<bool> RedisBackupWriter::write(const RedisRecord &record)
{
    QByteArray r;
    r.reserve(record.key.size() + record.payload.size() + 24);
    r.append('R');
    append<quint16>(r, static_cast<quint16>(record.db));
    append<qint64>(r, record.expiresAtMs);
    append<quint32>(r, static_cast<quint32>(record.key.size()));
    r += record.key;
    append<quint32>(r, static_cast<quint32>(record.payload.size()));
    r += record.payload;
    append<quint32>(r, crc32(r.constData(), r.size()));
    ++m_records;
    return put(r);
}

Result<bool> RedisBackupWriter::finish(quint64 skipped)
{
    QByteArray f;
    f.append('F');
    append<quint64>(f, m_records);
    append<quint64>(f, skipped);
    if (auto r = put(f); !r)
        return r;
    unsigned char digest[32];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_hash, digest, &length);
    if (m_file.write(reinterpret_cast<const char *>(digest), 32) != 32 || !m_file.flush())
        return Error{tr("Cannot write the backup %1: %2.").arg(m_file.fileName(), m_file.errorString()), {}, 0};
    m_bytes += 32;
    m_file.close();
    return true;
}

void RedisBackupWriter::abandon()
{
    m_file.close();
    m_file.remove();
}

Result<RedisBackupSummary> RedisBackupReader::scan(const QString &path, const std::function<bool(const RedisRecord &)> &onRecord,
                                                   const std::function<bool()> &cancelled)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read the backup %1: %2.").arg(path, file.errorString()), {}, 0};
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr);
    Input in(file, hash.get());
    auto damaged = [&](const QString &what) {
        return Error{tr("The backup %1 is damaged or truncated at byte %2: %3. Nothing was written.").arg(path).arg(in.consumed()).arg(what), {}, 0};
    };
    char magic[8];
    if (!in.read(magic, 8) || QByteArray(magic, 8) != kMagic)
        return Error{tr("%1 is not a data store backup of eic-restore.").arg(path), {}, 0};
    quint32 headerLength = 0;
    QByteArray headerJson;
    if (!in.value(&headerLength) || headerLength > (16u << 20) || !in.bytes(&headerJson, headerLength))
        return damaged(tr("the header is incomplete"));
    RedisBackupSummary summary;
    summary.header = QJsonDocument::fromJson(headerJson).object();
    if (summary.header.value("version"_L1).toInt() > 1)
        return Error{tr("The backup %1 was written by a newer eic-restore; update to restore it.").arg(path), {}, 0};
    RedisRecord record;
    for (;;) {
        char tag = 0;
        if (!in.read(&tag, 1))
            return damaged(tr("the file ends before its footer"));
        if (tag == 'F')
            break;
        if (tag != 'R')
            return damaged(tr("an unknown record type"));
        QByteArray raw("R", 1);
        quint16 db = 0;
        quint32 keyLength = 0;
        quint32 payloadLength = 0;
        if (!in.value(&db) || !in.value(&record.expiresAtMs) || !in.value(&keyLength) || keyLength > (512u << 20) || !in.bytes(&record.key, keyLength)
            || !in.value(&payloadLength) || !in.bytes(&record.payload, payloadLength))
            return damaged(tr("a record is incomplete"));
        record.db = db;
        append<quint16>(raw, db);
        append<qint64>(raw, record.expiresAtMs);
        append<quint32>(raw, keyLength);
        quint32 crc = crc32(raw.constData(), raw.size());
        crc = crc32(record.key.constData(), record.key.size(), crc);
        QByteArray lengthBytes;
        append<quint32>(lengthBytes, payloadLength);
        crc = crc32(lengthBytes.constData(), lengthBytes.size(), crc);
        crc = crc32(record.payload.constData(), record.payload.size(), crc);
        // The stored CRC is of the record without itself; it is still hashed into the SHA-256.
        quint32 stored = 0;
        if (!in.value(&stored))
            return damaged(tr("a record is incomplete"));
        if (stored != crc)
            return damaged(tr("the checksum of record %1 does not match").arg(summary.records + 1));
        ++summary.records;
        ++summary.recordsPerDb[record.db];
        if (onRecord && !onRecord(record))
            return Error{tr("Stopped."), {}, 0};
        if (cancelled && cancelled())
            return Error{tr("Cancelled."), {}, 0};
    }
    quint64 count = 0;
    if (!in.value(&count) || !in.value(&summary.skipped))
        return damaged(tr("the footer is incomplete"));
    in.stopHashing();
    unsigned char expected[32];
    if (!in.read(reinterpret_cast<char *>(expected), 32))
        return damaged(tr("the footer's checksum is missing"));
    if (count != summary.records)
        return damaged(tr("the footer counts %1 records, the file holds %2").arg(count).arg(summary.records));
    unsigned char actual[32];
    unsigned int length = 0;
    EVP_DigestFinal_ex(hash.get(), actual, &length);
    if (std::memcmp(actual, expected, 32) != 0)
        return damaged(tr("the SHA-256 of the file does not match its footer"));
    if (!in.atEnd())
        return damaged(tr("there are bytes after the footer"));
    summary.bytes = in.consumed();
    return summary;
}

} // namespace eic::stores

namespace eic::stores {

bool RedisBackupStream::fill(qint64 n)
{
    if (m_buffer.size() - m_pos >= n)
        return true;
    m_buffer.remove(0, m_pos);
    m_pos = 0;
    while (m_buffer.size() < n) {
        const QByteArray more = m_file.read(std::max<qint64>(1 << 20, n - m_buffer.size()));
        if (more.isEmpty())
            return false;
        m_buffer += more;
    }
    return true;
}

Result<QJsonObject> RedisBackupStream::open(const QString &path)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read the backup %1: %2.").arg(path, m_file.errorString()), {}, 0};
    if (!fill(12) || m_buffer.left(8) != kMagic)
        return Error{tr("%1 is not a data store backup of eic-restore.").arg(path), {}, 0};
    const quint32 length = qFromLittleEndian<quint32>(m_buffer.constData() + 8);
    if (!fill(12 + length))
        return Error{tr("The backup %1 changed since it was verified.").arg(path), {}, 0};
    const QJsonObject header = QJsonDocument::fromJson(m_buffer.mid(12, length)).object();
    m_pos = 12 + length;
    return header;
}

Result<bool> RedisBackupStream::next(RedisRecord *record)
{
    if (!fill(1))
        return Error{tr("The backup changed since it was verified (it ends early)."), {}, 0};
    if (m_buffer.at(m_pos) == 'F')
        return false;
    if (!fill(1 + 2 + 8 + 4))
        return Error{tr("The backup changed since it was verified."), {}, 0};
    const char *p = m_buffer.constData() + m_pos;
    record->db = qFromLittleEndian<quint16>(p + 1);
    record->expiresAtMs = qFromLittleEndian<qint64>(p + 3);
    const quint32 keyLength = qFromLittleEndian<quint32>(p + 11);
    if (!fill(15 + keyLength + 4))
        return Error{tr("The backup changed since it was verified."), {}, 0};
    p = m_buffer.constData() + m_pos;
    const quint32 payloadLength = qFromLittleEndian<quint32>(p + 15 + keyLength);
    const qint64 total = 15 + keyLength + 4 + payloadLength + 4;
    if (!fill(total))
        return Error{tr("The backup changed since it was verified."), {}, 0};
    p = m_buffer.constData() + m_pos;
    record->key = QByteArray(p + 15, keyLength);
    record->payload = QByteArray(p + 15 + keyLength + 4, payloadLength);
    const quint32 stored = qFromLittleEndian<quint32>(p + total - 4);
    if (crc32(p, total - 4) != stored)
        return Error{tr("The backup changed since it was verified (a record's checksum)."), {}, 0};
    m_pos += total;
    return true;
}

} // namespace eic::stores
