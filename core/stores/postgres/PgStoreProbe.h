#pragma once

#include "stores/StoreProbe.h"
#include "stores/postgres/PgSession.h"

#include <memory>

namespace eic::stores {

// The database as a restore run sees it, through one session kept open (reopened after a failure).
class PgStoreProbe : public StoreProbe {
    Q_OBJECT
public:
    explicit PgStoreProbe(PgConnectOptions options);

    QString word() const override;
    void identity(bool mark, std::function<void(const Result<StoreIdentity> &)> done) override;
    void sessions(Sessions done) override;
    void endSessions(const QList<StoreSession> &sessions, Then done) override;
    void acceptsWrites(Then done) override;
    void mayRestore(Then done) override;
    void measure(std::function<void(const Result<StoreMeasure> &)> done) override;

    // Above this many rows (the planner's estimate) a table is not counted: its estimate is journaled.
    static constexpr double kCountUpTo = 1e6;

private:
    // Runs `sql` on the open session, opening it first if needed.
    void run(const QString &sql, std::function<void(const Result<PgResult> &)> done);
    // Queues the count (and newest commit) of one table into `out`.
    static void measureTable(PgSession *session, const QString &quoted, const QString &name, double estimated, const std::shared_ptr<StoreMeasure> &out);

    PgConnectOptions m_options;
    PgSession *m_session = nullptr;
};

} // namespace eic::stores
