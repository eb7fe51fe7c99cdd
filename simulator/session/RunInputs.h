// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Everything a run is computed from, and nothing else: the scenario with its
// customers already chosen (fitted cohorts and the observed mix are written into it),
// where those customers came from, the seed and the trials. It is what a project
// stores with a run, so the run can be computed again from the project alone, by
// either front end, to the same bytes. The thread count is not an input: results do
// not depend on it.
#include "models/common/FileHash.h"
#include "models/domain/Scenario.h"
#include "simulator/session/CustomerSource.h"

#include <QJsonObject>
#include <cstdint>
#include <vector>

namespace marginal {

struct RunInputs {
    static constexpr int kFormatVersion = 1;

    Scenario scenario; // inline: catalog, packages, mixes, cohorts, repricing
    CustomerSource customersFrom = CustomerSource::Scenario;
    std::uint64_t seed = 0;
    std::int64_t trials = 0;
    QString source;               // "cli" or "desktop": who ran it (not an input to the numbers)
    std::vector<InputFile> files; // what the scenario was read from
    // For a project's customers: the project file and what its fit was made on
    // (Project::fitBasis); empty for the scenario's own cohorts.
    QJsonObject customersBasis;

    QJsonObject toJson() const;
    // Throws InputError naming `where` (e.g. "project.marginal (run 3)").
    static RunInputs fromJson(const QJsonObject& json, const QString& where);
    // The inputs as the numbers see them: toJson() without `source`. Two runs with
    // equal numbersJson() give equal results.
    QJsonObject numbersJson() const;
};

} // namespace marginal
