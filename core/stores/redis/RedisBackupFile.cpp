#include "RedisBackupFile.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QtEndian>

#include <openssl/evp.h>

#include <array>
#include <atomic>
#include <cstring>
#include <optional>
#include <thread>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

const QByteArray kMagic("EICRDB\x01\n", 8);

// Texts of this file, in the translation context "RedisBackupFile" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(RedisBackupFile)
};

template <typename T>
void append(QByteArray &out, T value)
{
    T le = qToLittleEndian(value);
    out.append(reinterpret_cast<const char *>(&le), sizeof le);
}

} // namespace

namespace {

// CRC-32C (Castagnoli): the SSE 4.2 instruction where the CPU has it (every x86-64 of the last
// decade), a table otherwise. Per-record checksums must cost next to nothing next to the I/O.
quint32 crc32cSoftware(const char *data, qsizetype length, quint32 crc)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 i = 0; i < 256; ++i) {
            quint32 c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0x82F63B78u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (qsizetype i = 0; i < length; ++i)
        crc = table[(crc ^ static_cast<quint8>(data[i])) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) quint32 crc32cHardware(const char *data, qsizetype length, quint32 crc)
{
    quint64 c = ~crc;
    while (length >= 8) {
        quint64 v;
        std::memcpy(&v, data, 8);
        c = __builtin_ia32_crc32di(c, v);
        data += 8;
        length -= 8;
    }
    quint32 c32 = static_cast<quint32>(c);
    while (length-- > 0)
        c32 = __builtin_ia32_crc32qi(c32, static_cast<unsigned char>(*data++));
    return ~c32;
}
#endif

} // namespace

quint32 crc32(const char *data, qsizetype length, quint32 crc)
{
#if defined(__x86_64__)
    static const bool hardware = __builtin_cpu_supports("sse4.2");
    if (hardware)
        return crc32cHardware(data, length, crc);
#endif
    return crc32cSoftware(data, length, crc);
}

Result<std::unique_ptr<RedisBackupWriter>> RedisBackupWriter::create(const QString &path, const QJsonObject &header)
{
    std::unique_ptr<RedisBackupWriter> w(new RedisBackupWriter);
    w->m_file.setFileName(path);
    // The store's data (tokens, tenants' settings) is for its owner only, like the journal.
    if (!w->m_file.open(QIODevice::WriteOnly | QIODevice::Truncate, QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return Error{Tr::tr("Cannot write the backup %1: %2.").arg(path, w->m_file.errorString()), {}, 0};
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
        return Error{Tr::tr("Cannot write the backup %1: %2.").arg(m_file.fileName(), m_file.errorString()), {}, 0};
    m_bytes += data.size();
    return true;
}

Result<bool> RedisBackupWriter::write(const RedisRecord &record)
{
    const qsizetype keyLength = record.key.size();
    const qsizetype payloadLength = record.payload.size();
    const qsizetype total = 1 + 2 + 8 + 4 + keyLength + 4 + payloadLength + 4;
    m_scratch.resize(total);
    char *p = m_scratch.data();
    *p++ = static_cast<char>(record.kind);
    qToLittleEndian<quint16>(static_cast<quint16>(record.db), p);
    p += 2;
    qToLittleEndian<qint64>(record.expiresAtMs, p);
    p += 8;
    qToLittleEndian<quint32>(static_cast<quint32>(keyLength), p);
    p += 4;
    std::memcpy(p, record.key.constData(), static_cast<size_t>(keyLength));
    p += keyLength;
    qToLittleEndian<quint32>(static_cast<quint32>(payloadLength), p);
    p += 4;
    std::memcpy(p, record.payload.constData(), static_cast<size_t>(payloadLength));
    p += payloadLength;
    qToLittleEndian<quint32>(crc32(m_scratch.constData(), total - 4), p);
    ++m_records;
    return put(m_scratch);
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
        return Error{Tr::tr("Cannot write the backup %1: %2.").arg(m_file.fileName(), m_file.errorString()), {}, 0};
    m_bytes += 32;
    m_file.close();
    return true;
}

void RedisBackupWriter::abandon()
{
    m_file.close();
    m_file.remove();
}

namespace {

// The SHA-256 of the first `length` bytes of `path` into `out`; false if they could not all be
// read (or `stop` was set). Straight from the page cache where the file can be mapped (no copy),
// in windows that are unmapped at once (the process' memory stays constant); read otherwise.
bool hashPrefix(const QString &path, qint64 length, const std::atomic<bool> &stop, std::array<unsigned char, 32> &out)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly))
        return false;
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> hash(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr);
    qint64 left = length;
    constexpr qint64 window = 4 << 20;
    if (uchar *first = in.map(0, std::min<qint64>(left, window))) {
        in.unmap(first);
        for (qint64 at = 0; left > 0 && !stop;) {
            const qint64 n = std::min<qint64>(left, window);
            uchar *mapped = in.map(at, n);
            if (!mapped)
                return false;
            EVP_DigestUpdate(hash.get(), mapped, static_cast<size_t>(n));
            in.unmap(mapped);
            at += n;
            left -= n;
        }
    } else {
        QByteArray block(4 << 20, Qt::Uninitialized);
        while (left > 0 && !stop) {
            const qint64 n = in.read(block.data(), std::min<qint64>(left, block.size()));
            if (n <= 0)
                return false;
            EVP_DigestUpdate(hash.get(), block.constData(), static_cast<size_t>(n));
            left -= n;
        }
    }
    unsigned int digestLength = 0;
    EVP_DigestFinal_ex(hash.get(), out.data(), &digestLength);
    return left == 0;
}

