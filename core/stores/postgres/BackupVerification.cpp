#include "BackupVerification.h"

#include "PgTools.h"
#include "util/ChildProcess.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>

#include <csignal>

using namespace Qt::StringLiterals;

namespace eic::stores {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(BackupVerification)
};

BackupCheck item(const char *name, BackupCheck::Outcome outcome, const QString &sentence)
{
    return {QLatin1StringView(name), outcome, sentence};
}

// What a file that is no custom archive is, from its first bytes: the sentence names it.
QString notAnArchive(const QByteArray &head, qint64 size)
{
    if (head.startsWith("PGDMP"))
        return {};
    if (size == 0)
        return Tr::tr("an empty file");
    if (head.startsWith("EICRDB"))
        return Tr::tr("a data store backup of eic-restore (restore it as the data store)");
    if (head.startsWith("REDIS"))
        return Tr::tr("a Redis snapshot (RDB)");
    if (head.startsWith("\x1f\x8b"))
        return Tr::tr("a gzip-compressed file");
    if (head.size() > 262 && head.mid(257, 5) == "ustar")
        return Tr::tr("a tar archive (a pg_dump -Ft dump? make a -Fc one)");
    if (head.contains("PostgreSQL database dump"))
        return Tr::tr("a plain SQL dump (restore it with psql)");
    return Tr::tr("a file of another kind");
}

// Runs the newest pg_restore over `archive` (it writes nothing but to `args`' target) and waits,
// polling `cancelled`. Its standard output, or pg_restore's own sentence.
Result<QByteArray> runPgRestore(const QStringList &args, const std::function<bool()> &cancelled)
{
    auto tools = PgTools::newest();
    if (!tools)
        return tools.error();
    QProcess p;
    util::makeRunChild(&p);
    p.setProcessEnvironment(toolEnvironment()); // it reads a file: no credentials at all
    p.start(tools->pgRestore, args);
    if (!p.waitForStarted(10000))
        return Error{Tr::tr("pg_restore could not be started: %1.").arg(p.errorString()), {}, 0};
    const auto child = util::recordOf(p);
    while (p.state() != QProcess::NotRunning && !p.waitForFinished(100)) {
        if (cancelled && cancelled()) {
            if (child)
                util::signalGroup(*child, SIGKILL);
            p.waitForFinished(5000);
            return Error{Tr::tr("Cancelled."), {}, 0};
        }
    }
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        const QString said = QString::fromUtf8(p.readAllStandardError()).trimmed().replace(u'\n', u' ');
        return Error{said.isEmpty() ? Tr::tr("pg_restore exited with status %1").arg(p.exitCode()) : said, {}, p.exitCode()};
    }
    return p.readAllStandardOutput();
}

BackupCheck sidecarCheck(const QString &archive, const std::function<bool()> &cancelled)
{
    QFile sidecar(archive + u".sha256"_s);
    if (!sidecar.exists())
        return item("checksum", BackupCheck::NotChecked, Tr::tr("no %1.sha256 next to it: its bytes are checked by reading it to the end").arg(QFileInfo(archive).fileName()));
    if (!sidecar.open(QIODevice::ReadOnly))
        return item("checksum", BackupCheck::Failed, Tr::tr("Cannot read %1: %2.").arg(sidecar.fileName(), sidecar.errorString()));
    const QString expected = QString::fromLatin1(sidecar.read(4096)).section(u' ', 0, 0).trimmed().toLower();
    BackupManifest one;
    one.files.append({QFileInfo(archive).fileName(), QFileInfo(archive).size(), expected});
    if (auto verified = one.verify(QFileInfo(archive).absolutePath(), cancelled); !verified)
        return item("checksum", BackupCheck::Failed, verified.error().message + Tr::tr(" Nothing was changed."));
    return item("checksum", BackupCheck::Passed, Tr::tr("its SHA-256 matches %1.sha256").arg(QFileInfo(archive).fileName()));
}

BackupVerification checkArchive(const QString &file, const std::function<bool()> &cancelled)
{
    BackupVerification v;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        v.checks.append(item("format", BackupCheck::Failed, Tr::tr("Cannot read %1: %2.").arg(file, f.errorString())));
        return v;
    }
    if (const QString kind = notAnArchive(f.read(512), f.size()); !kind.isEmpty()) {
        v.checks.append(item("format", BackupCheck::Failed,
                             Tr::tr("%1 is %2: not a pg_dump custom archive or an eic-restore backup folder. Nothing was changed.").arg(file, kind)));
        return v;
    }
    v.checks.append(item("format", BackupCheck::Passed, Tr::tr("a pg_dump custom archive")));
    v.checks.append(sidecarCheck(file, cancelled));
    if (!v.passed())
        return v;
    // The table of contents first (quick), then every data block: a file cut after its table of
    // contents lists fine and fails only where the data ends.
    const auto list = runPgRestore({u"--list"_s, file}, cancelled);
    v.checks.append(list ? item("table of contents", BackupCheck::Passed, Tr::tr("pg_restore --list reads it"))
                         : item("table of contents", BackupCheck::Failed,
                                Tr::tr("pg_restore cannot read the table of contents of %1: %2. Nothing was changed.").arg(file, list.error().message)));
    if (!list)
        return v;
    const auto data = runPgRestore({u"--file=/dev/null"_s, file}, cancelled);
    v.checks.append(data ? item("data", BackupCheck::Passed, Tr::tr("every data block was read to the end"))
                         : item("data", BackupCheck::Failed,
                                Tr::tr("%1 is damaged or incomplete: pg_restore cannot read it to the end: %2. Nothing was changed.").arg(file, data.error().message)));
    return v;
}

} // namespace

