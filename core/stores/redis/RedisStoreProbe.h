#pragma once

#include "stores/StoreProbe.h"
#include "stores/redis/RedisConnection.h"

namespace eic::stores {

// The data store as a restore run sees it: its master (a sentinel names it; of a cluster the
// first master), through one connection kept open (reopened after a failure).
class RedisStoreProbe : public StoreProbe {
    Q_OBJECT
public:
    explicit RedisStoreProbe(RedisOptions options);

    static constexpr const char *kMarkerKey = "eic-restore:store-id";

    QString word() const override;
    void identity(bool mark, std::function<void(const Result<StoreIdentity> &)> done) override;
    void sessions(Sessions done) override;
    void endSessions(const QList<StoreSession> &sessions, Then done) override;
    void acceptsWrites(Then done) override;
    void mayRestore(Then done) override;
    void measure(std::function<void(const Result<StoreMeasure> &)> done) override;

private:
    void batch(const QList<QList<QByteArray>> &commands, std::function<void(const Result<QList<RedisReply>> &)> done);
    void connected(std::function<void(const Result<bool> &)> done);

    RedisOptions m_seed;
    RedisOptions m_master;
    RedisConnection *m_conn = nullptr;
};

} // namespace eic::stores
