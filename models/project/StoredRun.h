// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A run as the project keeps it: what it was run on (its inputs, enough to run it
// again: the scenario with its customers chosen, the seed, the trials) and what it
// found (the results document). The use-case layer (simulator/session) writes and
// reads the two documents; the project only stores them.
#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <cstdint>

namespace marginal {

struct RunSummary {
    std::int64_t id = 0;
    QString createdAt;     // UTC, ISO 8601
    QString scenario;      // the scenario's name
    QString seed;          // a string: seeds go to 2^64 - 1
    QString source;        // "cli" or "desktop" (empty: stored by an older Marginal)
    QString customersFrom; // "scenario", "fitted" or "empirical"
    std::int64_t trials = 0;
    QString name;  // the user's label for the run (empty: none given)
    QString notes; // the user's notes
};

struct StoredRun {
    RunSummary summary;
    QJsonObject inputs; // RunInputs::toJson()
    QByteArray results; // RunRecord::toJson(), compact
};

} // namespace marginal
