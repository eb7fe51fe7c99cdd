// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Where a run's simulated customers come from (docs/MODEL.md section 4): the
// scenario's own cohorts, the cohorts fitted to a project's usage, or the project's
// customers' own monthly histories resampled whole (bootstrap).
#include <QString>
#include <optional>

namespace marginal {

enum class CustomerSource { Scenario, Fitted, Empirical };

inline QString customerSourceName(CustomerSource source) {
    switch (source) {
    case CustomerSource::Fitted:
        return QStringLiteral("fitted");
    case CustomerSource::Empirical:
        return QStringLiteral("empirical");
    case CustomerSource::Scenario:
        break;
    }
    return QStringLiteral("scenario");
}

inline std::optional<CustomerSource> customerSourceFromName(const QString& name) {
    for (CustomerSource s :
         {CustomerSource::Scenario, CustomerSource::Fitted, CustomerSource::Empirical})
        if (customerSourceName(s) == name)
            return s;
    return std::nullopt;
}

} // namespace marginal
