#include "app/cli/commands/ProjectCommands.h"
#include "simulator/analysis/CohortFit.h"
#include "simulator/analysis/HistoryReplay.h"
#include "models/common/InputError.h"
#include "models/json/JsonNode.h"
#include "models/project/ProjectStore.h"
#include "simulator/analysis/SampleUsageGenerator.h"
#include "models/domain/Scenario.h"
#include "app/cli/commands/SimulateCommand.h"
#include "models/common/TableText.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace marginal {

namespace {

// "--flag value" pairs into a map; returns an error message for unknown flags.
QString parseFlags(const QStringList& args, const QStringList& known,
                   QHash<QString, QString>& values) {
    for (int i = 0; i < args.size(); ++i) {
        if (!known.contains(args[i]))
            return QStringLiteral("unknown option \"%1\" (see marginal-cli --help)").arg(args[i]);
        if (i + 1 >= args.size())
            return QStringLiteral("%1 needs a value").arg(args[i]);
        values.insert(args[i], args[i + 1]);
        ++i;
    }
    return QString();
}

QString writeFile(const QString& path, const QByteArray& bytes) {
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
    return QString();
}

} // namespace

int ProjectCommands::generateUsage(const QStringList& args) {
    QHash<QString, QString> v;
    QString error =
        parseFlags(args, {"--scenario", "--out", "--customers", "--months", "--seed"}, v);
    SampleUsageOptions options;
    bool ok = true;
    if (error.isEmpty() && v.contains("--customers") &&
        ((options.customers = v["--customers"].toInt(&ok)) < 1 || !ok))
        error = QStringLiteral("--customers: expected a whole number >= 1, got \"%1\"")
                    .arg(v["--customers"]);
    if (error.isEmpty() && v.contains("--months") &&
        ((options.months = v["--months"].toInt(&ok)) < 1 || options.months > 120 || !ok))
        error = QStringLiteral("--months: expected a whole number from 1 to 120, got \"%1\"")
                    .arg(v["--months"]);
    if (error.isEmpty() && v.contains("--seed") &&
        (options.seed = v["--seed"].toULongLong(&ok), !ok))
        error = QStringLiteral("--seed: expected a whole number, got \"%1\"").arg(v["--seed"]);
    if (error.isEmpty() && (!v.contains("--scenario") || !v.contains("--out")))
        error = QStringLiteral("generate-usage needs --scenario FILE and --out FILE");
    if (!error.isEmpty()) {
        err_ << "marginal-cli: " << error << "\n";
        return kExitBadInput;
    }
    return reportingInputErrors(err_, [&]() -> int {
        const Scenario scenario = Scenario::loadFile(v["--scenario"]);
        QSaveFile out(v["--out"]);
        if (!out.open(QIODevice::WriteOnly)) {
            err_ << "marginal-cli: " << v["--out"] << ": cannot write: " << out.errorString()
                 << "\n";
            return kExitOutputFailed;
        }
        const std::int64_t rows = SampleUsageGenerator::writeCsv(scenario, options, out);
        if (!out.commit()) {
            err_ << "marginal-cli: " << v["--out"] << ": cannot write: " << out.errorString()
                 << "\n";
            return kExitOutputFailed;
        }
        out_ << QStringLiteral(
                    "%1: %2 rows of daily usage, %3 customers, %4 months from %5 (seed %6)\n")
                    .arg(v["--out"])
                    .arg(rows)
                    .arg(options.customers)
                    .arg(options.months)
                    .arg(scenario.startMonth.toString(QStringLiteral("yyyy-MM")))
                    .arg(options.seed);
        return kExitOk;
    });
}

// The catalog from --catalog (stored in the project for next time) or the project.
static PriceCatalog projectCatalog(ProjectStore& store, const QHash<QString, QString>& v) {
    if (v.contains("--catalog")) {
        PriceCatalog catalog = PriceCatalog::loadFile(v["--catalog"], QDate::currentDate());
        // "default" is the catalog in use; the dated copy keeps every version seen.
        const QByteArray json = QJsonDocument(catalog.toJson()).toJson(QJsonDocument::Compact);
        store.putDocument(QStringLiteral("catalog"), QStringLiteral("default"), json);
        store.putDocument(
            QStringLiteral("catalog"),
            QStringLiteral("%1 (as of %2)").arg(catalog.name, catalog.asOf.toString(Qt::ISODate)),
            json);
        return catalog;
    }
    const QByteArray stored = store.document(QStringLiteral("catalog"), QStringLiteral("default"));
    if (stored.isEmpty())
        throw InputError(
            store.fileName(), QString(),
            QStringLiteral("no price catalog in the project yet; give one with --catalog FILE"));
    return PriceCatalog::fromJson(
        JsonNode::parseBytes(stored, store.fileName() + QStringLiteral(" (catalog)")));
}

