// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/SensitivityCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RunProgress.h"
#include "app/cli/commands/SearchRunFlags.h"
#include "app/cli/commands/ShareRangeFlag.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "simulator/search/PartialSensitivity.h"
#include "simulator/search/SensitivityAnalysis.h"
#include "simulator/search/SensitivityFactors.h"
#include "simulator/search/SobolAnalysis.h"
#include "simulator/session/Session.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <tuple>

namespace marginal {

namespace {

// sensitivity --factor-range A:B --partial FILE: factors [A, B) of the tornado, written
// as a share for marginal-cli merge.
int writeShare(const RunInputs& inputs, double range, const QStringList& factorNames,
               const ShareRange& factorRange, const RunOptions& options, RunProgress& progress,
               const QString& partial, CliContext& cli) {
    const std::vector<SensitivityFactor> factors =
        SensitivityFactors::chosen(inputs.scenario, range, factorNames);
    if (factorRange.end > std::int64_t(factors.size()))
        return cli.fail(QStringLiteral("--factor-range %1:%2: the tornado has %3 factors (0:%3)")
                            .arg(factorRange.first)
                            .arg(factorRange.end)
                            .arg(factors.size()));
    QElapsedTimer timer;
    timer.start();
    const SensitivityResult result = SensitivityAnalysis::runFactors(
        inputs.scenario, range, options, factorNames, std::size_t(factorRange.first),
        std::size_t(factorRange.end - factorRange.first));
    progress.finish();
    if (!result.complete())
        return cli.fail(progress.cancelledMessage(), kExitCancelled);
    Cancelled::check(options.cancel);
    PartialSensitivity part;
    part.inputsJson = QJsonDocument(inputs.toJson()).toJson(QJsonDocument::Compact);
    part.range = range;
    for (const SensitivityFactor& f : factors)
        part.factors << f.name;
    part.first = factorRange.first;
    part.count = factorRange.end - factorRange.first;
    part.variants = result.variants;
    part.rows = result.rows;
    const QFileInfo file(partial);
    OutputSet out(file.absolutePath());
    out.add(file.fileName(), part.toBytes());
    if (const Status written = out.commit(); !written)
        return cli.fail(written.error(), kExitOutputFailed);
    cli.out << QStringLiteral("factors %1:%2 of %3 (seed %4) x 2 ends x %5 variants in %6 s\n"
                              "wrote: %7\n")
                   .arg(factorRange.first)
                   .arg(factorRange.end)
                   .arg(factors.size())
                   .arg(inputs.seed)
                   .arg(result.variants)
                   .arg(timer.nsecsElapsed() / 1e9, 0, 'f', 2)
                   .arg(partial);
    return kExitOk;
}

} // namespace

QString SensitivityCommand::synopsis() const {
    return QStringLiteral(
        "--scenario FILE --out DIR [--range R] [--factors LIST]\n"
        "                        [--sobol N [--bootstrap B]] [--trials N] [--seed S]\n"
        "                        [--threads N] [--quiet]\n"
        "  marginal-cli sensitivity --scenario FILE --seed S --factor-range A:B --partial FILE\n"
        "                        [--range R] [--factors LIST] [--trials N] ...");
}

QString SensitivityCommand::help() const {
    return QStringLiteral(
        "sets each factor of docs/MODEL.md section 12 (each model's token prices, each cohort's\n"
        "usage level, sigma, p_active, growth, cached and output shares, traffic moved toward\n"
        "the premium model) to its low and high end on the same draws, and writes\n"
        "DIR/tornado.csv: per package x mix x factor the change in mean margin (with the SE of\n"
        "the paired difference) and in GM% from the base, sorted by swing.\n"
        "  --range R        relative range, 0 < R < 1 (default 0.2: prices x 0.8 and x 1.2)\n"
        "  --factors LIST   only these factors, comma-separated, as named in tornado.csv\n"
        "                   (e.g. price:gpt-4o,usage:heavy; default: all)\n"
        "  --sobol N        also write DIR/sobol.csv: first-order and total Sobol indices of\n"
        "                   the mean margin per package x mix, each factor uniform on its\n"
        "                   [low, high], from N x (factors + 2) points on the same draws\n"
        "                   (Saltelli's scheme), with 95% bootstrap intervals; N >= 2\n"
        "                   (64 is a reasonable start: the sample's 24 factors make 64 x 26\n"
        "                   = 1,664 points), N <= 10000\n"
        "  --bootstrap B    bootstrap resamples for those intervals, 100 to 100000 (default\n"
        "                   1000)\n"
        "  --trials N, --seed S, --threads N, --quiet: as for simulate\n"
        "  --factor-range A:B  set only factors A to B - 1 (counted from 0, in tornado.csv's\n"
        "                   order before sorting: the list --factors gives, or every factor)\n"
        "                   to their ends, for a tornado split across machines; with\n"
        "                   --partial FILE, which it writes instead of --out, and --seed S;\n"
        "                   marginal-cli merge FILE... --out DIR then writes the tornado.csv\n"
        "                   of one run, byte for byte (docs/CLUSTER.md; not with --sobol)\n");
}

int SensitivityCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags =
        Flags::parse(args,
                     {"--scenario", "--out", "--range", "--factors", "--sobol", "--bootstrap",
                      "--trials", "--seed", "--threads", "--factor-range", "--partial"},
                     {"--quiet"});
    if (!flags)
        return cli.fail(flags.error());
    const bool share = flags->has("--factor-range") || flags->has("--partial");
    if (const Status s = flags->require(share ? QStringList{"--scenario FILE", "--factor-range A:B",
                                                            "--partial FILE", "--seed S"}
                                              : QStringList{"--scenario FILE", "--out DIR"},
                                        QStringLiteral("sensitivity"));
        !s)
        return cli.fail(s.error());
    ShareRange factorRange;
    if (share) {
        if (flags->has("--out") || flags->has("--sobol"))
            return cli.fail(QStringLiteral("--partial writes the share of the tornado only (no "
                                           "--out, no --sobol); merge the shares with "
                                           "marginal-cli merge FILE... --out DIR"));
        const Result<ShareRange> range =
            ShareRange::parse(QStringLiteral("--factor-range"), flags->value("--factor-range"),
                              QStringLiteral("factors"));
        if (!range)
            return cli.fail(range.error());
        factorRange = *range;
    }
    double range = 0.2;
    if (flags->has("--range")) {
        bool ok = false;
        range = flags->value("--range").toDouble(&ok);
        if (!ok || !(range > 0.0 && range < 1.0))
            return cli.fail(QStringLiteral("--range: expected a number above 0 and below 1, got "
                                           "\"%1\"")
                                .arg(flags->value("--range")));
    }
    int sobol = 0, bootstrap = 1000;
    for (const auto& [flag, value, least, most] :
         {std::tuple{"--sobol", &sobol, 2, 10000},
          std::tuple{"--bootstrap", &bootstrap, 100, 100000}}) {
        if (!flags->has(flag))
            continue;
        bool ok = false;
        *value = flags->value(flag).toInt(&ok);
        if (!ok || *value < least || *value > most)
            return cli.fail(QStringLiteral("%1: expected a whole number from %2 to %3, got "
                                           "\"%4\"")
                                .arg(QLatin1String(flag))
                                .arg(least)
                                .arg(most)
                                .arg(flags->value(flag)));
    }
    if (flags->has("--bootstrap") && !sobol)
        return cli.fail(QStringLiteral("--bootstrap goes with --sobol"));
    QStringList factorNames;
    if (flags->has("--factors")) {
        for (const QString& name : flags->value("--factors").split(QLatin1Char(',')))
            if (!name.trimmed().isEmpty())
                factorNames << name.trimmed();
        if (factorNames.isEmpty())
            return cli.fail(QStringLiteral("--factors: expected factor names separated by "
                                           "commas, got \"%1\"")
                                .arg(flags->value("--factors")));
    }
    const Result<SearchRunFlags> runFlags = SearchRunFlags::parse(*flags);
    if (!runFlags)
        return cli.fail(runFlags.error());
    return reportingErrors(cli, [&]() -> int {
        const RunInputs inputs = runFlags->prepare(flags->value("--scenario"));
        RunOptions options;
        options.seed = inputs.seed;
        options.trials = inputs.trials;
        options.threads = runFlags->threadCount();
        options.cancel = &cli.cancel;
        RunProgress progress(cli.err, flags->has("--quiet"));
        options.progress = progress.callback();
        if (share)
            return writeShare(inputs, range, factorNames, factorRange, options, progress,
                              flags->value("--partial"), cli);
        QElapsedTimer timer;
        timer.start();
        const SensitivityResult result =
            SensitivityAnalysis::run(inputs.scenario, range, options, factorNames);
        progress.finish();
        if (!result.complete())
            return cli.fail(progress.cancelledMessage(), kExitCancelled);
        Cancelled::check(&cli.cancel);
        const double tornadoSeconds = timer.nsecsElapsed() / 1e9;
        OutputSet out(flags->value("--out"));
        out.add(QStringLiteral("tornado.csv"), result.csv());
        QString sobolLine;
        if (sobol) {
            RunProgress sobolProgress(cli.err, flags->has("--quiet"));
            options.progress = sobolProgress.callback();
            const SobolResult indices =
                SobolAnalysis::run(inputs.scenario, range, sobol, factorNames, options, bootstrap);
            sobolProgress.finish();
            if (!indices.complete())
                return cli.fail(QStringLiteral("cancelled during the Sobol indices; nothing "
                                               "written"),
                                kExitCancelled);
            Cancelled::check(&cli.cancel);
            out.add(QStringLiteral("sobol.csv"), indices.csv());
            sobolLine = QStringLiteral("Sobol indices: %1 points x %2 variants, %3 bootstrap "
                                       "resamples in %4 s\n")
                            .arg(indices.points())
                            .arg(indices.variants)
                            .arg(bootstrap)
                            .arg(timer.nsecsElapsed() / 1e9 - tornadoSeconds, 0, 'f', 2);
        }
        if (const Status written = out.commit(); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        cli.out << QStringLiteral("seed: %1, trials: %2, range: %3\n%4 factors x 2 ends x %5 "
                                  "variants in %6 s\n%7wrote: %8/tornado.csv%9\n")
                       .arg(inputs.seed)
                       .arg(inputs.trials)
                       .arg(range)
                       .arg(result.factors)
                       .arg(result.variants)
                       .arg(tornadoSeconds, 0, 'f', 2)
                       .arg(sobolLine, flags->value("--out"),
                            sobol ? QStringLiteral(", sobol.csv") : QString());
        return kExitOk;
    });
}

} // namespace marginal
