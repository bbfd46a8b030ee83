#include "ProfileStore.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::profiles {

namespace {

// Texts of this file, in the translation context "ProfileStore".
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(ProfileStore)
};

// Why a file's text is not a list of profiles (Error::code); the detail says where.
enum Problem { Damaged = 1, Newer = 2 };

Result<QList<Profile>> parse(const QByteArray &text)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    const int version = doc.object().value("version"_L1).toInt(-1);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || version < 1)
        return Error{{}, parseError.error != QJsonParseError::NoError ? parseError.errorString() : u"no version"_s, Damaged};
    if (version > ProfileStore::kVersion)
        return Error{{}, QString::number(version), Newer};
    QList<Profile> out;
    for (const auto &v : doc.object().value("profiles"_L1).toArray()) {
        auto p = Profile::fromJson(v.toObject());
        if (!p)
            return Error{{}, p.error().message, Damaged};
        out.append(*p);
    }
    return out;
}

Result<QList<Profile>> readFile(const QString &path)
{
    QFile f(path);
    if (!f.exists())
        return QList<Profile>();
    if (!f.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot read the profiles %1: %2.").arg(path, f.errorString()), {}, 0};
    return parse(f.readAll());
}

// Two profiles the same but for their names (a profile moved before, then renamed).
bool sameButName(Profile a, Profile b)
{
    a.name.clear();
    b.name.clear();
    return a.toJson() == b.toJson();
}

QString freeName(const QList<Profile> &profiles, const QString &name, const QString &from)
{
    auto taken = [&](const QString &n) { return std::any_of(profiles.cbegin(), profiles.cend(), [&](const Profile &p) { return p.name == n; }); };
    QString candidate = Tr::tr("%1 (from %2)").arg(name, from);
    for (int i = 2; taken(candidate); ++i)
        candidate = Tr::tr("%1 (from %2, %3)").arg(name, from).arg(i);
    return candidate;
}

// Adds the profiles of an earlier file to `into`; never drops one: a name that is taken is
// renamed, an id that is taken by a different profile gets a new id. Says what it did in
// `notes` and, for what the admin must know, in `warnings`.
void merge(QList<Profile> &into, const QList<Profile> &moved, const QString &from, QStringList &notes, QStringList &warnings)
{
    for (Profile p : moved) {
        const auto sameId = std::find_if(into.cbegin(), into.cend(), [&](const Profile &q) { return q.id == p.id; });
        if (sameId != into.cend() && sameButName(*sameId, p))
            continue; // moved already
        if (sameId != into.cend()) {
            warnings.append(Tr::tr("The profile \"%1\" of %2 shares its id with \"%3\"; it was moved with a new id, so its secrets must be entered again.")
                             .arg(p.name, from, sameId->name));
            p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        }
        if (std::any_of(into.cbegin(), into.cend(), [&](const Profile &q) { return q.name == p.name; })) {
            const QString renamed = freeName(into, p.name, from);
            warnings.append(Tr::tr("The profile \"%1\" of %2 was renamed to \"%3\": a profile of that name exists already.").arg(p.name, from, renamed));
            p.name = renamed;
        } else {
            notes.append(Tr::tr("The profile \"%1\" of %2 was moved into the shared profile file.").arg(p.name, from));
        }
        into.append(p);
    }
}

} // namespace

ProfileStore::ProfileStore()
    : ProfileStore(defaultPath(), legacyPaths())
{
}

ProfileStore::ProfileStore(QString path, QStringList legacyFiles)
    : m_path(std::move(path))
    , m_legacy(std::move(legacyFiles))
{
}

QString ProfileStore::defaultPath()
{
    // Not AppConfigLocation: that differs between eic-restore and eicctl, which share profiles.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/eic-restore/profiles.json"_s;
}

QStringList ProfileStore::legacyPaths()
{
    // AppConfigLocation of each program before the shared file (organisation eic-restore); the
    // GUI's first, so its names win a clash.
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) + u"/eic-restore/"_s;
    return {base + u"eic-restore/profiles.json"_s, base + u"eicctl/profiles.json"_s};
}

void ProfileStore::migrate()
{
    const QStringList legacy = std::exchange(m_legacy, {});
    if (std::none_of(legacy.cbegin(), legacy.cend(), [](const QString &f) { return QFile::exists(f); }))
        return;
    QStringList moved;
    QStringList notes;
    QStringList warnings;
    auto changed = modify([&](QList<Profile> &profiles) -> Result<bool> {
        for (const QString &file : legacy) {
            if (!QFile::exists(file))
                continue; // or moved by the other program meanwhile
            auto old = readFile(file);
            if (!old) {
                warnings.append(Tr::tr("The profiles of %1 were not moved (%2); the file is left as it is.")
                                    .arg(file, old.error().message.isEmpty() ? old.error().detail : old.error().message));
                continue;
            }
            merge(profiles, *old, QFileInfo(file).dir().dirName(), notes, warnings);
            moved.append(file);
        }
        return true;
    }, [&] {
        // Kept, renamed, so nothing is lost and the next start does not move it again.
        for (const QString &file : std::as_const(moved)) {
            QString aside = file + u".migrated"_s;
            if (QFile::exists(aside))
                aside += u'.' + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s);
            if (!QFile::rename(file, aside))
                warnings.append(Tr::tr("%1 could not be renamed after its profiles were moved.").arg(file));
        }
    });
    if (!changed) {
        notes.clear();
        warnings.append(Tr::tr("The profiles of the earlier files were not moved: %1").arg(changed.error().toString()));
    }
    for (const QString &note : std::as_const(notes))
        spdlog::info("profiles: {}", note.toStdString());
    for (const QString &warning : std::as_const(warnings))
        spdlog::warn("profiles: {}", warning.toStdString());
    m_migrationNotes = warnings + notes;
}