// Records are parsed in place from a large buffer; only a record bigger than it grows it.
struct ScanBuffer {
    QFile &file;
    QByteArray buffer;
    qsizetype pos = 0;
    qint64 bufferStart = 0; // file offset of buffer[0]

    bool need(qint64 n)
    {
        if (buffer.size() - pos >= n)
            return true;
        buffer.remove(0, pos);
        bufferStart += pos;
        pos = 0;
        while (buffer.size() < n) {
            const QByteArray more = file.read(std::max<qint64>(4 << 20, n - buffer.size()));
            if (more.isEmpty())
                return false;
            buffer += more;
        }
        return true;
    }
    const char *at() const { return buffer.constData() + pos; }
};

// The records up to the footer's tag: each one's CRC checked, counted, handed to `onRecord`.
// The reason, if the file is damaged there.
std::optional<QString> scanRecords(ScanBuffer &in, RedisBackupSummary &summary, const std::function<bool(const RedisRecord &)> &onRecord,
                                   const std::function<bool()> &cancelled, std::optional<Error> &stopped)
{
    RedisRecord record;
    for (;;) {
        if (!in.need(1))
            return Tr::tr("the file ends before its footer");
        const char tag = *in.at();
        if (tag == 'F')
            return std::nullopt;
        if (tag != 'R' && tag != 'S')
            return Tr::tr("an unknown record type");
        if (!in.need(15))
            return Tr::tr("a record is incomplete");
        const quint32 keyLength = qFromLittleEndian<quint32>(in.at() + 11);
        if (keyLength > (512u << 20) || !in.need(15 + qint64(keyLength) + 4))
            return Tr::tr("a record is incomplete");
        const quint32 payloadLength = qFromLittleEndian<quint32>(in.at() + 15 + keyLength);
        const qint64 total = 15 + qint64(keyLength) + 4 + payloadLength + 4;
        if (!in.need(total))
            return Tr::tr("a record is incomplete");
        const char *p = in.at();
        if (crc32(p, total - 4) != qFromLittleEndian<quint32>(p + total - 4))
            return Tr::tr("the checksum of record %1 does not match").arg(summary.records + 1);
        const int db = qFromLittleEndian<quint16>(p + 1);
        ++summary.records;
        ++summary.recordsPerDb[db];
        if (onRecord) {
            record.kind = static_cast<RedisRecord::Kind>(tag);
            record.db = db;
            record.expiresAtMs = qFromLittleEndian<qint64>(p + 3);
            record.key = QByteArray(p + 15, keyLength);
            record.payload = QByteArray(p + 15 + keyLength + 4, payloadLength);
            if (!onRecord(record)) {
                stopped = Error{Tr::tr("Stopped."), {}, 0};
                return std::nullopt;
            }
        }
        in.pos += total;
        if (cancelled && (summary.records & 0xFFF) == 0 && cancelled()) {
            stopped = Error{Tr::tr("Cancelled."), {}, 0};
            return std::nullopt;
        }
    }
}

} // namespace