int ProjectCommands::replay(const QStringList& args) {
    QHash<QString, QString> v;
    QString error = parseFlags(args, {"--project", "--packages", "--catalog", "--out"}, v);
    if (error.isEmpty() &&
        (!v.contains("--project") || !v.contains("--packages") || !v.contains("--out")))
        error = QStringLiteral("replay needs --project P, --packages A.json,B.json and --out DIR");
    if (!error.isEmpty()) {
        err_ << "marginal-cli: " << error << "\n";
        return kExitBadInput;
    }
    return reportingInputErrors(err_, [&]() -> int {
        std::vector<PricingPackage> packages;
        for (const QString& file : v["--packages"].split(u',', Qt::SkipEmptyParts))
            packages.push_back(PricingPackage::fromJson(JsonNode::parseFile(file)));
        const auto store = ProjectStore::open(v["--project"], ProjectStore::Mode::OpenExisting);
        const PriceCatalog catalog = projectCatalog(*store, v);
        QDir().mkpath(v["--out"]);
        const QDir dir(v["--out"]);
        const auto monthText = [](int m) {
            return QStringLiteral("%1-%2").arg(m / 12).arg(m % 12 + 1, 2, 10, QChar(u'0'));
        };
        const auto money = [](double x) { return QString::number(x, 'f', 2); };
        QString lines = TableText::csvLine(
            {"customer_id", "month", "package", "tokens", "credits", "included_used",
             "overage_credits", "blocked_credits", "throttled_credits", "fixed_usd", "overage_usd",
             "topup_usd", "true_up_usd", "outcomes_usd", "fees_usd", "revenue_usd", "cost_usd",
             "margin_usd", "included_runout_day"});
        const ReplayResult result = HistoryReplay::run(
            [&](const auto& visit) { store->forEachUsage(visit); }, catalog, packages,
            [&](const ReplayLine& l) {
                const MonthOutcome& o = l.outcome;
                lines += TableText::csvLine(
                    {QString::fromStdString(l.customerId), monthText(l.month),
                     packages[std::size_t(l.package)].name, QString::number(l.tokens, 'f', 0),
                     QString::number(o.demanded, 'f', 4), QString::number(o.includedUsed, 'f', 4),
                     QString::number(o.overageCredits, 'f', 4),
                     QString::number(o.blockedCredits, 'f', 4),
                     QString::number(o.throttledCredits, 'f', 4), money(o.fixedCharge),
                     money(o.overageCharge), money(o.topUpCharge), money(o.trueUp),
                     money(o.outcomeCharge), money(o.fees), money(o.revenue), money(o.cost),
                     money(o.margin),
                     o.includedRunOutDay ? QString::number(o.includedRunOutDay) : QString()});
            });
        QString customers = TableText::csvLine(
            {"customer_id", "package", "months", "tokens", "credits", "revenue_usd", "cost_usd",
             "margin_usd", "gm_pct", "overage_usd", "fees_usd", "breakage_credits",
             "blocked_credits", "margin_delta_vs_first_usd"});
        struct Totals {
            double revenue = 0, cost = 0;
            int customers = 0, negative = 0;
        };
        std::vector<Totals> byPackage(packages.size());
        double firstMargin = 0.0;
        for (const ReplayCustomer& c : result.customers) {
            if (c.package == 0)
                firstMargin = c.margin();
            Totals& t = byPackage[std::size_t(c.package)];
            t.revenue += c.revenue;
            t.cost += c.cost;
            ++t.customers;
            t.negative += c.margin() < -0.005 ? 1 : 0;
            customers += TableText::csvLine(
                {QString::fromStdString(c.customerId), packages[std::size_t(c.package)].name,
                 QString::number(c.months), QString::number(c.tokens, 'f', 0),
                 QString::number(c.credits, 'f', 2), money(c.revenue), money(c.cost),
                 money(c.margin()),
                 c.revenue > 0 ? QString::number(100 * c.margin() / c.revenue, 'f', 2) : QString(),
                 money(c.overageCharge), money(c.fees), QString::number(c.breakage, 'f', 2),
                 QString::number(c.blockedCredits, 'f', 2), money(c.margin() - firstMargin)});
        }
        QString summary = TableText::csvLine({"package", "customers", "revenue_usd", "cost_usd",
                                              "margin_usd", "gm_pct", "share_margin_negative"});
        out_ << QStringLiteral("replay of %1 to %2, %3 customers\n")
                    .arg(monthText(result.firstMonth), monthText(result.lastMonth))
                    .arg(byPackage.empty() ? 0 : byPackage[0].customers);
        for (std::size_t p = 0; p < packages.size(); ++p) {
            const Totals& t = byPackage[p];
            const double gm = t.revenue > 0 ? 100 * (t.revenue - t.cost) / t.revenue : 0.0;
            summary += TableText::csvLine(
                {packages[p].name, QString::number(t.customers), money(t.revenue), money(t.cost),
                 money(t.revenue - t.cost), t.revenue > 0 ? QString::number(gm, 'f', 2) : QString(),
                 QString::number(t.customers ? double(t.negative) / t.customers : 0.0, 'f', 4)});
            out_ << QStringLiteral("%1 revenue %2  cost %3  margin %4  GM %5%  customers with "
                                   "negative margin %6\n")
                        .arg(packages[p].name, -20)
                        .arg(t.revenue, 12, 'f', 2)
                        .arg(t.cost, 12, 'f', 2)
                        .arg(t.revenue - t.cost, 12, 'f', 2)
                        .arg(gm, 6, 'f', 1)
                        .arg(t.negative);
        }
        if (!result.unpricedModels.isEmpty())
            err_ << "marginal-cli: warning: models not in the catalog (cost 0, no credits): "
                 << result.unpricedModels.join(QStringLiteral(", ")) << "\n";
        for (const auto& [name, text] :
             {std::pair{QStringLiteral("replay_summary.csv"), summary},
              std::pair{QStringLiteral("replay_customers.csv"), customers},
              std::pair{QStringLiteral("replay_lines.csv"), lines}})
            if (const QString e = writeFile(dir.filePath(name), text.toUtf8()); !e.isEmpty()) {
                err_ << "marginal-cli: " << e << "\n";
                return kExitOutputFailed;
            }
        out_ << "wrote: " << v["--out"] << "\n";
        return kExitOk;
    });
}

