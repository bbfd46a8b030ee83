#pragma once

#include "Step.h"

#include <QJsonObject>
#include <QPointer>

class QProcess;

namespace eic::restore {

// The data step in its mode: external (the admin's tooling, then continue; or a data command
// whose exit status decides), archive (pg_restore of our backup, or the data store's keys from
// our file), new-instance (the profile points at the new store). Then the store must accept
// writes. Every child it starts belongs to the run: own process group, default signals, dies
// with us, pid and start time journaled.
class DataStep : public Step {
    Q_OBJECT
public:
    using Step::Step;
    void run(Done done) override;
    void cancel() override;

private:
    void runCommand();
    void restoreDatabase();
    void restoreDatastore();
    void newInstance();
    // How the data step ended; a failure says what the store may hold now.
    void finished(const Result<bool> &r, DataState ifFailed, QJsonObject details);
    void checkWrites();
    void childStarted(const util::ChildRecord &child);
    void childEnded(qint64 pid, QJsonObject fields);
    void hashBackup(const QString &path);

    Done m_done;
    std::function<void()> m_cancel;
    bool m_hashing = false;
    QString m_backupSha256;
    std::function<void()> m_afterHash;
};

} // namespace eic::restore
