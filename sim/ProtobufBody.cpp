#include "ProtobufBody.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace eic::sim {

namespace {

// The protobuf wire format, just enough of it: varints and length-delimited fields.
class Reader {
public:
    explicit Reader(const QByteArray &data) : m_data(data) {}

    // Reads all length-delimited fields of the message; other wire types are skipped.
    std::optional<QHash<int, QByteArray>> fields()
    {
        QHash<int, QByteArray> out;
        while (m_pos < m_data.size()) {
            const auto key = varint();
            if (!key)
                return std::nullopt;
            const int field = static_cast<int>(*key >> 3);
            switch (*key & 7) {
            case 0:
                if (!varint())
                    return std::nullopt;
                break;
            case 1:
                m_pos += 8;
                break;
            case 5:
                m_pos += 4;
                break;
            case 2: {
                const auto length = varint();
                if (!length || m_pos + static_cast<qsizetype>(*length) > m_data.size())
                    return std::nullopt;
                out.insert(field, m_data.mid(m_pos, static_cast<qsizetype>(*length)));
                m_pos += static_cast<qsizetype>(*length);
                break;
            }
            default:
                return std::nullopt;
            }
        }
        if (m_pos > m_data.size())
            return std::nullopt;
        return out;
    }

private:
    std::optional<quint64> varint()
    {
        quint64 value = 0;
        for (int shift = 0; shift < 64 && m_pos < m_data.size(); shift += 7) {
            const auto byte = static_cast<quint8>(m_data.at(m_pos++));
            value |= static_cast<quint64>(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return value;
        }
        return std::nullopt;
    }

    QByteArray m_data;
    qsizetype m_pos = 0;
};

} // namespace

std::optional<QJsonObject> ProtobufBody::decodeSelfSubjectAccessReview(const QByteArray &body)
{
    static const QByteArray magic("k8s\0", 4);
    if (!body.startsWith(magic))
        return std::nullopt;
    auto unknown = Reader(body.mid(4)).fields(); // runtime.Unknown: 1 typeMeta, 2 raw
    if (!unknown)
        return std::nullopt;
    auto typeMeta = Reader(unknown->value(1)).fields();
    if (!typeMeta || typeMeta->value(2) != "SelfSubjectAccessReview")
        return std::nullopt;
    auto review = Reader(unknown->value(2)).fields(); // 1 metadata, 2 spec
    if (!review)
        return std::nullopt;
    auto spec = Reader(review->value(2)).fields(); // 1 resourceAttributes, 2 nonResourceAttributes
    if (!spec)
        return std::nullopt;
    QJsonObject specJson;
    if (spec->contains(1)) {
        auto attrs = Reader(spec->value(1)).fields();
        if (!attrs)
            return std::nullopt;
        const char *names[] = {"namespace", "verb", "group", "version", "resource", "subresource", "name"};
        QJsonObject a;
        for (int i = 0; i < 7; ++i) {
            if (attrs->contains(i + 1))
                a[QLatin1StringView(names[i])] = QString::fromUtf8(attrs->value(i + 1));
        }
        specJson["resourceAttributes"_L1] = a;
    }
    if (spec->contains(2)) {
        auto attrs = Reader(spec->value(2)).fields();
        if (!attrs)
            return std::nullopt;
        specJson["nonResourceAttributes"_L1] = QJsonObject{{"path"_L1, QString::fromUtf8(attrs->value(1))},
                                                          {"verb"_L1, QString::fromUtf8(attrs->value(2))}};
    }
    return QJsonObject{{"kind"_L1, "SelfSubjectAccessReview"_L1}, {"apiVersion"_L1, "authorization.k8s.io/v1"_L1}, {"spec"_L1, specJson}};
}

} // namespace eic::sim
