#include "Versions.h"

#include <QtGlobal>

#include <hiredis/hiredis.h>
#include <libpq-fe.h>
#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <spdlog/version.h>

using namespace Qt::StringLiterals;

namespace eic {

QList<QPair<QString, QString>> libraryVersions()
{
    const int pq = PQlibVersion(); // 150018 -> 15.18
    return {
        {u"Qt"_s, QString::fromLatin1(qVersion())},
        {u"libpq"_s, u"%1.%2"_s.arg(pq / 10000).arg(pq % 10000)},
        {u"hiredis"_s, u"%1.%2.%3"_s.arg(HIREDIS_MAJOR).arg(HIREDIS_MINOR).arg(HIREDIS_PATCH)},
        {u"OpenSSL"_s, QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION)).section(u' ', 1, 1)},
        {u"spdlog"_s, u"%1.%2.%3"_s.arg(SPDLOG_VER_MAJOR).arg(SPDLOG_VER_MINOR).arg(SPDLOG_VER_PATCH)},
    };
}

} // namespace eic