Result<bool> ProfileStore::load()
{
    m_profiles.clear();
    m_readOnly = false;
    if (!m_legacy.isEmpty())
        migrate();
    auto read = readFile(m_path);
    if (read) {
        m_profiles = *read;
        return true;
    }
    if (read.error().code != Damaged && read.error().code != Newer)
        return read.error();
    const QString aside = m_path + u".%1.bak"_s.arg(QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s));
    QFile::copy(m_path, aside);
    if (read.error().code == Newer) {
        m_readOnly = true;
        return Error{Tr::tr("The profile file %1 was written by a newer eic-restore (format %2, this one reads %3). It is left unchanged (a copy is at %4); update eic-restore to edit profiles.")
                         .arg(m_path, read.error().detail)
                         .arg(kVersion)
                         .arg(aside),
                     {}, 0};
    }
    return Error{Tr::tr("The profile file %1 is damaged; it was kept as %2 and the app starts with no profiles. Re-create them or repair the copy and import it.")
                     .arg(m_path, aside),
                 read.error().detail, 0};
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
        return Error{Tr::tr("The profile is not valid: %1.").arg(problems.join(u"; "_s)), {}, 0};
    return modify([&](QList<Profile> &profiles) -> Result<bool> {
        for (const Profile &other : std::as_const(profiles))
            if (other.name == profile.name)
                return Error{Tr::tr("A profile named \"%1\" exists already.").arg(profile.name), {}, 0};
        Profile p = profile;
        if (p.id.isEmpty())
            p.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        profiles.append(p);
        return true;
    });
}

Result<bool> ProfileStore::update(const Profile &profile)
{
    const QStringList problems = profile.validate();
    if (!problems.isEmpty())
        return Error{Tr::tr("The profile is not valid: %1.").arg(problems.join(u"; "_s)), {}, 0};
    return modify([&](QList<Profile> &profiles) -> Result<bool> {
        for (const Profile &other : std::as_const(profiles)) {
            if (other.name == profile.name && other.id != profile.id)
                return Error{Tr::tr("A profile named \"%1\" exists already.").arg(profile.name), {}, 0};
        }
        for (Profile &p : profiles) {
            if (p.id == profile.id) {
                p = profile;
                return true;
            }
        }
        return Error{Tr::tr("There is no profile with id %1.").arg(profile.id), {}, 0};
    });
}

Result<bool> ProfileStore::remove(const QString &id)
{
    return modify([&](QList<Profile> &profiles) -> Result<bool> {
        if (profiles.removeIf([&](const Profile &p) { return p.id == id; }) == 0)
            return Error{Tr::tr("There is no profile with id %1.").arg(id), {}, 0};
        return true;
    });
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
    auto parsed = parse(json);
    if (parsed)
        return parsed;
    if (parsed.error().code == Newer)
        return Error{Tr::tr("The export was written by a newer eic-restore; update to import it."), {}, 0};
    return Error{Tr::tr("The file is not a profile export (%1).").arg(parsed.error().detail), {}, 0};
}

Result<bool> ProfileStore::modify(const Change &change, const std::function<void()> &afterWrite)
{
    if (m_readOnly)
        return Error{Tr::tr("The profile file %1 belongs to a newer eic-restore; it is not changed.").arg(m_path), {}, 0};
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    // eic-restore and eicctl may save at the same moment: one waits for the other.
    QLockFile lock(m_path + u".lock"_s);
    lock.setStaleLockTime(30000);
    if (!lock.tryLock(10000))
        return Error{Tr::tr("The profiles are being changed by another eic-restore or eicctl (lock %1); try again.").arg(lock.fileName()), {}, 0};
    auto current = readFile(m_path);
    if (!current) {
        if (current.error().code == Newer)
            m_readOnly = true;
        return Error{current.error().code == Newer ? Tr::tr("The profile file %1 was replaced by a newer eic-restore; it is not changed.").arg(m_path)
                     : current.error().code == Damaged ? Tr::tr("The profile file %1 is damaged; it is not changed. Repair it, or move it aside and restart.").arg(m_path)
                                                       : current.error().message,
                     current.error().detail, 0};
    }
    adopt(*current); // what is on disk now, also when the change is refused
    QList<Profile> profiles = *current;
    if (auto changed = change(profiles); !changed)
        return changed;
    if (auto written = write(profiles); !written)
        return written;
    if (afterWrite)
        afterWrite();
    adopt(profiles);
    return true;
}

void ProfileStore::adopt(const QList<Profile> &profiles)
{
    // In place when the count is the same, so a caller's find() pointer survives an update.
    if (profiles.size() != m_profiles.size()) {
        m_profiles = profiles;
        return;
    }
    for (qsizetype i = 0; i < profiles.size(); ++i)
        m_profiles[i] = profiles.at(i);
}

Result<bool> ProfileStore::write(const QList<Profile> &profiles)
{
    QSaveFile f(m_path);
    if (!f.open(QIODevice::WriteOnly))
        return Error{Tr::tr("Cannot write the profiles to %1: %2.").arg(m_path, f.errorString()), {}, 0};
    f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    f.write(exportJson(profiles));
    if (!f.commit())
        return Error{Tr::tr("Cannot write the profiles to %1: %2.").arg(m_path, f.errorString()), {}, 0};
    return true;
}

} // namespace eic::profiles
