#include "Journal.h"

#include "Events.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace eic::restore {

namespace {

// Texts of this file, in the translation context "Journal" (lupdate reads the macro).
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Journal)
};

} // namespace

Journal::~Journal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

QString Journal::runsDir()
{
    const QString over = qEnvironmentVariable("EIC_RESTORE_RUNS_DIR");
    if (!over.isEmpty())
        return over;
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/eic-restore/runs"_s;
}

Result<std::unique_ptr<Journal>> Journal::create(const QString &runId)
{
    const QString dir = runsDir();
    if (!QDir().mkpath(dir))
        return Error{Tr::tr("Cannot create the journal folder %1.").arg(dir), {}, 0};
    ::chmod(QFile::encodeName(dir).constData(), 0700);
    const QString path = QDir(dir).filePath(runId + u".jsonl"_s);
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{Tr::tr("Cannot create the run's journal %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno))), {}, 0};
    auto j = std::make_unique<Journal>();
    j->m_fd = fd;
    j->m_path = path;
    j->m_runId = runId;
    // The directory entry itself must survive a crash too.
    if (const int dfd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return j;
}

Result<std::unique_ptr<Journal>> Journal::reopen(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        return Error{Tr::tr("Cannot open the run's journal %1: %2.").arg(path, QString::fromLocal8Bit(std::strerror(errno))), {}, 0};
    // A crash mid-write may have left a torn line: end it, so the next event starts clean.
    QFile f(path);
    if (f.open(QIODevice::ReadOnly) && f.size() > 0 && f.seek(f.size() - 1) && f.read(1) != "\n")
        (void)!::write(fd, "\n", 1);
    auto j = std::make_unique<Journal>();
    j->m_fd = fd;
    j->m_path = path;
    j->m_runId = QFileInfo(path).completeBaseName();
    return j;
}

Result<QJsonObject> Journal::append(const QString &event, QJsonObject fields)
{
    fields["t"_L1] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    fields["event"_L1] = event;
    QByteArray line = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    line += '\n';
    qsizetype written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(m_fd, line.constData() + written, static_cast<size_t>(line.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return Error{Tr::tr("Cannot write the run's journal %1: %2. The run stops here.").arg(m_path, QString::fromLocal8Bit(std::strerror(errno))), {}, 0};
        written += n;
    }
    if (::fdatasync(m_fd) != 0)
        return Error{Tr::tr("Cannot flush the run's journal %1 to disk: %2.").arg(m_path, QString::fromLocal8Bit(std::strerror(errno))), {}, 0};
    return fields;
}

Result<QList<QJsonObject>> Journal::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error{Tr::tr("Cannot read the journal %1: %2.").arg(path, f.errorString()), {}, 0};
    QList<QJsonObject> events;
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        const QJsonDocument doc = QJsonDocument::fromJson(line);
        if (doc.isObject())
            events.append(doc.object()); // a torn line (crash mid-write) is not an object: skipped
    }
    return events;
}

QStringList Journal::all()
{
    QDir dir(runsDir());
    QStringList out;
    const auto files = dir.entryInfoList({u"*.jsonl"_s}, QDir::Files, QDir::Time);
    for (const QFileInfo &fi : files)
        out.append(fi.absoluteFilePath());
    return out;
}

double Journal::lastDowntimeSeconds(const QString &target)
{
    for (const QString &path : all()) {
        auto events = read(path);
        if (!events || events->isEmpty() || !events->constLast().value("outcome"_L1).toString().startsWith(ev::Complete))
            continue;
        if (events->constFirst().value("target"_L1) == target)
            return events->constLast().value("downtimeSeconds"_L1).toDouble(-1);
    }
    return -1;
}

QStringList Journal::unfinished()
{
    QStringList out;
    for (const QString &path : all()) {
        auto state = JournalState::load(path);
        if (state && !state->finished)
            out.append(path);
    }
    return out;
}

Result<JournalState> JournalState::load(const QString &path)
{
    auto events = Journal::read(path);
    if (!events)
        return events.error();
    JournalState s;
    s.path = path;
    s.runId = QFileInfo(path).completeBaseName();
    bool started = false;
    for (const QJsonObject &e : *events) {
        const QString name = e.value("event"_L1).toString();
        if (name == ev::RunStarted) {
            auto plan = RestorePlan::fromJson(e.value("plan"_L1).toObject());
            if (!plan)
                return plan.error();
            s.plan = *plan;
            s.start = e;
            s.operatorName = e.value("operator"_L1).toString();
            s.kubeContext = e.value("context"_L1).toString();
            s.accepted = e.value("accepted"_L1).toVariant().toStringList();
            started = true;
        } else if (name == ev::CautionAcknowledged) {
            if (const QString id = e.value("id"_L1).toString(); !s.accepted.contains(id))
                s.accepted.append(id);
        } else if (name == ev::CellIdentity) {
            s.cellIdentity = e;
            s.cellIdentity.remove("t"_L1);
            s.cellIdentity.remove("event"_L1);
        } else if (name == ev::StoreIdentity) {
            s.storeIdentity = e;
            s.storeIdentity.remove("t"_L1);
            s.storeIdentity.remove("event"_L1);
        } else if (name == ev::ChildStarted) {
            s.children.append(util::ChildRecord::fromJson(e));
        } else if (name == ev::ChildEnded) {
            const qint64 pid = e.value("pid"_L1).toInteger();
            s.children.removeIf([pid](const util::ChildRecord &c) { return c.pid == pid; });
        } else if (name == ev::ComponentRecorded) {
            s.recorded.insert(e.value("name"_L1).toString(), e.value("replicas"_L1).toInt());
        } else if (name == ev::StepStarted) {
            s.stepsStarted.append(e.value("step"_L1).toString());
        } else if (name == ev::Scaled) {
            // Down from the first scale to 0; a rollback's scale back up ends that stretch.
            if (e.value("rollback"_L1).toBool())
                s.downSince = {};
            else if (e.value("to"_L1).toInt(-1) == 0 && !s.downSince.isValid())
                s.downSince = QDateTime::fromString(e.value("t"_L1).toString(), Qt::ISODateWithMs);
        } else if (name == ev::StepFinished) {
            s.stepsFinished.append(e.value("step"_L1).toString());
        } else if (name == ev::DataStarted) {
            s.dataState = dataStateName(DataState::Started);
        } else if (name == ev::DataAwaiting) {
            s.dataState = dataStateName(DataState::Awaiting);
        } else if (name == ev::DataFinished) {
            s.dataState = e.value("ok"_L1).toBool() ? u"done"_s : e.value("state"_L1).toString(u"failed"_s);
        } else if (name == ev::RollbackStarted) {
            s.rollingBack = true;
        } else if (name == ev::RunFinished) {
            s.finished = true;
            s.outcome = e.value("outcome"_L1).toString();
        }
    }
    if (!started)
        return Error{Tr::tr("The journal %1 has no start of a run (damaged?).").arg(path), {}, 0};
    return s;
}

} // namespace eic::restore