Result<RedisBackupSummary> RedisBackupReader::scan(const QString &path, const std::function<bool(const RedisRecord &)> &onRecord,
                                                   const std::function<bool()> &cancelled)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot read the backup %1: %2.").arg(path, file.errorString()), {}, 0};
    const qint64 size = file.size();
    if (size < 12 || file.read(8) != kMagic)
        return Error{Tr::tr("%1 is not a data store backup of eic-restore.").arg(path), {}, 0};
    file.seek(0);

    // The SHA-256 of everything before the last 32 bytes runs on a thread of its own while the
    // records are parsed and their CRCs checked here: verifying costs one pass, not two.
    std::atomic<bool> stop = false;
    std::array<unsigned char, 32> actual{};
    bool hashRead = false;
    std::thread hasher([&] { hashRead = hashPrefix(path, size - 32, stop, actual); });
    struct Join {
        std::thread &t;
        std::atomic<bool> &stop;
        ~Join()
        {
            stop = true;
            if (t.joinable())
                t.join();
        }
    } join{hasher, stop};

    ScanBuffer in{file, {}};
    auto damaged = [&](const QString &what) {
        return Error{Tr::tr("The backup %1 is damaged or truncated at byte %2: %3. Nothing was written.").arg(path).arg(in.bufferStart + in.pos).arg(what), {}, 0};
    };
    if (!in.need(12))
        return damaged(Tr::tr("the header is incomplete"));
    const quint32 headerLength = qFromLittleEndian<quint32>(in.buffer.constData() + 8);
    if (headerLength > (16u << 20) || !in.need(12 + headerLength))
        return damaged(Tr::tr("the header is incomplete"));
    RedisBackupSummary summary;
    summary.header = QJsonDocument::fromJson(in.buffer.mid(12, headerLength)).object();
    if (summary.header.value("version"_L1).toInt() > 1)
        return Error{Tr::tr("The backup %1 was written by a newer eic-restore; update to restore it.").arg(path), {}, 0};
    in.pos = 12 + headerLength;
    std::optional<Error> stopped;
    if (const auto reason = scanRecords(in, summary, onRecord, cancelled, stopped))
        return damaged(*reason);
    if (stopped)
        return *stopped;
    if (!in.need(1 + 16))
        return damaged(Tr::tr("the footer is incomplete"));
    const quint64 count = qFromLittleEndian<quint64>(in.at() + 1);
    summary.skipped = qFromLittleEndian<quint64>(in.at() + 9);
    in.pos += 17;
    if (!in.need(32))
        return damaged(Tr::tr("the footer's checksum is missing"));
    if (count != summary.records)
        return damaged(Tr::tr("the footer counts %1 records, the file holds %2").arg(count).arg(summary.records));
    if (in.bufferStart + in.pos + 32 != size)
        return damaged(Tr::tr("there are bytes after the footer"));
    hasher.join();
    if (!hashRead || std::memcmp(actual.data(), in.at(), 32) != 0)
        return damaged(Tr::tr("the SHA-256 of the file does not match its footer"));
    summary.bytes = size;
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
        return Error{Tr::tr("Cannot read the backup %1: %2.").arg(path, m_file.errorString()), {}, 0};
    if (!fill(12) || m_buffer.left(8) != kMagic)
        return Error{Tr::tr("%1 is not a data store backup of eic-restore.").arg(path), {}, 0};
    const quint32 length = qFromLittleEndian<quint32>(m_buffer.constData() + 8);
    if (!fill(12 + length))
        return Error{Tr::tr("The backup %1 changed since it was verified.").arg(path), {}, 0};
    const QJsonObject header = QJsonDocument::fromJson(m_buffer.mid(12, length)).object();
    m_pos = 12 + length;
    return header;
}

