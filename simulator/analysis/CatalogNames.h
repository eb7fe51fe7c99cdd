// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The catalog's id for each model name usage reports (PriceCatalog::idOf), looked up
// once per distinct name while a project's records stream by: a fit or a replay counts
// claude-sonnet-4-20250514 as the catalog's claude-sonnet-4-0.
#include "models/domain/PriceCatalog.h"

#include <string>
#include <unordered_map>

namespace marginal {

class CatalogNames {
public:
    explicit CatalogNames(const PriceCatalog& catalog) : catalog_(catalog) {}

    const std::string& idOf(const std::string& name) {
        auto [it, fresh] = ids_.try_emplace(name);
        if (fresh)
            it->second = catalog_.idOf(QString::fromStdString(name)).toStdString();
        return it->second;
    }

private:
    const PriceCatalog& catalog_;
    std::unordered_map<std::string, std::string> ids_;
};

} // namespace marginal
