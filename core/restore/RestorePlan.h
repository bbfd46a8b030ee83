#pragma once

#include "Error.h"
#include "cell/ComponentCatalogue.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace eic::restore {

enum class DataMode { External, Archive, NewInstance };
QString modeName(DataMode mode);
std::optional<DataMode> modeFromName(const QString &name);
QString targetName(cell::RestoreTarget target);

// One caution the admin must acknowledge, with the numbers that make it concrete.
struct Caution {
    QString id;       // service-interruption, replace-database, point-in-time, snapshot-only, autoscaler, terminate-sessions, flush-datastore
    QString title;
    QString text;     // a sentence with the numbers
    QJsonObject numbers;
    bool destructive = false; // the GUI asks for the namespace to be typed
    // terminate-sessions only changes what happens to lingering sessions; every other caution
    // must be acknowledged before anything changes.
    bool required() const { return id != QLatin1String("terminate-sessions"); }
    QJsonObject toJson() const;
};

// What each caution means in general (the Help's procedure page; a plan's caution adds the
// numbers of its cell): id, title, meaning.
struct CautionGuide {
    QString id;
    QString title;
    QString meaning;
};
QList<CautionGuide> cautionGuide();
QString cautionTitle(const QString &id);

struct PlannedComponent {
    QString name;
    bool present = false;  // the cell has this deployment
    int replicas = 0;      // the scale subresource's count now
    QString hpa;           // name of an HPA targeting it; empty: none
    int hpaMin = 0;
    int hpaMax = 0;
    QJsonObject toJson() const;
};

struct PlanStep {
    QString id; // preflight, record, stop, quiesce, data, start, verify, cleanup
    QString text;
};

// What the planner needs to know: the request and what the inspections of the cell and the
// stores found. Filled by CellSurvey (or by a test).
struct PlanInput {
    cell::RestoreTarget target = cell::RestoreTarget::Database;
    DataMode mode = DataMode::External;
    QString ns = QStringLiteral("edge-icell");
    QString context;
    // name -> {replicas, hpa name, hpa min, hpa max}; absent: the cell has no such deployment
    QList<PlannedComponent> deployments;
    QStringList builtinStores;  // built-in StatefulSets found (postgres, redis, …)
    bool messageService = false; // the admin asked to restore the message service
    int messageServiceReplicas = -1; // its StatefulSet's replicas; 0: not found, -1: not read
    QString archive;             // archive mode: the backup to restore
    QString dataCommand;         // external mode: run this, its exit status decides
    QDateTime pointInTime;       // external database restore to a point in time
    QDateTime latestDataTime;    // if the server could tell: the newest data now (lost after the point)
    bool latestDataExact = false; // latestDataTime is the newest commit (track_commit_timestamp), not "now"
    QDateTime surveyedAt;        // when the survey read the stores: "now" of the plan's numbers
    // The database (database target), from the inspection:
    QString storeAddress;        // host:port of the store being restored
    bool databaseInspected = false;
    QString databaseName;
    qint64 databaseBytes = -1;
    int databaseTables = -1;     // user tables
    QString databaseInspectionError; // a store was given but could not be inspected: why
    // The archive (archive mode), from its manifest (database) or header (data store):
    QDateTime archiveTakenAt;
    qint64 archiveBytes = -1;
    int archiveTables = -1;
    qint64 archiveKeys = -1;
    QString archiveError;        // the archive could not be read: why
    // Data store facts (datastore target), from the inspection:
    bool datastoreInspected = false;
    bool aofEnabled = false;
    double snapshotAgeSeconds = -1;
    quint64 datastoreKeys = 0;
    QString datastoreInspectionError; // a store was given but could not be inspected: why
    double lastRehearsalDowntimeSeconds = -1; // from an earlier run, if known
};

struct RestorePlan {
    cell::RestoreTarget target = cell::RestoreTarget::Database;
    DataMode mode = DataMode::External;
    QString ns;
    QString context;
    QString refusal; // non-empty: the vendor does not support this restore; nothing may run
    QList<PlannedComponent> components; // to stop (present), in catalogue order
    QStringList skipped;                // catalogue components the cell does not have
    QList<PlanStep> steps;
    QList<Caution> cautions;
    QString archive;
    QString dataCommand;
    QDateTime pointInTime;
    QStringList dataInstructions; // external / new-instance: what the admin does

    QStringList cautionIds() const;
    QList<PlannedComponent> present() const;
    QJsonObject toJson() const;
    static Result<RestorePlan> fromJson(const QJsonObject &json);
    QString toText() const;
};

// target + profile + what the inspections found -> the ordered steps and the cautions that apply.
class RestorePlanner {
public:
    static RestorePlan plan(const PlanInput &input, const cell::ComponentCatalogue &catalogue = cell::ComponentCatalogue::builtIn());
};

} // namespace eic::restore
