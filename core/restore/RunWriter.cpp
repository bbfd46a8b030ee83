#include "RunWriter.h"

#include <QDateTime>

#include <csignal>
#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace eic::restore {

RunWriter::RunWriter(QObject *parent) : QObject(parent), m_crashAt(qEnvironmentVariable("EIC_TEST_CRASH_AT")) {}

void RunWriter::attach(std::unique_ptr<Journal> journal)
{
    m_journal = std::move(journal);
}

QJsonObject RunWriter::log(ev::Name name, QJsonObject fields)
{
    if (m_journal && !m_error) {
        auto written = m_journal->append(name, fields);
        if (written) {
            fields = *written;
        } else {
            m_error = written.error();
            spdlog::error("{}", written.error().toString().toStdString());
        }
    }
    if (!fields.contains("t"_L1)) {
        fields["t"_L1] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
        fields["event"_L1] = QString(name);
    }
    Q_EMIT event(fields);
    if (!m_crashAt.isEmpty()) {
        const QString key = fields.contains("step"_L1) ? name + u':' + fields.value("step"_L1).toString() : QString(name);
        if (key == m_crashAt) {
            spdlog::warn("test seam: SIGKILL after journal event {}", key.toStdString());
            ::raise(SIGKILL);
        }
    }
    return fields;
}

void RunWriter::live(ev::Name name, QJsonObject fields)
{
    fields["t"_L1] = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    fields["event"_L1] = QString(name);
    Q_EMIT event(fields);
}

void RunWriter::check(const QString &check, CheckOutcome outcome, const QString &why, QJsonObject fields)
{
    fields["check"_L1] = check;
    fields["outcome"_L1] = checkOutcomeName(outcome);
    // "ok" stays for readers of older journals; it is true only for a check that passed.
    fields["ok"_L1] = outcome == CheckOutcome::Passed;
    if (outcome == CheckOutcome::NotChecked)
        fields["notChecked"_L1] = why;
    else if (!why.isEmpty())
        fields["message"_L1] = why;
    log(ev::Check, fields);
}

} // namespace eic::restore
