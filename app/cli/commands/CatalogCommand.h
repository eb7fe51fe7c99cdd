// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// `marginal-cli catalog import FILE --out CATALOG.json [--models LIST]`: a price table
// (pydantic's genai-prices, LiteLLM's, or Marginal's own) converted into Marginal's
// dated catalog, for the models chosen.
#include "app/cli/Command.h"

namespace marginal {

class CatalogCommand : public Command {
public:
    QString name() const override { return QStringLiteral("catalog"); }
    QString synopsis() const override {
        return QStringLiteral("import FILE --out CATALOG.json [--models LIST] [--as-of DATE] "
                              "[--batch-multiplier X] [--name TEXT]");
    }
    QString help() const override;
    int run(const QStringList& args, CliContext& cli) const override;
};

} // namespace marginal
