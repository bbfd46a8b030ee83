#pragma once

#include "RestorePlan.h"
#include "RunRequest.h"
#include "stores/BackupCatalogue.h"

#include <QString>

#include <optional>

namespace eic::restore {

// What the wizard shows before "Start the restore" besides the plan: where, what and for how
// long. Pure functions: the texts are tested without a window.
struct SummaryFacts {
    QString clusterUrl;
    QString storeAddress;                      // host:port/db (database) or host:port/db n (data store)
    std::optional<stores::BackupEntry> backup; // archive mode: the backup that replaces the store
    double lastDowntimeSeconds = -1;           // the last complete run's or drill's downtime; < 0: none
};

struct DowntimeEstimate {
    double seconds = 0;
    bool measured = false; // from a last run or drill; false: an estimate from the plan
};

// From the last run when there is one, else: stopping and starting the components (about
// 30 s + 60 s) plus the data step (archive: its size at 50 MB/s; external: 5 minutes of the
// admin's work). An estimate is labelled as one wherever it is shown.
DowntimeEstimate expectedDowntime(const RestorePlan &plan, const SummaryFacts &facts);
// "Stop 7 components (10 pods) on https://…; replace database `eic` at db.example:5432/eic with
// the backup of 2026-11-30 02:00 (4.2 GB); expected downtime ~6 min (the last run)."
QString planSummary(const RestorePlan &plan, const SummaryFacts &facts);
// What the admin types to confirm: the profile's name, else the cluster's host name, else the
// kubeconfig context's name (never the namespace, which is edge-icell on every cell).
QString confirmationWord(const QString &profile, const QString &clusterUrl, const QString &context = {});
// host:port/db of the store a plan restores; empty when the run has no connection to it.
QString storeAddressOf(const StoreAccess &store, cell::RestoreTarget target);
// "4.2 GB": the one size format of the GUI and the reports.
QString sizeText(qint64 bytes);
// "12 s", "6 min", "3.5 h", "2.0 days".
QString durationText(double seconds);

} // namespace eic::restore
