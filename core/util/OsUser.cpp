#include "OsUser.h"

#include <pwd.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::util {

QString osUser()
{
    if (const passwd *pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? u"unknown"_s : user;
}

QString osHome()
{
    if (const passwd *pw = ::getpwuid(::geteuid()); pw && pw->pw_dir)
        return QString::fromLocal8Bit(pw->pw_dir);
    return {};
}

} // namespace eic::util
