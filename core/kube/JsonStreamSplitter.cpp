#include "JsonStreamSplitter.h"

namespace eic::kube {

void JsonStreamSplitter::reset()
{
    *this = JsonStreamSplitter();
}

QList<QByteArray> JsonStreamSplitter::feed(const QByteArray &bytes)
{
    QList<QByteArray> out;
    m_buffer.append(bytes);
    qsizetype consumed = 0;
    for (qsizetype i = m_scanned; i < m_buffer.size(); ++i) {
        const char c = m_buffer.at(i);
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            if (m_depth++ == 0)
                m_start = i;
        } else if (c == '}' || c == ']') {
            if (m_depth > 0 && --m_depth == 0) {
                out.append(m_buffer.mid(m_start, i - m_start + 1));
                consumed = i + 1;
                m_start = -1;
            }
        } else if (m_depth == 0) {
            consumed = i + 1; // whitespace between documents
        }
    }
    m_buffer.remove(0, consumed);
    m_scanned = m_buffer.size();
    if (m_start >= 0)
        m_start -= consumed;
    return out;
}

} // namespace eic::kube
