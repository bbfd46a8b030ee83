#include "ProfileStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace eic::profiles {

ProfileStore::ProfileStore(QString path)
    : m_path(std::move(path))
{
}

QString ProfileStore::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + u"/profiles.json"_s;
}

Result<bool> ProfileStore::load()
{
    m_profiles.clear();
    m_readOnly = false;
    QFile f(m_path);
    if (!f.exists())
        return true;
    if (!f.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("ProfileStore", "Cannot read the profiles %1: %2.").arg(m_path, f.errorString()), {}, 0};
    const QByteArray text = f.readAll();
    f.close();
    const QString aside = m_path + u".%1.bak"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    const int version = doc.object().value("version"_L1).toInt(-1);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || version < 1) {
        QFile::copy(m_path, aside);
        return Error{QCoreApplication::translate("ProfileStore", "The profile file %1 is damaged; it was kept as %2 and the app starts with no profiles. Re-create them or repair the copy and import it.")
                         .arg(m_path, aside),
                     parseError.errorString(), 0};
    }
    if (version > kVersion) {
        m_readOnly = true;
        QFile::copy(m_path, aside);
        return Error{QCoreApplication::translate("ProfileStore", "The profile file %1 was written by a newer eic-restore (format %2, this one reads %3). It is left unchanged (a copy is at %4); update eic-restore to edit profiles.")
                         .arg(m_path)
                         .arg(version)
                         .arg(kVersion)
                         .arg(aside),
                     {}, 0};
    }
    for (const auto &v : doc.object().value("profiles"_L1).toArray()) {
        auto p = Profile::fromJson(v.toObject());
        if (!p) {
            QFile::copy(m_path, aside);
            m_profiles.clear();
            return Error{QCoreApplication::translate("ProfileStore", "The profile file %1 is damaged (%2); it was kept as %3.").arg(m_path, p.error().message, aside), {}, 0};
        }
        m_profiles.append(*p);
    }
    return true;
}

const Profile *ProfileStore::find(const QString &nameOrId) const
{
    for (const Profile &p : m_profiles) {
        if (p.name == nameOrId || p.id == nameOrId)
            return &p;
    }
    return nullptr;
}

Result<bool> ProfileStore::add(const Profile &profile)
{
    const QStringList problems = profile.validate();
    if (!problems.isEmpty())
        return Error{QCoreApplication::translate("ProfileStore", "The profile is not valid: %1.").arg(problems.join(u"; "_s)), {}, 0};
    if (find(profile.name))
        return Error{QCoreApplication::translate("ProfileStore", "A profile named \"%1\" exists already.").arg(profile.name), {}, 0};
    Profile p = profile;
    if (p.id.isEmpty())
        p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_profiles.append(p);
    auto saved = save();
    if (!saved)
        m_profiles.removeLast();
    return saved;
}

Result<bool> ProfileStore::update(const Profile &profile)
{
    const QStringList problems = profile.validate();
    if (!problems.isEmpty())
        return Error{QCoreApplication::translate("ProfileStore", "The profile is not valid: %1.").arg(problems.join(u"; "_s)), {}, 0};
    for (const Profile &other : m_profiles) {
        if (other.name == profile.name && other.id != profile.id)
            return Error{QCoreApplication::translate("ProfileStore", "A profile named \"%1\" exists already.").arg(profile.name), {}, 0};
    }
    for (Profile &p : m_profiles) {
        if (p.id == profile.id) {
            const Profile before = p;
            p = profile;
            auto saved = save();
            if (!saved)
                p = before;
            return saved;
        }
    }
    return Error{QCoreApplication::translate("ProfileStore", "There is no profile with id %1.").arg(profile.id), {}, 0};
}

Result<bool> ProfileStore::remove(const QString &id)
{
    const auto before = m_profiles;
    m_profiles.removeIf([&](const Profile &p) { return p.id == id; });
    if (m_profiles.size() == before.size())
        return Error{QCoreApplication::translate("ProfileStore", "There is no profile with id %1.").arg(id), {}, 0};
    auto saved = save();
    if (!saved)
        m_profiles = before;
    return saved;
}

QByteArray ProfileStore::exportJson(const QList<Profile> &profiles)
{
    QJsonArray list;
    for (const Profile &p : profiles)
        list.append(p.toJson());
    return QJsonDocument(QJsonObject{{"version"_L1, kVersion}, {"profiles"_L1, list}}).toJson(QJsonDocument::Indented);
}

Result<QList<Profile>> ProfileStore::importJson(const QByteArray &json)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return Error{QCoreApplication::translate("ProfileStore", "The file is not a profile export (not a JSON object)."), parseError.errorString(), 0};
    if (doc.object().value("version"_L1).toInt(-1) > kVersion)
        return Error{QCoreApplication::translate("ProfileStore", "The export was written by a newer eic-restore; update to import it."), {}, 0};
    QList<Profile> out;
    for (const auto &v : doc.object().value("profiles"_L1).toArray()) {
        auto p = Profile::fromJson(v.toObject());
        if (!p)
            return p.error();
        out.append(*p);
    }
    return out;
}

Result<bool> ProfileStore::save()
{
    if (m_readOnly)
        return Error{QCoreApplication::translate("ProfileStore", "The profile file %1 belongs to a newer eic-restore; it is not changed.").arg(m_path), {}, 0};
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return Error{QCoreApplication::translate("ProfileStore", "Cannot write the profiles to %1: %2.").arg(m_path, f.errorString()), {}, 0};
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(exportJson(m_profiles));
    if (!f.commit())
        return Error{QCoreApplication::translate("ProfileStore", "Cannot write the profiles to %1: %2.").arg(m_path, f.errorString()), {}, 0};
    return true;
}

} // namespace eic::profiles