bool BackupVerification::passed() const
{
    return std::none_of(checks.begin(), checks.end(), [](const BackupCheck &c) { return c.outcome == BackupCheck::Failed; });
}

bool BackupVerification::complete() const
{
    return std::all_of(checks.begin(), checks.end(), [](const BackupCheck &c) { return c.outcome == BackupCheck::Passed; });
}

QStringList BackupVerification::notChecked() const
{
    QStringList out;
    for (const BackupCheck &c : checks)
        if (c.outcome == BackupCheck::NotChecked)
            out.append(c.item);
    return out;
}

QString BackupVerification::sentence() const
{
    for (const BackupCheck &c : checks)
        if (c.outcome == BackupCheck::Failed)
            return c.sentence;
    QStringList missing;
    for (const BackupCheck &c : checks)
        if (c.outcome == BackupCheck::NotChecked)
            missing.append(Tr::tr("%1 NOT checked: %2").arg(c.item, c.sentence));
    return missing.isEmpty() ? Tr::tr("The backup was verified completely.") : Tr::tr("The backup was verified; %1.").arg(missing.join(u"; "_s));
}

Error BackupVerification::error() const
{
    for (const BackupCheck &c : checks)
        if (c.outcome == BackupCheck::Failed)
            return Error{c.sentence, c.item, 0};
    return {};
}

QJsonObject BackupVerification::toJson() const
{
    static const char *const names[] = {"passed", "failed", "not checked"};
    QJsonArray items;
    for (const BackupCheck &c : checks)
        items.append(QJsonObject{{"item"_L1, c.item}, {"outcome"_L1, QLatin1StringView(names[c.outcome])}, {"sentence"_L1, c.sentence}});
    return {{"passed"_L1, passed()}, {"complete"_L1, complete()}, {"sentence"_L1, sentence()}, {"checks"_L1, items}};
}

BackupVerification BackupVerification::checkManifest(const QString &backupDir, BackupManifest *manifest)
{
    BackupVerification v;
    bool checksummed = false;
    auto read = BackupManifest::read(backupDir, &checksummed);
    if (!read) {
        v.checks.append(item(read.error().code == BackupManifest::ManifestChanged ? "manifest checksum" : "manifest", BackupCheck::Failed, read.error().message));
        return v;
    }
    if (manifest)
        *manifest = *read;
    v.checks.append(item("manifest", BackupCheck::Passed, Tr::tr("manifest.json is readable and every value in it is within bounds")));
    v.checks.append(checksummed ? item("manifest checksum", BackupCheck::Passed, Tr::tr("manifest.json matches %1").arg(QLatin1StringView(BackupManifest::kChecksumFile)))
                                : item("manifest checksum", BackupCheck::NotChecked,
                                       Tr::tr("the backup has no %1 (made by an older eic-restore): a change of its row counts or file list "
                                              "after the backup was taken would not be seen")
                                           .arg(QLatin1StringView(BackupManifest::kChecksumFile))));
    return v;
}

BackupVerification BackupVerification::check(const QString &path, const std::function<bool()> &cancelled, BackupFingerprint *seen, BackupManifest *manifest)
{
    const QFileInfo source(path);
    if (!source.exists()) {
        BackupVerification v;
        v.checks.append(item("backup", BackupCheck::Failed, Tr::tr("The backup %1 does not exist.").arg(path)));
        return v;
    }
    if (seen)
        *seen = fingerprintOf(path); // before reading: a change while it is read shows later
    if (source.isFile())
        return checkArchive(source.absoluteFilePath(), cancelled);
    BackupManifest m;
    BackupVerification v = checkManifest(path, &m);
    if (!v.passed())
        return v;
    if (manifest)
        *manifest = m;
    auto files = m.verify(path, cancelled);
    v.checks.append(files ? item("files", BackupCheck::Passed, Tr::tr("%n file(s): each one's size and SHA-256 match the manifest", nullptr, static_cast<int>(m.files.size())))
                          : item("files", BackupCheck::Failed, files.error().message + Tr::tr(" Nothing was changed.")));
    return v;
}

} // namespace eic::stores
