// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/OptimizeCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RepeatedFlag.h"
#include "app/cli/commands/SearchRunFlags.h"
#include "models/common/OutputSet.h"
#include "simulator/search/PriceOptimizer.h"
#include "simulator/session/Session.h"

#include <QJsonDocument>
#include <thread>

namespace marginal {

QString OptimizeCommand::synopsis() const {
    return QStringLiteral(
        "--scenario FILE --package NAME --vary FIELD=LO:HI [--vary ...]\n"
        "                        [--objective margin|margin_with_churn|revenue] [--cohort C]\n"
        "                        [--mix M] [--constraint EXPR ...] --out DIR [--trials N]\n"
        "                        [--seed S] [--threads N]");
}

QString OptimizeCommand::help() const {
    return QStringLiteral(
        "finds the values of up to three numeric fields of a package, within bounds, that\n"
        "maximise mean margin (with or without churn, or revenue) per customer under\n"
        "constraints, on fixed draws, and writes DIR/optimum.json (values, objective and SE,\n"
        "constraints and which bind, the same figures on fresh draws with seed + 1, every\n"
        "evaluation). Exit 1 when infeasible.\n"
        "  --vary F=LO:HI    a JSON path into the package (as for sweep) and its bounds\n"
        "  --objective O     margin (default), margin_with_churn (customers who leave pay and\n"
        "                    cost nothing after: the scenario's churn) or revenue, per customer\n"
        "  --cohort C        optimise one cohort's figures (default: all cohorts)\n"
        "  --mix M           the model mix (default: the scenario's first)\n"
        "  --constraint E    gm_pct>=60, p_margin_negative<=0.05, mean_margin_usd>=0,\n"
        "                    bill_rise_10_share<=0.2 (with a baseline in the scenario), ...; an\n"
        "                    equality (gm_pct=60) with one --vary finds where it holds (TOMS 748)\n"
        "  --trials N, --seed S, --threads N: as for simulate\n");
}

int OptimizeCommand::run(const QStringList& argsIn, CliContext& cli) const {
    QStringList args = argsIn;
    bool missing = false;
    const QStringList varies = takeRepeated(args, QStringLiteral("--vary"), missing);
    const QStringList constraintTexts = takeRepeated(args, QStringLiteral("--constraint"), missing);
    if (missing)
        return cli.fail(QStringLiteral("--vary and --constraint need a value"));
    const Result<Flags> flags =
        Flags::parse(args,
                     {"--scenario", "--out", "--package", "--objective", "--cohort", "--mix",
                      "--trials", "--seed", "--threads"},
                     {"--quiet"});
    if (!flags)
        return cli.fail(flags.error());
    if (const Status s = flags->require({"--scenario FILE", "--package NAME", "--out DIR"},
                                        QStringLiteral("optimize"));
        !s)
        return cli.fail(s.error());
    if (varies.isEmpty() || varies.size() > 3)
        return cli.fail(QStringLiteral("optimize needs one to three --vary FIELD=LO:HI (got %1)")
                            .arg(varies.size()));
    OptimizeRequest request;
    for (const QString& v : varies) {
        const Result<SearchAxis> axis = SearchAxis::parse(v, false);
        if (!axis)
            return cli.fail(axis.error());
        request.bounds.push_back(*axis);
    }
    int equalities = 0;
    for (const QString& text : constraintTexts) {
        const Result<SearchConstraint> c = SearchConstraint::parse(text);
        if (!c)
            return cli.fail(c.error());
        equalities += c->op == SearchConstraint::Op::Equal ? 1 : 0;
        request.constraints.push_back(*c);
    }
    if (equalities > 1 || (equalities == 1 && varies.size() != 1))
        return cli.fail(QStringLiteral("--constraint: an equality (METRIC=X) needs exactly one "
                                       "--vary and no other equality"));
    const QString objective =
        flags->has("--objective") ? flags->value("--objective") : QStringLiteral("margin");
    const std::optional<OptimizeRequest::Objective> chosen =
        OptimizeRequest::objectiveFromName(objective);
    if (!chosen)
        return cli.fail(QStringLiteral("--objective: expected margin, margin_with_churn or "
                                       "revenue, got \"%1\"")
                            .arg(objective));
    request.objective = *chosen;
    const Result<SearchRunFlags> runFlags = SearchRunFlags::parse(*flags);
    if (!runFlags)
        return cli.fail(runFlags.error());
    return reportingErrors(cli, [&]() -> int {
        const RunInputs inputs = runFlags->prepare(flags->value("--scenario"));
        int mix = 0;
        if (flags->has("--mix")) {
            mix = -1;
            QStringList names;
            for (int m = 0; m < int(inputs.scenario.mixes.size()); ++m) {
                names << inputs.scenario.mixes[m].name;
                if (names.back() == flags->value("--mix"))
                    mix = m;
            }
            if (mix < 0)
                return cli.fail(QStringLiteral("--mix: the scenario has no mix \"%1\" (it has: %2)")
                                    .arg(flags->value("--mix"), names.join(QStringLiteral(", "))));
        }
        QString cohortName = QStringLiteral("all");
        if (flags->has("--cohort")) {
            cohortName = flags->value("--cohort");
            QStringList names;
            for (int c = 0; c < int(inputs.scenario.cohorts.size()); ++c) {
                names << inputs.scenario.cohorts[c].name;
                if (names.back() == cohortName)
                    request.cohort = c;
            }
            if (request.cohort < 0 && cohortName != QLatin1String("all"))
                return cli.fail(QStringLiteral("--cohort: the scenario has no cohort \"%1\" (it "
                                               "has: %2)")
                                    .arg(cohortName, names.join(QStringLiteral(", "))));
        }
        const PackageGrid grid(inputs.scenario, flags->value("--package"), mix);
        for (const SearchAxis& axis : request.bounds) {
            const Result<PackageField> f = PackageField::resolve(axis.path, grid.package());
            if (!f)
                return cli.fail(f.error());
            request.fields.push_back(*f);
        }
        request.run.seed = inputs.seed;
        request.run.trials = inputs.trials;
        request.run.threads = runFlags->threadCount();
        request.run.cancel = &cli.cancel;
        request.checkSeed = inputs.seed + 1; // wraps at 2^64
        OptimizeResult result;
        try {
            result = PriceOptimizer::optimise(grid, request);
            Cancelled::check(&cli.cancel);
        } catch (const Cancelled& e) {
            return cli.fail(e.message(), kExitCancelled);
        }
        const QJsonObject json =
            result.toJson(request, grid.package().name, grid.scenario().mixes[0].name, cohortName);
        OutputSet out(flags->value("--out"));
        out.add(QStringLiteral("optimum.json"),
                QJsonDocument(json).toJson(QJsonDocument::Indented));
        if (const Status written = out.commit(); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        if (!result.feasible)
            return cli.fail(QStringLiteral("optimize: infeasible: %1; wrote %2/optimum.json")
                                .arg(result.why, flags->value("--out")),
                            kExitDiffers);
        QStringList values;
        for (std::size_t i = 0; i < result.values.size(); ++i)
            values << QStringLiteral("%1 = %2")
                          .arg(request.fields[i].path())
                          .arg(result.values[i], 0, 'g', 8);
        const double objectiveValue = request.objectiveOf(result.figures);
        const double objectiveSe = request.objectiveSeOf(result.figures);
        const double checkValue = request.objectiveOf(result.check);
        cli.out << QStringLiteral("%1 (%2)\n%3 per customer: %4 +- %5 (fresh draws: %6)\n"
                                  "%7 evaluations\nwrote: %8/optimum.json\n")
                       .arg(values.join(QStringLiteral(", ")), result.method, objective)
                       .arg(objectiveValue, 0, 'f', 2)
                       .arg(objectiveSe, 0, 'f', 2)
                       .arg(checkValue, 0, 'f', 2)
                       .arg(result.evaluations.size())
                       .arg(flags->value("--out"));
        return kExitOk;
    });
}

} // namespace marginal
