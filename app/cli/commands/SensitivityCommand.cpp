// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/commands/SensitivityCommand.h"
#include "app/cli/Flags.h"
#include "app/cli/commands/RunProgress.h"
#include "app/cli/commands/SearchRunFlags.h"
#include "models/common/OutputSet.h"
#include "models/common/TableText.h"
#include "simulator/search/SensitivityAnalysis.h"
#include "simulator/session/Session.h"

#include <QElapsedTimer>

namespace marginal {

QString SensitivityCommand::synopsis() const {
    return QStringLiteral("--scenario FILE --out DIR [--range R] [--trials N] [--seed S]\n"
                          "                        [--threads N] [--quiet]");
}

QString SensitivityCommand::help() const {
    return QStringLiteral(
        "sets each factor of docs/MODEL.md section 12 (each model's token prices, each cohort's\n"
        "usage level, sigma, p_active, growth, cached and output shares, traffic moved toward\n"
        "the premium model) to its low and high end on the same draws, and writes\n"
        "DIR/tornado.csv: per package x mix x factor the change in mean margin (with the SE of\n"
        "the paired difference) and in GM% from the base, sorted by swing.\n"
        "  --range R        relative range, 0 < R < 1 (default 0.2: prices x 0.8 and x 1.2)\n"
        "  --trials N, --seed S, --threads N, --quiet: as for simulate\n");
}

int SensitivityCommand::run(const QStringList& args, CliContext& cli) const {
    const Result<Flags> flags = Flags::parse(
        args, {"--scenario", "--out", "--range", "--trials", "--seed", "--threads"}, {"--quiet"});
    if (!flags)
        return cli.fail(flags.error());
    if (const Status s =
            flags->require({"--scenario FILE", "--out DIR"}, QStringLiteral("sensitivity"));
        !s)
        return cli.fail(s.error());
    double range = 0.2;
    if (flags->has("--range")) {
        bool ok = false;
        range = flags->value("--range").toDouble(&ok);
        if (!ok || !(range > 0.0 && range < 1.0))
            return cli.fail(QStringLiteral("--range: expected a number above 0 and below 1, got "
                                           "\"%1\"")
                                .arg(flags->value("--range")));
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
        QElapsedTimer timer;
        timer.start();
        const SensitivityResult result = SensitivityAnalysis::run(inputs.scenario, range, options);
        progress.finish();
        if (!result.complete())
            return cli.fail(progress.cancelledMessage(), kExitCancelled);
        Cancelled::check(&cli.cancel);
        const QByteArray csv = result.csv();
        OutputSet out(flags->value("--out"));
        out.add(QStringLiteral("tornado.csv"), csv);
        if (const Status written = out.commit(); !written)
            return cli.fail(written.error(), kExitOutputFailed);
        cli.out << QStringLiteral("seed: %1, trials: %2, range: %3\n%4 factors x 2 ends x %5 "
                                  "variants in %6 s\nwrote: %7/tornado.csv\n")
                       .arg(inputs.seed)
                       .arg(inputs.trials)
                       .arg(range)
                       .arg(result.factors)
                       .arg(result.variants)
                       .arg(timer.nsecsElapsed() / 1e9, 0, 'f', 2)
                       .arg(flags->value("--out"));
        return kExitOk;
    });
}

} // namespace marginal
