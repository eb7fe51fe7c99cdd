// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/results/RunRecord.h"
#include "models/common/FileHash.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "models/domain/Scenario.h"
#include "simulator/results/DecisionWorkbook.h"
#include "simulator/results/RunProvenance.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <cmath>

namespace marginal {

namespace {

template <typename Row>
QString tableCsv(const std::vector<Column<Row>>& columns, const std::vector<Row>& rows) {
    QStringList header;
    for (const auto& c : columns)
        header.append(c.name);
    QString out = TableText::csvLine(header);
    for (const Row& row : rows) {
        QStringList fields;
        for (const auto& c : columns)
            fields.append(c.format(row));
        out += TableText::csvLine(fields);
    }
    return out;
}

template <typename Row>
QJsonArray tableJson(const std::vector<Column<Row>>& columns, const std::vector<Row>& rows) {
    QJsonArray array;
    for (const Row& row : rows) {
        QJsonObject object;
        for (const auto& c : columns) {
            const QString text = c.format(row);
            bool isNumber = false;
            const double number = text.toDouble(&isNumber);
            if (text.isEmpty())
                object.insert(c.name, QJsonValue::Null);
            else if (isNumber && c.name != QLatin1String("package") &&
                     c.name != QLatin1String("mix") && c.name != QLatin1String("cohort"))
                object.insert(c.name, number);
            else
                object.insert(c.name, text);
        }
        array.append(object);
    }
    return array;
}

} // namespace

RunRecord RunRecord::fromRun(const Scenario& scenario, const SimulationPlan& plan,
                             const RunStatistics& stats, std::uint64_t seed,
                             std::int64_t trialsRequested, int threads) {
    RunRecord r;
    r.scenarioName = scenario.name;
    r.startMonth = scenario.startMonth.toString(QStringLiteral("yyyy-MM"));
    r.seed = seed;
    r.trialsRequested = trialsRequested;
    r.trialsDone = stats.trialsDone;
    r.threads = threads;
    r.months = plan.months;
    for (const QString& file : scenario.inputFiles)
        r.inputFiles.push_back(hashedInput(file));
    r.catalogName = scenario.catalog.name;
    r.catalogAsOf = scenario.catalog.asOf.toString(Qt::ISODate);
    r.createdUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    r.decision = ResultSummary::decisionRows(plan, stats);
    r.monthly = ResultSummary::monthlyRows(plan, stats, r.startMonth);
    r.lineupShares = LineupShares::of(plan, stats);
    return r;
}

QString RunRecord::decisionCsv() const {
    return tableCsv(ResultSummary::decisionColumns(), decision);
}
QString RunRecord::decisionCsv(const QStringList& only) const {
    std::vector<Column<DecisionRow>> columns;
    for (const auto& c : ResultSummary::decisionColumns())
        if (only.contains(c.name))
            columns.push_back(c);
    return tableCsv(columns, decision);
}
QString RunRecord::monthlyCsv() const {
    return tableCsv(ResultSummary::monthlyColumns(), monthly);
}

QString RunRecord::decisionMarkdown() const {
    // The Markdown table keeps the columns a reader scans; the CSV has them all.
    static const QStringList shown = {
        QStringLiteral("package"),        QStringLiteral("mix"),
        QStringLiteral("cohort"),         QStringLiteral("mean_revenue_usd"),
        QStringLiteral("mean_cost_usd"),  QStringLiteral("mean_margin_usd"),
        QStringLiteral("mean_margin_se"), QStringLiteral("gm_pct"),
        QStringLiteral("gm_pct_p5"),      QStringLiteral("gm_pct_p50"),
        QStringLiteral("gm_pct_p95"),     QStringLiteral("p_margin_negative"),
        QStringLiteral("overage_share"),  QStringLiteral("credit_utilisation"),
        QStringLiteral("runout_day_p50"), QStringLiteral("cap_hit_share")};
    const auto& columns = ResultSummary::decisionColumns();
    QList<QStringList> rows;
    for (const DecisionRow& row : decision) {
        QStringList cells;
        for (const auto& c : columns)
            if (shown.contains(c.name))
                cells.append(c.format(row));
        rows.append(cells);
    }
    QString out =
        QStringLiteral("# %1\n\nSeed %2, %3 trials, %4 months from %5. Per customer over the "
                       "horizon; USD. Full columns in decision_table.csv.\n\n")
            .arg(TableText::markdownCell(scenarioName))
            .arg(seed)
            .arg(trialsDone)
            .arg(months)
            .arg(startMonth);
    return out + TableText::markdownTable(shown, rows);
}

namespace {

Quantile quantileFrom(const QJsonValue& v) {
    Quantile q;
    q.valid = v.isDouble();
    q.value = v.toDouble();
    q.errorBound = 0.05;
    return q;
}

DecisionRow decisionFrom(const QJsonObject& o) {
    DecisionRow r;
    r.package = o.value("package").toString();
    r.mix = o.value("mix").toString();
    r.cohort = o.value("cohort").toString();
    r.customersPerTrial = o.value("customers").toInteger();
    r.samples = o.value("samples").toInteger();
    r.meanRevenue = o.value("mean_revenue_usd").toDouble();
    r.meanRevenueSe = o.value("mean_revenue_se").toDouble();
    r.meanCost = o.value("mean_cost_usd").toDouble();
    r.meanCostSe = o.value("mean_cost_se").toDouble();
    r.meanMargin = o.value("mean_margin_usd").toDouble();
    r.meanMarginSe = o.value("mean_margin_se").toDouble();
    r.gmDefined = o.value("gm_pct").isDouble();
    r.gmPercent = o.value("gm_pct").toDouble();
    r.gmPercentSe = o.value("gm_pct_se").toDouble();
    r.gmP5 = quantileFrom(o.value("gm_pct_p5"));
    r.gmP50 = quantileFrom(o.value("gm_pct_p50"));
    r.gmP95 = quantileFrom(o.value("gm_pct_p95"));
    r.pNegative = o.value("p_margin_negative").toDouble();
    r.pNegativeSe = o.value("p_margin_negative_se").toDouble();
    r.zeroRevenueShare = o.value("zero_revenue_share").toDouble();
    r.overageShare = o.value("overage_share").toDouble();
    r.creditUtilisation = o.value("credit_utilisation").toDouble();
    r.meanBreakage = o.value("mean_breakage_credits").toDouble();
    r.meanTopUpExpired = o.value("mean_topup_expired_credits").toDouble();
    r.runOutShare = o.value("runout_share").toDouble();
    r.runOutDayP10 = o.value("runout_day_p10").toInt();
    r.runOutDayP50 = o.value("runout_day_p50").toInt();
    r.capHitShare = o.value("cap_hit_share").toDouble();
    r.meanBlockedCredits = o.value("mean_blocked_credits").toDouble();
    r.meanBlockedDays = o.value("mean_blocked_days").toDouble();
    r.tailDefined = o.value("margin_var5_usd").isDouble();
    r.marginVar5 = o.value("margin_var5_usd").toDouble();
    r.marginVar5Se = o.value("margin_var5_se").toDouble();
    r.marginCvar5 = o.value("margin_cvar5_usd").toDouble();
    r.marginCvar5Se = o.value("margin_cvar5_se").toDouble();
    r.baselineDefined = o.value("bill_rise_10_share").isDouble();
    r.billRise10Share = o.value("bill_rise_10_share").toDouble();
    r.billRise50Share = o.value("bill_rise_50_share").toDouble();
    r.billFallShare = o.value("bill_fall_share").toDouble();
    r.billChangeP50 = quantileFrom(o.value("bill_change_pct_p50"));
    r.billChangeP95 = quantileFrom(o.value("bill_change_pct_p95"));
    r.migrationDefined = o.value("shock_share").isDouble();
    r.shockShare = o.value("shock_share").toDouble();
    r.shocksPerCustomerYear = o.value("shocks_per_customer_year").toDouble();
    r.retainedShare = o.value("retained_share").toDouble();
    r.meanRevenueWithChurn = o.value("mean_revenue_with_churn_usd").toDouble();
    r.meanMarginWithChurn = o.value("mean_margin_with_churn_usd").toDouble();
    r.meanMarginWithChurnSe = o.value("mean_margin_with_churn_se").toDouble();
    return r;
}

MonthlyRow monthlyFrom(const QJsonObject& o) {
    MonthlyRow r;
    r.package = o.value("package").toString();
    r.mix = o.value("mix").toString();
    r.cohort = o.value("cohort").toString();
    r.month = o.value("month").toInt();
    r.monthDate = o.value("month_date").toString();
    r.customerMonths = o.value("customer_months").toInteger();
    r.activeShare = o.value("active_share").toDouble();
    r.meanTokens = o.value("mean_tokens").toDouble();
    r.meanCredits = o.value("mean_credits").toDouble();
    r.meanFixedCharge = o.value("mean_fixed_usd").toDouble();
    r.meanOverageCharge = o.value("mean_overage_usd").toDouble();
    r.meanTopUpCharge = o.value("mean_topup_usd").toDouble();
    r.meanTrueUp = o.value("mean_true_up_usd").toDouble();
    r.meanOutcomeCharge = o.value("mean_outcomes_usd").toDouble();
    r.meanFees = o.value("mean_fees_usd").toDouble();
    r.meanRevenue = o.value("mean_revenue_usd").toDouble();
    r.meanCost = o.value("mean_cost_usd").toDouble();
    r.meanMargin = o.value("mean_margin_usd").toDouble();
    r.meanMarginSe = o.value("mean_margin_se").toDouble();
    r.gmDefined = o.value("gm_pct").isDouble();
    r.gmPercent = o.value("gm_pct").toDouble();
    r.overageShare = o.value("overage_share").toDouble();
    r.creditUtilisation = o.value("credit_utilisation").toDouble();
    r.meanBreakage = o.value("mean_breakage_credits").toDouble();
    r.meanTopUpExpired = o.value("mean_topup_expired_credits").toDouble();
    r.runOutShare = o.value("runout_share").toDouble();
    r.capHitShare = o.value("cap_hit_share").toDouble();
    r.meanBlockedCredits = o.value("mean_blocked_credits").toDouble();
    return r;
}

} // namespace

namespace {

QJsonArray detailJson(const std::vector<VariantDetail>& detail) {
    QJsonArray variants;
    for (const VariantDetail& v : detail) {
        QJsonArray fans, points;
        for (const BurnFan& f : v.fans) {
            QJsonArray p10, p50, p90;
            for (int d = 0; d < DailyProfile::kDays; ++d) {
                p10.append(std::round(f.p10[std::size_t(d)] * 100.0) / 100.0);
                p50.append(std::round(f.p50[std::size_t(d)] * 100.0) / 100.0);
                p90.append(std::round(f.p90[std::size_t(d)] * 100.0) / 100.0);
            }
            fans.append(QJsonObject{{"cohort", f.cohort},
                                    {"included", f.included},
                                    {"run_out_share", f.runOutShare},
                                    {"samples", qint64(f.samples)},
                                    {"p10", p10},
                                    {"p50", p50},
                                    {"p90", p90}});
        }
        for (const CustomerPoint& p : v.customers)
            points.append(QJsonArray{p.cohort, std::round(p.tokensPerMonth),
                                     std::round(p.marginPerMonth * 100.0) / 100.0});
        variants.append(QJsonObject{{"package", v.package},
                                    {"mix", v.mix},
                                    {"enforcement", v.enforcement},
                                    {"credit_burn", fans},
                                    {"customers_cohort_tokens_margin", points}});
    }
    return variants;
}

std::vector<VariantDetail> detailFrom(const QJsonArray& variants) {
    std::vector<VariantDetail> out;
    for (const QJsonValue& value : variants) {
        const QJsonObject o = value.toObject();
        VariantDetail v;
        v.package = o.value("package").toString();
        v.mix = o.value("mix").toString();
        v.enforcement = o.value("enforcement").toString(QStringLiteral("overage"));
        for (const QJsonValue& fanValue : o.value("credit_burn").toArray()) {
            const QJsonObject f = fanValue.toObject();
            BurnFan fan;
            fan.cohort = f.value("cohort").toString();
            fan.included = f.value("included").toDouble();
            fan.runOutShare = f.value("run_out_share").toDouble();
            fan.samples = f.value("samples").toInteger();
            for (int d = 0; d < DailyProfile::kDays; ++d) {
                fan.p10[std::size_t(d)] = f.value("p10").toArray().at(d).toDouble();
                fan.p50[std::size_t(d)] = f.value("p50").toArray().at(d).toDouble();
                fan.p90[std::size_t(d)] = f.value("p90").toArray().at(d).toDouble();
            }
            v.fans.push_back(fan);
        }
        for (const QJsonValue& p : o.value("customers_cohort_tokens_margin").toArray()) {
            const QJsonArray a = p.toArray();
            v.customers.push_back(
                CustomerPoint{a.at(0).toInt(), a.at(1).toDouble(), a.at(2).toDouble()});
        }
        out.push_back(std::move(v));
    }
    return out;
}

} // namespace

RunRecord RunRecord::fromJson(const QJsonObject& json) {
    RunRecord r;
    r.scenarioName = json.value("scenario").toString();
    r.startMonth = json.value("start_month").toString();
    r.seed = json.value("seed").toString().toULongLong();
    r.trialsRequested = json.value("trials_requested").toInteger();
    r.trialsDone = json.value("trials_done").toInteger();
    r.threads = json.value("threads").toInt();
    r.months = json.value("horizon_months").toInt();
    for (const QJsonValue& input : json.value("inputs").toArray())
        r.inputFiles.push_back(InputFile{input.toObject().value("file").toString(),
                                         input.toObject().value("sha256").toString()});
    r.customersFrom = json.value("customers_from").toString(QStringLiteral("scenario"));
    r.source = json.value("source").toString();
    r.catalogName = json.value("catalog").toObject().value("name").toString();
    r.catalogAsOf = json.value("catalog").toObject().value("as_of").toString();
    r.createdUtc = json.value("created_utc").toString();
    r.unpricedModels = json.value("unpriced_models").toArray();
    for (const QJsonValue& w : json.value("warnings").toArray())
        r.warnings.append(w.toString());
    r.whatIf = json.value("what_if").toBool();
    for (const QJsonValue& row : json.value("decision_table").toArray())
        r.decision.push_back(decisionFrom(row.toObject()));
    for (const QJsonValue& row : json.value("monthly").toArray())
        r.monthly.push_back(monthlyFrom(row.toObject()));
    r.detail = detailFrom(json.value("detail").toArray());
    return r;
}

QJsonObject RunRecord::toJson() const {
    QJsonObject columns;
    for (const auto& c : ResultSummary::decisionColumns())
        columns.insert(c.name, c.help);
    QJsonObject json = RunProvenance::json(*this); // seed, inputs, catalog, what-if, ...
    json.insert(QStringLiteral("complete"), trialsDone == trialsRequested);
    json.insert(QStringLiteral("threads"), threads);
    json.insert(QStringLiteral("gm_quantile_error_bound_pp"), 0.05);
    json.insert(QStringLiteral("decision_columns"), columns);
    json.insert(QStringLiteral("decision_table"),
                tableJson(ResultSummary::decisionColumns(), decision));
    json.insert(QStringLiteral("monthly"), tableJson(ResultSummary::monthlyColumns(), monthly));
    if (!lineupShares.empty())
        json.insert(QStringLiteral("lineup_shares"),
                    tableJson(LineupShares::columns(), lineupShares));
    if (!detail.empty())
        json.insert(QStringLiteral("detail"), detailJson(detail));
    return json;
}

Status RunRecord::writeTo(const QString& directory) const {
    OutputSet files(directory);
    files.add(QStringLiteral("decision_table.csv"), decisionCsv().toUtf8());
    files.add(QStringLiteral("decision_table.md"), decisionMarkdown().toUtf8());
    const Result<QByteArray> workbook = DecisionWorkbook(*this).bytes();
    if (!workbook)
        return Status::failure(workbook.error());
    files.add(QStringLiteral("decision_table.xlsx"), *workbook);
    files.add(QStringLiteral("monthly.csv"), monthlyCsv().toUtf8());
    if (!portfolio.empty())
        files.add(QStringLiteral("portfolio.csv"), PortfolioRisk::csv(portfolio).toUtf8());
    if (!lineupShares.empty())
        files.add(QStringLiteral("lineup_shares.csv"),
                  tableCsv(LineupShares::columns(), lineupShares).toUtf8());
    files.add(QStringLiteral("results.json"),
              QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    return files.commit();
}

} // namespace marginal
