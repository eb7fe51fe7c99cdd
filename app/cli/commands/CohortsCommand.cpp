// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/CohortsCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/UnpricedFlags.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "simulator/session/Session.h"

#include <QJsonDocument>

namespace marginal {

namespace {

Result<std::vector<double>> parseCuts(const QString& text) {
    std::vector<double> cuts;
    for (const QString& part : text.split(u',')) {
        bool ok = false;
        cuts.push_back(part.toDouble(&ok));
        if (!ok)
            cuts.push_back(-1.0); // refused below
    }
    if (const Status s = Project::checkCuts(cuts); !s)
        return Result<std::vector<double>>::failure(
            QStringLiteral("--cuts: %1; got \"%2\"").arg(s.error(), text));
    return cuts;
}

void printSummary(QTextStream& out, const CohortFitResult& fit) {
    out << QStringLiteral("%1 customers, %2 records, %3 to %4\n")
               .arg(fit.customers)
               .arg(fit.records)
               .arg(CohortFitResult::monthText(fit.firstMonth),
                    CohortFitResult::monthText(fit.lastMonth));
    out << QStringLiteral("top 10% of customers: ") +
               QStringLiteral("%1% of tokens, %2% of cost; Gini %3 (tokens), %4 (cost)\n")
                   .arg(100 * fit.concentration.top10TokenShare, 0, 'f', 1)
                   .arg(100 * fit.concentration.top10CostShare, 0, 'f', 1)
                   .arg(fit.concentration.giniTokens, 0, 'f', 3)
                   .arg(fit.concentration.giniCost, 0, 'f', 3);
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
               .arg("cohort", -8)
               .arg("customers", 9)
               .arg("$/month", 10)
               .arg("p_active", 8)
               .arg("mu +- se", 16)
               .arg("sigma +- se", 14)
               .arg("KS (p)", 14)
               .arg("rho", 6)
               .arg("growth", 7);
    for (const FittedCohort& f : fit.cohorts) {
        const CohortProfile& p = f.profile;
        const auto withError = [](double value, double error) {
            return QStringLiteral("%1 +- %2").arg(value, 0, 'f', 3).arg(error, 0, 'f', 3);
        };
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                   .arg(p.name, -8)
                   .arg(p.customers, 9)
                   .arg(f.meanMonthlyCost, 10, 'f', 2)
                   .arg(p.pActive, 8, 'f', 3)
                   .arg(withError(f.logNormalMu, f.muStandardError), 16)
                   .arg(withError(f.logNormalSigma, f.sigmaStandardError), 14)
                   .arg(QStringLiteral("%1 (%2)")
                            .arg(f.ksStatistic, 0, 'f', 3)
                            .arg(f.ksPValue, 0, 'f', 2),
                        14)
                   .arg(p.rho, 6, 'f', 2)
                   .arg(p.growth, 7, 'f', 3);
    }
    // The tail: a Pareto above x_min against the lognormal's, and what runs draw from.
    out << QStringLiteral("tails: a Pareto above x_min (KS-chosen) against the lognormal, "
                          "Vuong's test (> 0 favours the Pareto)\n");
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
               .arg("cohort", -8)
               .arg("x_min", 10)
               .arg("alpha", 6)
               .arg("months", 7)
               .arg("KS", 6)
               .arg("body mu, sigma", 15)
               .arg("Vuong (p)", 15)
               .arg("simulated from");
    for (const FittedCohort& f : fit.cohorts) {
        const TailFitReport& t = f.tail;
        if (!t.fitted) {
            out << QStringLiteral("%1 too few active months for a tail: lognormal\n")
                       .arg(f.profile.name, -8);
            continue;
        }
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                   .arg(f.profile.name, -8)
                   .arg(t.xMin, 10, 'g', 3)
                   .arg(t.alpha, 6, 'f', 2)
                   .arg(t.tailMonths, 7)
                   .arg(t.ksDistance, 6, 'f', 3)
                   .arg(QStringLiteral("%1, %2")
                            .arg(t.bodyMu, 0, 'f', 3)
                            .arg(t.bodySigma, 0, 'f', 3),
                        15)
                   .arg(QStringLiteral("%1 (%2)")
                            .arg(t.vuongStatistic, 0, 'f', 2)
                            .arg(t.vuongPValue, 0, 'f', 3),
                        15)
                   .arg(TailModel::kindName(t.favoured));
    }
}

QString summaryCsv(const CohortFitResult& fit) {
    QString csv = TableText::csvLine({"cohort",
                                      "customers",
                                      "cost_per_month_usd",
                                      "p_active",
                                      "mu",
                                      "mu_se",
                                      "sigma",
                                      "sigma_se",
                                      "ks",
                                      "ks_p",
                                      "rho",
                                      "growth",
                                      "output_share",
                                      "cached_share",
                                      "tokens_per_request",
                                      "burst_probability",
                                      "tail_model",
                                      "tail_x_min",
                                      "tail_alpha",
                                      "tail_months",
                                      "tail_ks",
                                      "vuong_statistic",
                                      "vuong_p"});
    const auto number = [](double x, int decimals) { return QString::number(x, 'f', decimals); };
    for (const FittedCohort& f : fit.cohorts) {
        const CohortProfile& p = f.profile;
        csv += TableText::csvLine({p.name,
                                   QString::number(p.customers),
                                   number(f.meanMonthlyCost, 4),
                                   number(p.pActive, 4),
                                   number(f.logNormalMu, 4),
                                   number(f.muStandardError, 4),
                                   number(f.logNormalSigma, 4),
                                   number(f.sigmaStandardError, 4),
                                   number(f.ksStatistic, 4),
                                   number(f.ksPValue, 4),
                                   number(p.rho, 4),
                                   number(p.growth, 4),
                                   number(p.outputShare, 4),
                                   number(p.cachedShare, 4),
                                   number(p.tokensPerRequest, 1),
                                   number(p.burst.probability, 4),
                                   TailModel::kindName(f.tail.favoured),
                                   f.tail.fitted ? QString::number(f.tail.xMin, 'g', 6) : QString(),
                                   f.tail.fitted ? number(f.tail.alpha, 4) : QString(),
                                   f.tail.fitted ? QString::number(f.tail.tailMonths) : QString(),
                                   f.tail.fitted ? number(f.tail.ksDistance, 4) : QString(),
                                   f.tail.fitted ? number(f.tail.vuongStatistic, 4) : QString(),
                                   f.tail.fitted ? number(f.tail.vuongPValue, 4) : QString()});
    }
    return csv;
}

QString lorenzCsv(const CohortFitResult& fit) {
    QString csv = TableText::csvLine({"customer_share", "cost_share"});
    for (const auto& [x, y] : fit.concentration.lorenzCost)
        csv += TableText::csvLine({QString::number(x, 'f', 4), QString::number(y, 'f', 4)});
    return csv;
}

} // namespace

QString CohortsCommand::synopsis() const {
    return QStringLiteral("--project P [--catalog FILE] [--cuts 50,90] [--out DIR] "
                          "[--unpriced-limit PCT | --allow-unpriced]");
}

QString CohortsCommand::help() const {
    return QString::fromLatin1(
               "ranks P's customers by mean monthly supplier cost (at the catalog's prices in "
               "force "
               "each\n"
               "month), cuts them into low / medium / heavy at the project's cut points, reports\n"
               "concentration (top-10% shares, Gini) and fits each cohort's profile (p_active, "
               "log-normal\n"
               "mu and sigma by maximum likelihood with standard errors and a Kolmogorov-Smirnov "
               "test,\n"
               "AR(1) rho, growth, token-class shares, tokens per request, daily profile and "
               "bursts).\n"
               "The fit and the model mix observed in the data are stored in P; every run on P "
               "(CLI "
               "or\n"
               "desktop) uses them.\n"
               "  --catalog FILE  price catalog (Marginal's, genai-prices' or LiteLLM's); stored "
               "in P\n"
               "  --cuts 50,90    cut points, increasing percentiles of mean monthly cost; stored "
               "in P\n"
               "                  (default: P's, else 50,90)\n"
               "  --out DIR       also write cohorts.json, cohort_summary.csv and lorenz.csv\n") +
           kUnpricedHelp +
           QLatin1String("A catalog older than the usage's last month by more than 3 months is "
                         "warned about.\n");
}

int CohortsCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags =
        Flags::parse(args, {"--project", "--catalog", "--cuts", "--out", "--unpriced-limit"},
                     {"--allow-unpriced"});
    if (!flags)
        return cli.fail(flags.error());
    const Result<std::optional<double>> limit = unpricedLimit(*flags);
    if (!limit)
        return cli.fail(limit.error());
    if (const Status s = flags->require({"--project P"}, QStringLiteral("cohorts")); !s)
        return cli.fail(s.error());
    std::optional<std::vector<double>> cuts;
    if (flags->has("--cuts")) {
        const Result<std::vector<double>> parsed = parseCuts(flags->value("--cuts"));
        if (!parsed)
            return cli.fail(parsed.error());
        cuts = *parsed;
    }
    return reportingErrors(cli, [&]() -> int {
        const auto project = Project::open(flags->value("--project"));
        std::optional<PriceCatalog> catalog;
        if (flags->has("--catalog"))
            catalog = PriceCatalog::loadForUsage(flags->value("--catalog"));
        const CohortFitResult fit =
            Session::refit(*project, cuts.value_or(project->cohortCuts()), &cli.cancel,
                           catalog ? &*catalog : nullptr, *limit);
        printSummary(cli.out, fit);
        if (!fit.unpriced.empty())
            cli.err << QStringLiteral("marginal-cli: warning: models not in the catalog, priced "
                                      "at 0: %1\n")
                           .arg(fit.unpriced.describe());
        const PriceCatalog& used = catalog ? *catalog : *project->catalog();
        if (const QString stale =
                used.stalenessAgainst(QDate(fit.lastMonth / 12, fit.lastMonth % 12 + 1, 1),
                                      QStringLiteral("the usage's last month"));
            !stale.isEmpty())
            cli.err << QStringLiteral("marginal-cli: warning: %1\n").arg(stale);
        if (flags->has("--out")) {
            // (The fit is stored already: a Ctrl+C now leaves the project fitted and the
            // folder as it was.)
            Cancelled::check(&cli.cancel);
            OutputSet files(flags->value("--out"));
            files.add(QStringLiteral("cohorts.json"), QJsonDocument(fit.toJson()).toJson());
            files.add(QStringLiteral("cohort_summary.csv"), summaryCsv(fit).toUtf8());
            files.add(QStringLiteral("lorenz.csv"), lorenzCsv(fit).toUtf8());
            if (const Status written = files.commit(); !written)
                return cli.fail(written.error(), kExitOutputFailed);
            cli.out << "wrote: " << flags->value("--out") << "\n";
        }
        cli.out << "stored in the project: cohorts \"fitted\" (cuts " <<
            [&] {
                QStringList parts;
                for (double c : fit.cutPoints)
                    parts.append(QString::number(c));
                return parts.join(u',');
            }() << "), mix \""
                << fit.observedMix.name << "\"\n";
        return kExitOk;
    });
}

} // namespace marginal
