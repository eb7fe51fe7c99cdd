// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/CatalogCommand.h"
#include "app/cli/Flags.h"
#include "models/common/InputError.h"
#include "models/common/OutputSet.h"
#include "models/import/catalogs/GenaiPricesReader.h"
#include "models/json/JsonNode.h"

#include <QJsonDocument>
#include <cmath>

namespace marginal {

QString CatalogCommand::help() const {
    return QStringLiteral(
        "import: reads a price table and writes Marginal's dated catalog (the format of\n"
        "sample_data/catalog.json) with the models chosen, for --catalog and scenarios.\n"
        "FILE is pydantic's genai-prices table (sample_data/genai-prices/data.json: dated\n"
        "price changes, cache classes, long-context tiers), LiteLLM's\n"
        "model_prices_and_context_window.json or a Marginal catalog (detected by content).\n"
        "  --out FILE            the catalog to write (whole or not at all)\n"
        "  --models LIST         comma-separated [provider:]model[=id]: the provider when a\n"
        "                        model is listed by several (default: its maker's listing;\n"
        "                        refused when several list it and none made it), the id it\n"
        "                        gets in the catalog (default: the model's). A name with a\n"
        "                        colon (amazon.nova-lite-v1:0) is whole unless its prefix is\n"
        "                        a provider. Default: every model priced per token.\n"
        "  --as-of DATE          the catalog's as-of date (YYYY-MM-DD; default: a Marginal\n"
        "                        catalog's own, else today)\n"
        "  --batch-multiplier X  batch-API price factor for every model, 0-1 (default 1:\n"
        "                        genai-prices and LiteLLM files carry no batch prices)\n"
        "  --name TEXT           the catalog's name\n"
        "Undated prices (LiteLLM's, genai-prices' first) are dated 1970-01-01 (in force before\n"
        "the table's first change), so past usage is priced. Unknown models are refused\n"
        "(exit 2); Ctrl+C stops with exit 130 and nothing written.\n");
}

static PriceCatalog chosenModels(const PriceCatalog& all,
                                 const std::vector<GenaiPricesReader::Selection>& selection,
                                 const QString& file) {
    PriceCatalog chosen;
    chosen.name = all.name;
    chosen.asOf = all.asOf;
    for (const GenaiPricesReader::Selection& s : selection) {
        // Ids with colons (bedrock's "...:0", fine-tunes' "ft:...") are whole names here:
        // these files have no providers to name.
        const CatalogModel* model =
            all.findExact(s.whole) ? all.findExact(s.whole) : all.findExact(s.model);
        if (!model)
            throw InputError(file, QStringLiteral("$"),
                             QStringLiteral("model \"%1\" is not in the file").arg(s.whole));
        for (const PricePoint& point : model->history)
            chosen.addPrice(s.id, model->provider, model->source, point);
        chosen.setMatch(s.id, model->match);
    }
    return chosen;
}

int CatalogCommand::run(const QStringList& args, CliContext& cli) const {
    if (args.isEmpty() || args.front() != QLatin1String("import"))
        return cli.fail(QStringLiteral("catalog: expected \"import FILE --out CATALOG.json\""));
    const Result<Flags> flags = Flags::parse(
        args.mid(1), {"--out", "--models", "--as-of", "--batch-multiplier", "--name"}, {}, true);
    if (!flags)
        return cli.fail(flags.error());
    if (const Status s = flags->require({"--out FILE"}, QStringLiteral("catalog import")); !s)
        return cli.fail(s.error());
    if (flags->positional().size() != 1)
        return cli.fail(QStringLiteral("catalog import needs one price table (FILE)"));
    if (flags->value("--out").isEmpty())
        return cli.fail(QStringLiteral("--out: expected a file name, got \"\""));
    QDate asOf = QDate::currentDate();
    if (flags->has("--as-of")) {
        asOf = QDate::fromString(flags->value("--as-of"), QStringLiteral("yyyy-MM-dd"));
        if (!asOf.isValid() || flags->value("--as-of").size() != 10)
            return cli.fail(QStringLiteral("--as-of: expected a date YYYY-MM-DD, got \"%1\"")
                                .arg(flags->value("--as-of")));
    }
    double batch = 1.0;
    if (flags->has("--batch-multiplier")) {
        bool ok = false;
        batch = flags->value("--batch-multiplier").toDouble(&ok);
        if (!ok || !std::isfinite(batch) || batch < 0.0 || batch > 1.0)
            return cli.fail(QStringLiteral("--batch-multiplier: expected a factor from 0 to 1, "
                                           "got \"%1\"")
                                .arg(flags->value("--batch-multiplier")));
    }
    std::vector<GenaiPricesReader::Selection> selection;
    for (const QString& item : flags->value("--models").split(QLatin1Char(','), Qt::SkipEmptyParts))
        selection.push_back(GenaiPricesReader::Selection::parse(item));
    if (flags->has("--models") && selection.empty())
        return cli.fail(QStringLiteral("--models: expected at least one model, got \"%1\"")
                            .arg(flags->value("--models")));
    return reportingErrors(cli, [&]() -> int {
        const QString file = flags->positional().front();
        const JsonNode root = JsonNode::parseFile(file);
        if (cli.cancel.load())
            return cli.fail(QStringLiteral("catalog import: cancelled; nothing written"),
                            kExitCancelled);
        // Undated prices (LiteLLM's, genai-prices' first) are in force from the start.
        PriceCatalog catalog =
            GenaiPricesReader::looksLike(root)
                ? GenaiPricesReader::read(root, asOf, selection, &cli.cancel)
                : PriceCatalog::fromAnyFormat(root, GenaiPricesReader::undatedEffective());
        if (!GenaiPricesReader::looksLike(root) && !selection.empty())
            catalog = chosenModels(catalog, selection, file);
        // A Marginal catalog keeps its own date unless another is given.
        const bool dated =
            catalog.asOf.isValid() && catalog.asOf != GenaiPricesReader::undatedEffective();
        if (flags->has("--as-of") || !dated)
            catalog.asOf = asOf;
        if (cli.cancel.load())
            return cli.fail(QStringLiteral("catalog import: cancelled; nothing written"),
                            kExitCancelled);
        if (flags->has("--name"))
            catalog.name = flags->value("--name");
        // Rebuilt through addPrice so the batch factor reaches every dated price.
        PriceCatalog out;
        out.name = catalog.name;
        out.asOf = catalog.asOf;
        int points = 0, tiered = 0;
        for (const CatalogModel& model : catalog.models()) {
            for (PricePoint point : model.history) {
                if (flags->has("--batch-multiplier"))
                    point.prices.batchMultiplier = batch;
                out.addPrice(model.id, model.provider, model.source, point);
                ++points;
                tiered += point.prices.tiers.empty() ? 0 : 1;
            }
            out.setMatch(model.id, model.match); // the names usage reports for it
        }
        const QByteArray bytes = QJsonDocument(out.toJson()).toJson(QJsonDocument::Indented);
        if (const Status written = OutputSet::writeFile(flags->value("--out"), bytes); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        cli.out << QStringLiteral("wrote %1: %2 models, %3 dated prices (%4 with long-context "
                                  "tiers), as of %5\n")
                       .arg(flags->value("--out"))
                       .arg(out.models().size())
                       .arg(points)
                       .arg(tiered)
                       .arg(out.asOf.toString(Qt::ISODate));
        return kExitOk;
    });
}

} // namespace marginal