Result<bool> RedisBackupStream::next(RedisRecord *record)
{
    if (!fill(1))
        return Error{Tr::tr("The backup changed since it was verified (it ends early)."), {}, 0};
    if (m_buffer.at(m_pos) == 'F')
        return false;
    if (!fill(1 + 2 + 8 + 4))
        return Error{Tr::tr("The backup changed since it was verified."), {}, 0};
    const char *p = m_buffer.constData() + m_pos;
    if (*p != 'R' && *p != 'S')
        return Error{Tr::tr("The backup changed since it was verified (an unknown record type)."), {}, 0};
    record->kind = static_cast<RedisRecord::Kind>(*p);
    record->db = qFromLittleEndian<quint16>(p + 1);
    record->expiresAtMs = qFromLittleEndian<qint64>(p + 3);
    const quint32 keyLength = qFromLittleEndian<quint32>(p + 11);
    if (!fill(15 + keyLength + 4))
        return Error{Tr::tr("The backup changed since it was verified."), {}, 0};
    p = m_buffer.constData() + m_pos;
    const quint32 payloadLength = qFromLittleEndian<quint32>(p + 15 + keyLength);
    const qint64 total = 15 + keyLength + 4 + payloadLength + 4;
    if (!fill(total))
        return Error{Tr::tr("The backup changed since it was verified."), {}, 0};
    p = m_buffer.constData() + m_pos;
    record->key = QByteArray(p + 15, keyLength);
    record->payload = QByteArray(p + 15 + keyLength + 4, payloadLength);
    const quint32 stored = qFromLittleEndian<quint32>(p + total - 4);
    if (crc32(p, total - 4) != stored)
        return Error{Tr::tr("The backup changed since it was verified (a record's checksum)."), {}, 0};
    m_pos += total;
    return true;
}

QList<QByteArray> restoreCommand(const RedisRecord &record)
{
    if (record.kind == RedisRecord::Kind::String) {
        if (record.expiresAtMs < 0)
            return {"SET", record.key, record.payload};
        return {"SET", record.key, record.payload, "PXAT", QByteArray::number(record.expiresAtMs)};
    }
    return {"RESTORE", record.key, QByteArray::number(record.expiresAtMs < 0 ? 0 : record.expiresAtMs), record.payload, "REPLACE", "ABSTTL"};
}

namespace {

// Reads the RDB serialisation inside a DUMP payload: lengths and (int-encoded, LZF) strings.
class RdbReader {
public:
    explicit RdbReader(const QByteArray &data) : m_p(reinterpret_cast<const uchar *>(data.constData())), m_end(m_p + data.size()) {}
    bool ok() const { return m_ok; }
    int byte() { return need(1) ? *m_p++ : 0; }

    quint64 length(bool *encoded = nullptr)
    {
        if (encoded)
            *encoded = false;
        const int b = byte();
        switch (b >> 6) {
        case 0:
            return quint64(b & 0x3f);
        case 1:
            return quint64(b & 0x3f) << 8 | quint64(byte());
        case 2:
            if (b == 0x80 || b == 0x81) {
                quint64 v = 0;
                for (int i = 0; i < (b == 0x80 ? 4 : 8); ++i)
                    v = v << 8 | quint64(byte());
                return v;
            }
            m_ok = false;
            return 0;
        default:
            if (encoded)
                *encoded = true;
            return quint64(b & 0x3f);
        }
    }

