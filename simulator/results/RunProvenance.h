// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a run's figures came from, in the form each export carries it: the "Run" sheet
// of decision_table.xlsx, the .run.json beside an exported CSV or Markdown table, and
// the one-line footnote under an exported chart. A what-if run says so in all three.
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace marginal {

struct RunRecord;

class RunProvenance {
public:
    // (field, value) rows for the Run sheet, in reading order.
    static QList<QPair<QString, QString>> rows(const RunRecord& run);
    // The same facts as JSON (the .run.json file); seed as a string, as in results.json.
    static QJsonObject json(const RunRecord& run);
    // "credits_vs_seats · full run · seed 42 · 2,000 trials · customers: fitted ·
    // catalog of 2026-11-01"
    static QString footnote(const RunRecord& run);
    // "full run" or "WHAT-IF (quick run, not the full run)".
    static QString kind(const RunRecord& run);
};

} // namespace marginal
