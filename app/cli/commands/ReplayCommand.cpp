// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/ReplayCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/UnpricedFlags.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "models/import/TimeParsing.h"
#include "models/json/JsonNode.h"
#include "models/project/Project.h"
#include "simulator/analysis/HistoryReplay.h"
#include "simulator/session/Session.h"

namespace marginal {

namespace {

QString monthText(int m) {
    return QStringLiteral("%1-%2").arg(m / 12).arg(m % 12 + 1, 2, 10, QChar(u'0'));
}
QString money(double x) {
    return QString::number(x, 'f', 2);
}
QString credits(double x) {
    return QString::number(x, 'f', 4);
}

QString lineHeader() {
    return TableText::csvLine({"customer_id", "month", "package", "tokens", "credits",
                               "included_used", "overage_credits", "blocked_credits",
                               "throttled_credits", "fixed_usd", "overage_usd", "topup_usd",
                               "true_up_usd", "outcomes_usd", "fees_usd", "revenue_usd", "cost_usd",
                               "margin_usd", "included_runout_day"});
}

QString lineCsv(const ReplayLine& l, const std::vector<PricingPackage>& packages) {
    const MonthOutcome& o = l.outcome;
    return TableText::csvLine(
        {QString::fromStdString(l.customerId), monthText(l.month),
         packages[std::size_t(l.package)].name, QString::number(l.tokens, 'f', 0),
         credits(o.demanded), credits(o.includedUsed), credits(o.overageCredits),
         credits(o.blockedCredits), credits(o.throttledCredits), money(o.fixedCharge),
         money(o.overageCharge), money(o.topUpCharge), money(o.trueUp), money(o.outcomeCharge),
         money(o.fees), money(o.revenue), money(o.cost), money(o.margin),
         o.includedRunOutDay ? QString::number(o.includedRunOutDay) : QString()});
}

struct PackageTotals {
    double revenue = 0, cost = 0;
    int customers = 0, negative = 0;
};

QString customerHeader() {
    return TableText::csvLine({"customer_id", "package", "months", "tokens", "credits",
                               "revenue_usd", "cost_usd", "margin_usd", "gm_pct", "overage_usd",
                               "fees_usd", "breakage_credits", "blocked_credits",
                               "margin_delta_vs_first_usd"});
}

// One line of replay_customers.csv; `firstMargin`: the customer's margin under the
// first package (customers come package by package, the first package first).
QString customerCsv(const ReplayCustomer& c, const std::vector<PricingPackage>& packages,
                    double firstMargin) {
    return TableText::csvLine(
        {QString::fromStdString(c.customerId), packages[std::size_t(c.package)].name,
         QString::number(c.months), QString::number(c.tokens, 'f', 0),
         QString::number(c.credits, 'f', 2), money(c.revenue), money(c.cost), money(c.margin()),
         c.revenue > 0 ? QString::number(100 * c.margin() / c.revenue, 'f', 2) : QString(),
         money(c.overageCharge), money(c.fees), QString::number(c.breakage, 'f', 2),
         QString::number(c.blockedCredits, 'f', 2), money(c.margin() - firstMargin)});
}

// replay_summary.csv; prints the same per package.
QString summaryCsv(const std::vector<PackageTotals>& totals,
                   const std::vector<PricingPackage>& packages, QTextStream& out) {
    QString csv = TableText::csvLine({"package", "customers", "revenue_usd", "cost_usd",
                                      "margin_usd", "gm_pct", "share_margin_negative"});
    for (std::size_t p = 0; p < packages.size(); ++p) {
        const PackageTotals& t = totals[p];
        const double gm = t.revenue > 0 ? 100 * (t.revenue - t.cost) / t.revenue : 0.0;
        csv += TableText::csvLine(
            {packages[p].name, QString::number(t.customers), money(t.revenue), money(t.cost),
             money(t.revenue - t.cost), t.revenue > 0 ? QString::number(gm, 'f', 2) : QString(),
             QString::number(t.customers ? double(t.negative) / t.customers : 0.0, 'f', 4)});
        out << QStringLiteral("%1 revenue %2  cost %3  margin %4  GM %5%  customers with "
                              "negative margin %6\n")
                   .arg(packages[p].name, -20)
                   .arg(t.revenue, 12, 'f', 2)
                   .arg(t.cost, 12, 'f', 2)
                   .arg(t.revenue - t.cost, 12, 'f', 2)
                   .arg(gm, 6, 'f', 1)
                   .arg(t.negative);
    }
    return csv;
}

} // namespace

QString ReplayCommand::synopsis() const {
    return QStringLiteral("--project P --packages A.json,B.json --out DIR [--catalog FILE] "
                          "[--unpriced-limit PCT | --allow-unpriced]");
}

QString ReplayCommand::help() const {
    return QString::fromLatin1(
               "applies each package to each customer's actual usage in P, month by month from "
               "the\n"
               "customer's first month to the end of the data (deterministic; same billing as\n"
               "simulate). Writes to DIR: replay_summary.csv (per package), replay_customers.csv "
               "(per\n"
               "customer and package, with the margin delta against the first package) and\n"
               "replay_lines.csv (per customer-month: tokens -> credits -> invoice lines).\n"
               "  --catalog FILE  price catalog (Marginal's, genai-prices' or LiteLLM's); stored "
               "in P\n") +
           kUnpricedHelp +
           QLatin1String("A catalog older than the usage's last month by more than 3 months is "
                         "warned about.\n");
}

int ReplayCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags =
        Flags::parse(args, {"--project", "--packages", "--catalog", "--out", "--unpriced-limit"},
                     {"--allow-unpriced"});
    if (!flags)
        return cli.fail(flags.error());
    const Result<std::optional<double>> limit = unpricedLimit(*flags);
    if (!limit)
        return cli.fail(limit.error());
    if (const Status s =
            flags->require({"--project P", "--packages A.json,B.json", "--out DIR"}, "replay");
        !s)
        return cli.fail(s.error());
    return reportingErrors(cli, [&]() -> int {
        std::vector<PricingPackage> packages;
        for (const QString& file : flags->value("--packages").split(u',', Qt::SkipEmptyParts))
            packages.push_back(PricingPackage::fromJson(JsonNode::parseFile(file)));
        const auto project = Project::open(flags->value("--project"));
        const std::optional<PriceCatalog> catalog =
            flags->has("--catalog")
                ? std::optional(PriceCatalog::loadForUsage(flags->value("--catalog")))
                : project->catalog();
        if (!catalog)
            return cli.fail(project->fileName() +
                            QStringLiteral(": no price catalog in the project yet; give one "
                                           "with --catalog FILE"));
        Session::checkUsageSpan(*project);
        const std::optional<Project::UsageSpan> span = project->usageSpan();
        // The customer and line files run to millions of lines: streamed into place.
        OutputSet files(flags->value("--out"));
        Result<QIODevice*> customersFile = files.addStream(QStringLiteral("replay_customers.csv"));
        Result<QIODevice*> linesFile = files.addStream(QStringLiteral("replay_lines.csv"));
        if (!customersFile || !linesFile)
            return cli.fail(customersFile ? linesFile.error() : customersFile.error(),
                            kExitOutputFailed);
        (*customersFile)->write(customerHeader().toUtf8());
        (*linesFile)->write(lineHeader().toUtf8());
        std::vector<PackageTotals> totals(packages.size());
        double firstMargin = 0.0;
        const ReplaySpan result = HistoryReplay::stream(
            cancellable(project->usage(), &cli.cancel), *catalog, packages,
            span ? monthIndexOf(span->last.periodStart) : 0,
            [&](const ReplayCustomer& c) {
                if (c.package == 0)
                    firstMargin = c.margin();
                PackageTotals& t = totals[std::size_t(c.package)];
                t.revenue += c.revenue;
                t.cost += c.cost;
                ++t.customers;
                t.negative += c.margin() < -0.005 ? 1 : 0;
                (*customersFile)->write(customerCsv(c, packages, firstMargin).toUtf8());
            },
            [&](const ReplayLine& l) { (*linesFile)->write(lineCsv(l, packages).toUtf8()); });
        cli.out << QStringLiteral("replay of %1 to %2, %3 customers\n")
                       .arg(monthText(result.firstMonth), monthText(result.lastMonth))
                       .arg(result.customers);
        const QString summary = summaryCsv(totals, packages, cli.out);
        // Before anything is kept: the streamed files are dropped with the output set.
        if (const QString why = result.unpriced.refusal(limit->value_or(1.0)); !why.isEmpty())
            throw InputError(project->fileName(), QString(), why);
        if (!result.unpriced.empty())
            cli.err << "marginal-cli: warning: models not in the catalog (cost 0, no credits): "
                    << result.unpriced.describe() << "\n";
        if (const QString stale = catalog->stalenessAgainst(
                QDate(result.lastMonth / 12, result.lastMonth % 12 + 1, 1),
                QStringLiteral("the usage's last month"));
            !stale.isEmpty())
            cli.err << QStringLiteral("marginal-cli: warning: %1\n").arg(stale);
        Cancelled::check(&cli.cancel);
        if (flags->has("--catalog")) // kept for next time, once the replay has worked
            project->setCatalog(*catalog);
        files.add(QStringLiteral("replay_summary.csv"), summary.toUtf8());
        if (const Status written = files.commit(); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        cli.out << "wrote: " << flags->value("--out") << "\n";
        return kExitOk;
    });
}

} // namespace marginal
