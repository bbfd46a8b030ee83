#pragma once

#include <QByteArray>
#include <QList>

namespace eic::kube {

// Splits a watch stream into its JSON documents, whatever the chunking: an event may arrive
// split across reads, or several may arrive joined in one (with or without newlines between).
class JsonStreamSplitter {
public:
    // Appends bytes and returns every document completed by them.
    QList<QByteArray> feed(const QByteArray &bytes);
    qsizetype pendingBytes() const { return m_buffer.size(); }
    void reset();

private:
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // bytes of m_buffer already scanned
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    qsizetype m_start = -1;
};

} // namespace eic::kube
