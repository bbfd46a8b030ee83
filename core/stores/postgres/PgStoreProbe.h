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

private:
    // Runs `sql` on the open session, opening it first if needed.
    void run(const QString &sql, std::function<void(const Result<PgResult> &)> done);

    PgConnectOptions m_options;
    PgSession *m_session = nullptr;
};

} // namespace eic::stores
