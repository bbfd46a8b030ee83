#pragma once

// Internal to core/report: the sections of the HTML that are tables of figures.

#include "RestoreReport.h"

#include <QStringList>

namespace eic::report {

// One row of escaped cells, each in <tag> (td or th), with the columns' widths in percent if given.
QString htmlRow(const QStringList &cells, const QString &tag, const QList<int> &widths = {});
// The data step: its timings and state, tables and rows or keys per database, the engine's figures.
QString dataStepHtml(const RestoreReport &report);
// Rows and newest timestamps per table (keys per database) before against after the data step;
// "not measured" with why when the journal lacks either measurement.
QString measuredLossHtml(const RestoreReport &report);

} // namespace eic::report
