// SPDX-License-Identifier: GPL-3.0-or-later
#include "simulator/analysis/SampleUsageGenerator.h"
#include "models/common/Cancelled.h"
#include "models/domain/Scenario.h"
#include "simulator/engine/SimulationPlan.h"
#include "simulator/engine/UsageSampler.h"

#include <QDate>
#include <cmath>

namespace marginal {

std::int64_t SampleUsageGenerator::writeCsv(const Scenario& scenario,
                                            const SampleUsageOptions& options, QIODevice& out,
                                            const std::atomic<bool>* cancel) {
    const SimulationPlan plan = SimulationPlan::compile(scenario);
    const ModelMix& mix = scenario.mixes.front();
    const int months = std::min(options.months, SimulationPlan::kMaxMonths);
    RandomStream rng(options.seed, 0);
    out.write("customer_id,date,model,input_tokens,cached_input_tokens,cache_write_tokens,output_"
              "tokens,requests\n");
    std::int64_t rows = 0;
    int customerNumber = 0;
    std::vector<double> tokens(static_cast<std::size_t>(months));
    std::vector<unsigned char> flags(static_cast<std::size_t>(months));
    const long long perTrial = std::max(1LL, plan.customersPerTrial());
    for (int c = 0; c < plan.cohortCount(); ++c) {
        const CohortPlan& cohort = plan.cohorts[c];
        const CohortProfile& profile = scenario.cohorts[std::size_t(c)];
        const ModelShares& shares = *mix.sharesFor(profile.name);
        const int count =
            int(std::llround(double(options.customers) * cohort.customers / double(perTrial)));
        for (int i = 0; i < count; ++i) {
            Cancelled::check(cancel);
            const QByteArray id =
                QByteArray("cust-") + QByteArray::number(++customerNumber).rightJustified(4, '0');
            drawCustomer(cohort, months, rng, tokens.data(), flags.data());
            for (int t = 0; t < months; ++t) {
                if (tokens[std::size_t(t)] <= 0)
                    continue;
                const double total = tokens[std::size_t(t)];
                const DailyProfile& days = flags[std::size_t(t)] & CohortUsage::kBurst
                                               ? cohort.burstDays
                                               : cohort.normalDays;
                // Heavier months are spread over more active days.
                const double activeChance =
                    std::clamp(0.15 + 0.1 * std::log(total / 1e6), 0.1, 0.9);
                double weights[DailyProfile::kDays];
                double weightSum = 0.0;
                for (int d = 0; d < DailyProfile::kDays; ++d) {
                    const double base = days.cumulative(d + 1) - (d > 0 ? days.cumulative(d) : 0.0);
                    const double noise = std::exp(0.5 * NormalSampler::draw(rng));
                    weights[d] = rng.uniform() < activeChance ? base * noise : 0.0;
                    weightSum += weights[d];
                }
                if (weightSum <= 0.0) { // at least one active day
                    weights[DailyProfile::kDays - 1] = 1.0;
                    weightSum = 1.0;
                }
                const QDate first = scenario.monthDate(t);
                for (int d = 0; d < DailyProfile::kDays; ++d) {
                    const auto dayTokens = std::llround(total * weights[d] / weightSum);
                    if (dayTokens <= 0)
                        continue;
                    // One model a day, drawn by the mix's shares.
                    double u = rng.uniform();
                    QString model = shares.back().first;
                    for (const auto& [name, share] : shares) {
                        if (u < share) {
                            model = name;
                            break;
                        }
                        u -= share;
                    }
                    const auto output = std::llround(double(dayTokens) * profile.outputShare);
                    const long long input = dayTokens - output;
                    const auto cached = std::llround(double(input) * profile.cachedShare);
                    const auto writes = std::llround(double(input) * profile.cacheWriteShare);
                    const long long requests =
                        std::max(1LL, std::llround(double(dayTokens) / profile.tokensPerRequest));
                    const QDate date = first.addDays(std::min(d, first.daysInMonth() - 1));
                    out.write(id + ',' + date.toString(Qt::ISODate).toLatin1() + ',' +
                              model.toUtf8() + ',' + QByteArray::number(input - cached - writes) +
                              ',' + QByteArray::number(cached) + ',' + QByteArray::number(writes) +
                              ',' + QByteArray::number(output) + ',' +
                              QByteArray::number(requests) + '\n');
                    ++rows;
                }
            }
        }
    }
    return rows;
}

} // namespace marginal
