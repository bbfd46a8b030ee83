#pragma once

// An eic-sim running in the test's own process, and a client that talks to it over HTTPS
// with the sim's CA, for tests that need the HTTP behaviour of the API.

#include "ApiServer.h"
#include "SimCell.h"
#include "SimHost.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTest>
#include <QTimer>

#include <memory>

namespace eic::test {

struct HttpResult {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class SimFixture {
public:
    explicit SimFixture(std::optional<sim::Scenario> scenario = std::nullopt, const QString &kubeconfigOut = {})
    {
        sim::SimOptions options;
        options.scenario = std::move(scenario);
        options.kubeconfigOut = kubeconfigOut;
        QString error;
        m_host = std::make_unique<sim::SimHost>();
        m_ok = m_host->start(options, &error);
        m_error = error;
        if (m_ok) {
            m_tls = QSslConfiguration::defaultConfiguration();
            m_tls.setCaCertificates(QSslCertificate::fromData(m_host->caPem(), QSsl::Pem));
        }
    }

    bool ok() const { return m_ok; }
    QString error() const { return m_error; }
    sim::SimHost &host() { return *m_host; }
    sim::SimCell &cell() { return m_host->cell(); }
    QNetworkAccessManager &network() { return m_network; }

    QNetworkRequest request(const QString &pathAndQuery, const QString &token = QStringLiteral("<host>")) const
    {
        QUrl url = m_host->url();
        const qsizetype q = pathAndQuery.indexOf(u'?');
        url.setPath(q < 0 ? pathAndQuery : pathAndQuery.left(q));
        if (q >= 0)
            url.setQuery(pathAndQuery.mid(q + 1));
        QNetworkRequest req(url);
        req.setSslConfiguration(m_tls);
        req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
        const QString t = token == QStringLiteral("<host>") ? m_host->token() : token;
        if (!t.isEmpty())
            req.setRawHeader("Authorization", "Bearer " + t.toUtf8());
        return req;
    }

    // One request, waited for with a timeout (the event loop keeps the sim running meanwhile).
    HttpResult send(const QByteArray &verb, const QString &path, const QByteArray &body = {},
                    const QByteArray &contentType = "application/json", const QString &token = QStringLiteral("<host>"),
                    const QByteArray &accept = "application/json")
    {
        QNetworkRequest req = request(path, token);
        req.setRawHeader("Accept", accept);
        if (!body.isEmpty())
            req.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
        QNetworkReply *reply = m_network.sendCustomRequest(req, verb, body);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(15000, &loop, &QEventLoop::quit);
        loop.exec();
        HttpResult r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->isFinished() ? reply->error() : QNetworkReply::TimeoutError;
        r.body = reply->readAll();
        reply->deleteLater();
        return r;
    }

    HttpResult get(const QString &path) { return send("GET", path); }

private:
    std::unique_ptr<sim::SimHost> m_host;
    QNetworkAccessManager m_network;
    QSslConfiguration m_tls;
    bool m_ok = false;
    QString m_error;
};

inline QString outputDir()
{
    const QString dir = qEnvironmentVariable("EIC_TEST_OUTPUT_DIR");
    return dir.isEmpty() ? QStringLiteral(".") : dir;
}

} // namespace eic::test
