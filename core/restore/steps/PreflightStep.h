#pragma once

#include "Step.h"
#include "stores/StoreProbe.h"

#include <memory>

namespace eic::restore {

// Nothing changes here (but the lock is taken for a real run): permissions by
// SelfSubjectAccessReview, a server-side dry run of every scale, the lock, the cell's identity,
// the store (reachable, the user's rights, its identity) and the archive, verified completely
// — everything a restore will use is checked before anything stops.
class PreflightStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;

private:
    void checkPermissions();
    void checkScales();
    void checkLock();
    void checkCell();
    void checkStore();
    void checkArchive();
    // One check ended: journaled with its outcome; the step ends when the last one did.
    void ended(const QString &check, const Result<bool> &r);
    void notChecked(const QString &check, const QString &why);

    Done m_done;
    int m_pending = 0;
    QStringList m_problems;
    std::unique_ptr<stores::StoreProbe> m_probe;
};

} // namespace eic::restore