    QByteArray string()
    {
        bool encoded = false;
        const quint64 len = length(&encoded);
        if (!m_ok)
            return {};
        if (!encoded) {
            if (!need(len))
                return {};
            QByteArray s(reinterpret_cast<const char *>(m_p), qsizetype(len));
            m_p += len;
            return s;
        }
        switch (len) {
        case 0:
            return QByteArray::number(qint8(byte()));
        case 1: {
            const int lo = byte();
            return QByteArray::number(qint16(lo | byte() << 8));
        }
        case 2: {
            quint32 v = 0;
            for (int i = 0; i < 4; ++i)
                v |= quint32(byte()) << (8 * i);
            return QByteArray::number(qint32(v));
        }
        case 3:
            return lzf();
        default:
            m_ok = false;
            return {};
        }
    }

private:
    bool need(quint64 n)
    {
        if (m_ok && quint64(m_end - m_p) >= n)
            return true;
        m_ok = false;
        return false;
    }

    QByteArray lzf()
    {
        const quint64 compressed = length();
        const quint64 size = length();
        if (!m_ok || size > (1u << 30) || !need(compressed))
            return {};
        const uchar *in = m_p;
        const uchar *inEnd = m_p + compressed;
        m_p += compressed;
        QByteArray out;
        out.reserve(qsizetype(size));
        while (in < inEnd) {
            const uint ctrl = *in++;
            if (ctrl < 32) { // a literal run
                if (quint64(inEnd - in) < ctrl + 1) {
                    m_ok = false;
                    return {};
                }
                out.append(reinterpret_cast<const char *>(in), ctrl + 1);
                in += ctrl + 1;
                continue;
            }
            uint len = ctrl >> 5; // a back reference
            if (len == 7) {
                if (in >= inEnd) {
                    m_ok = false;
                    return {};
                }
                len += *in++;
            }
            if (in >= inEnd) {
                m_ok = false;
                return {};
            }
            const qsizetype back = qsizetype((ctrl & 0x1f) << 8) + *in++ + 1;
            if (back > out.size()) {
                m_ok = false;
                return {};
            }
            for (uint i = 0; i < len + 2; ++i)
                out.append(out.at(out.size() - back));
        }
        if (quint64(out.size()) != size)
            m_ok = false;
        return out;
    }

    const uchar *m_p;
    const uchar *m_end;
    bool m_ok = true;
};

// RDB object types whose serialisation follows a hash table's iteration order.
constexpr int kRdbSet = 2;
constexpr int kRdbHash = 4;

std::optional<QList<QByteArray>> sortedElements(const QByteArray &payload)
{
    RdbReader r(payload);
    const int type = r.byte();
    if (type != kRdbSet && type != kRdbHash)
        return std::nullopt;
    const quint64 n = r.length();
    QList<QByteArray> elements;
    for (quint64 i = 0; r.ok() && i < n; ++i) {
        QByteArray e = r.string();
        if (type == kRdbHash) { // field and value, unambiguously joined
            const QByteArray value = r.string();
            e = QByteArray::number(e.size()) + ':' + e + value;
        }
        elements.append(e);
    }
    if (!r.ok())
        return std::nullopt;
    std::sort(elements.begin(), elements.end());
    return elements;
}

} // namespace

bool sameDumpValue(const QByteArray &a, const QByteArray &b)
{
    if (a == b)
        return true;
    if (a.isEmpty() || b.isEmpty() || a.front() != b.front())
        return false;
    const auto left = sortedElements(a);
    const auto right = left ? sortedElements(b) : std::nullopt;
    return left && right && *left == *right;
}

} // namespace eic::stores
