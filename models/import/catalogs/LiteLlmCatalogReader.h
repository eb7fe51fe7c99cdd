// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Reads LiteLLM's model_prices_and_context_window.json (MIT licensed, USD per token)
// into a PriceCatalog (USD per 1M tokens). Keeps chat and completion models only and
// skips the `sample_spec` schema entry.
#include "models/domain/PriceCatalog.h"

namespace marginal {

class LiteLlmCatalogReader {
public:
    static PriceCatalog read(const JsonNode& root, const QDate& effective);
};

} // namespace marginal
