#pragma once

// Reads a watch stream line by line as events arrive (the test's view of a chunked response).

#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>

namespace eic::test {

class WatchReader : public QObject {
public:
    WatchReader(QNetworkAccessManager &network, const QNetworkRequest &request)
    {
        m_reply = network.get(request);
        connect(m_reply, &QNetworkReply::readyRead, this, [this] {
            m_buffer += m_reply->readAll();
            qsizetype nl;
            while ((nl = m_buffer.indexOf('\n')) >= 0) {
                events.append(QJsonDocument::fromJson(m_buffer.left(nl)).object());
                m_buffer.remove(0, nl + 1);
            }
        });
        connect(m_reply, &QNetworkReply::finished, this, [this] { finished = true; });
    }
    ~WatchReader() override
    {
        m_reply->abort();
        m_reply->deleteLater();
    }

    QNetworkReply *reply() const { return m_reply; }
    QList<QString> types() const
    {
        QList<QString> out;
        for (const auto &e : events)
            out.append(e.value(QLatin1StringView("type")).toString());
        return out;
    }

    QList<QJsonObject> events;
    bool finished = false;

private:
    QNetworkReply *m_reply;
    QByteArray m_buffer;
};

} // namespace eic::test
