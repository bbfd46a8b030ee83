#include "RecordStep.h"

#include "kube/DeploymentScaler.h"
#include "stores/StoreProbe.h"

#include <QCoreApplication>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;

namespace eic::restore {

void measureTables(Step *step, RunContext &run, QLatin1StringView when, std::function<void()> then)
{
    const QString check = u"tables measured"_s;
    RunWriter *writer = run.writer;
    const QJsonObject fields{{"when"_L1, when}};
    if (!run.hasStore()) {
        writer->check(check, CheckOutcome::NotChecked, RecordStep::tr("no store connection given"), fields);
        return then();
    }
    auto probe = run.probe();
    probe->setParent(step);
    stores::StoreProbe *p = probe.release();
    auto *deadline = new QTimer(step);
    deadline->setSingleShot(true);
    auto ended = std::make_shared<bool>(false);
    const QString store = run.database() ? u"database"_s : u"datastore"_s;
    const QString word = run.storeWord();
    auto finish = [p, deadline, ended, then](const std::function<void()> &journal) {
        if (std::exchange(*ended, true))
            return;
        deadline->stop();
        deadline->deleteLater();
        p->deleteLater(); // with its connection: nothing of it runs on
        journal();
        then();
    };
    QObject::connect(deadline, &QTimer::timeout, step, [=] {
        finish([=] { writer->check(check, CheckOutcome::NotChecked, RecordStep::tr("the %1 did not answer within a minute").arg(word), fields); });
    });
    p->measure([=](const Result<stores::StoreMeasure> &m) {
        finish([=] {
            if (!m)
                return writer->check(check, CheckOutcome::NotChecked, RecordStep::tr("the %1 could not be measured: %2").arg(word, m.error().message), fields);
            QJsonObject event = m->toJson();
            event["when"_L1] = when;
            event["store"_L1] = store;
            writer->log(ev::TablesMeasured, event);
        });
    });
    deadline->start(60000);
}

void RecordStep::run(Done done)
{
    // What the store holds before anything stops; a resumed run may have written already.
    if (m_run.dataBefore != DataState::NotStarted)
        return record(done);
    measureTables(this, m_run, "before"_L1, [this, done] { record(done); });
}

void RecordStep::record(Done done)
{
    kube::forEachAtOnce<PlannedComponent>(m_run.plan.present(), [this](const PlannedComponent &c, std::function<void(const Result<bool> &)> cb) {
        if (m_run.recorded.contains(c.name))
            return m_run.scaler->annotate(c.name, kAnnotation, QString::number(m_run.recorded.value(c.name)), this, cb);
        m_run.scaler->read(c.name, this, [this, c, cb](const Result<int> &replicas) {
            if (!replicas)
                return cb(Error{tr("The replica count of %1 cannot be read: %2").arg(c.name, replicas.error().message), {}, 0});
            m_run.recorded.insert(c.name, *replicas);
            writer().log(ev::ComponentRecorded, {{"name"_L1, c.name}, {"replicas"_L1, *replicas}, {"hpa"_L1, c.hpa}});
            // Not on disk: nothing may be scaled.
            if (writer().error())
                return cb(*writer().error());
            m_run.scaler->annotate(c.name, kAnnotation, QString::number(*replicas), this, cb);
        });
    }, done);
}

} // namespace eic::restore
