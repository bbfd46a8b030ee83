#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QUrlQuery>

namespace eic::sim {

// What the sim needs of an HTTP request, copied out of QHttpServerRequest so that it can be
// answered later (added latency) and tested without a socket.
struct ApiRequest {
    QString method; // "GET", "PATCH", ...
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    // Decoded as Go's url.ParseQuery does: a '+' is a space (kubectl sends "app+in+(x)"), %2B a plus.
    QString param(const char *name) const
    {
        QString encoded = query.queryItemValue(QString::fromLatin1(name), QUrl::FullyEncoded);
        encoded.replace(u'+', QLatin1StringView("%20"));
        return QUrl::fromPercentEncoding(encoded.toLatin1());
    }
    bool hasParam(const char *name) const { return query.hasQueryItem(QString::fromLatin1(name)); }
    bool flag(const char *name) const
    {
        const QString v = param(name);
        return v == QLatin1StringView("true") || v == QLatin1StringView("1");
    }
};

// The parts of a resource URL: /api/v1/namespaces/NS/pods/NAME or /apis/G/V/namespaces/NS/R/NAME/SUB.
struct ResourcePath {
    QString group;
    QString version;
    QString ns;
    QString resource;
    QString name;
    QString subresource;

    static bool parse(const QString &path, ResourcePath *out);
};

} // namespace eic::sim