int ProjectCommands::cohorts(const QStringList& args) {
    QHash<QString, QString> v;
    QString error = parseFlags(args, {"--project", "--catalog", "--cuts", "--out"}, v);
    std::vector<double> cuts{50.0, 90.0};
    if (error.isEmpty() && v.contains("--cuts")) {
        cuts.clear();
        for (const QString& part : v["--cuts"].split(u',')) {
            bool ok = false;
            const double c = part.toDouble(&ok);
            if (!ok || c <= 0 || c >= 100 || (!cuts.empty() && c <= cuts.back())) {
                error = QStringLiteral("--cuts: expected increasing percentiles between 0 and 100, "
                                       "like 50,90; got \"%1\"")
                            .arg(v["--cuts"]);
                break;
            }
            cuts.push_back(c);
        }
    }
    if (error.isEmpty() && !v.contains("--project"))
        error = QStringLiteral("cohorts needs --project P");
    if (!error.isEmpty()) {
        err_ << "marginal-cli: " << error << "\n";
        return kExitBadInput;
    }
    return reportingInputErrors(err_, [&]() -> int {
        const auto store = ProjectStore::open(v["--project"], ProjectStore::Mode::OpenExisting);
        const PriceCatalog catalog = projectCatalog(*store, v);
        if (store->usageCount() == 0) {
            err_ << "marginal-cli: " << v["--project"]
                 << ": no usage imported yet (marginal-cli import)\n";
            return kExitBadInput;
        }
        const CohortFitResult fit =
            CohortFit::fit([&](const auto& visit) { store->forEachUsage(visit); }, catalog, cuts);
        const QJsonObject json = fit.toJson();
        store->putDocument(QStringLiteral("cohorts"), QStringLiteral("fitted"),
                           QJsonDocument(json).toJson(QJsonDocument::Compact));
        store->putDocument(QStringLiteral("mix"), fit.observedMix.name,
                           QJsonDocument(fit.observedMix.toJson()).toJson(QJsonDocument::Compact));

        out_ << QStringLiteral("%1 customers, %2 records, %3 to %4\n")
                    .arg(fit.customers)
                    .arg(fit.records)
                    .arg(json["first_month"].toString(), json["last_month"].toString());
        out_ << QStringLiteral("top 10%% of customers: %1% of tokens, %2% of cost; Gini %3 "
                               "(tokens), %4 (cost)\n")
                    .arg(100 * fit.concentration.top10TokenShare, 0, 'f', 1)
                    .arg(100 * fit.concentration.top10CostShare, 0, 'f', 1)
                    .arg(fit.concentration.giniTokens, 0, 'f', 3)
                    .arg(fit.concentration.giniCost, 0, 'f', 3)
                    .replace(QStringLiteral("%%"), QStringLiteral("%"));
        QStringList header = {"cohort",
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
                              "burst_probability"};
        QString csv = TableText::csvLine(header);
        out_ << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
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
            out_ << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                        .arg(p.name, -8)
                        .arg(p.customers, 9)
                        .arg(f.meanMonthlyCost, 10, 'f', 2)
                        .arg(p.pActive, 8, 'f', 3)
                        .arg(QStringLiteral("%1 +- %2")
                                 .arg(p.mu, 0, 'f', 3)
                                 .arg(f.muStandardError, 0, 'f', 3),
                             16)
                        .arg(QStringLiteral("%1 +- %2")
                                 .arg(p.sigma, 0, 'f', 3)
                                 .arg(f.sigmaStandardError, 0, 'f', 3),
                             14)
                        .arg(QStringLiteral("%1 (%2)")
                                 .arg(f.ksStatistic, 0, 'f', 3)
                                 .arg(f.ksPValue, 0, 'f', 2),
                             14)
                        .arg(p.rho, 6, 'f', 2)
                        .arg(p.growth, 7, 'f', 3);
            csv += TableText::csvLine(
                {p.name, QString::number(p.customers), QString::number(f.meanMonthlyCost, 'f', 4),
                 QString::number(p.pActive, 'f', 4), QString::number(p.mu, 'f', 4),
                 QString::number(f.muStandardError, 'f', 4), QString::number(p.sigma, 'f', 4),
                 QString::number(f.sigmaStandardError, 'f', 4),
                 QString::number(f.ksStatistic, 'f', 4), QString::number(f.ksPValue, 'f', 4),
                 QString::number(p.rho, 'f', 4), QString::number(p.growth, 'f', 4),
                 QString::number(p.outputShare, 'f', 4), QString::number(p.cachedShare, 'f', 4),
                 QString::number(p.tokensPerRequest, 'f', 1),
                 QString::number(p.burst.probability, 'f', 4)});
        }
        if (!fit.unpricedModels.isEmpty())
            err_ << QStringLiteral("marginal-cli: warning: %1 tokens of models not in the catalog "
                                   "were priced at 0: %2\n")
                        .arg(fit.unpricedTokens)
                        .arg(fit.unpricedModels.join(QStringLiteral(", ")));
        if (v.contains("--out")) {
            QDir().mkpath(v["--out"]);
            const QDir dir(v["--out"]);
            QString lorenz = TableText::csvLine({"customer_share", "cost_share"});
            for (const auto& [x, y] : fit.concentration.lorenzCost)
                lorenz +=
                    TableText::csvLine({QString::number(x, 'f', 4), QString::number(y, 'f', 4)});
            for (const auto& [name, bytes] :
                 {std::pair{QStringLiteral("cohorts.json"), QJsonDocument(json).toJson()},
                  std::pair{QStringLiteral("cohort_summary.csv"), csv.toUtf8()},
                  std::pair{QStringLiteral("lorenz.csv"), lorenz.toUtf8()}}) {
                if (const QString e = writeFile(dir.filePath(name), bytes); !e.isEmpty()) {
                    err_ << "marginal-cli: " << e << "\n";
                    return kExitOutputFailed;
                }
            }
            out_ << "wrote: " << v["--out"] << "\n";
        }
        out_ << "stored in the project: cohorts \"fitted\", mix \"" << fit.observedMix.name
             << "\"\n";
        return kExitOk;
    });
}

} // namespace marginal
