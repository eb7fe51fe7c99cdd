#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The main job on the bundled sample: install what is missing, build, then build the
# sample project from a generated usage export and simulate the sample packages on the
# cohorts fitted from it. Everything lands in out/:
#   out/sample_usage.csv   generated usage export (generic CSV, daily, 800 customers, 6 months)
#   out/sample.marginal    the project: imported usage, fitted cohorts, the run
#   out/cohorts/           cohorts.json, cohort_summary.csv, lorenz.csv
#   out/sample/            decision_table.csv, decision_table.md, monthly.csv, results.json
# Extra arguments go to `marginal-cli simulate` (e.g. --trials 1000). With a display
# (and MARGINAL_NO_APP unset) it ends by opening the desktop app on the sample project;
# without one it prints the command that does.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build
cli=build/app/cli/marginal-cli

mkdir -p out
"$cli" generate-usage --scenario sample_data/scenario.json --customers 800 --months 6 --seed 1 \
    --out out/sample_usage.csv
rm -f out/sample.marginal
"$cli" import --project out/sample.marginal out/sample_usage.csv --quiet
"$cli" cohorts --project out/sample.marginal --catalog sample_data/catalog.json --out out/cohorts
"$cli" simulate --project out/sample.marginal --scenario sample_data/scenario.json --out out/sample "$@"

app=build/app/gui/marginal
open_app=("$app" sample_data/scenario.json out/sample.marginal)
if [[ -x "$app" && -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" && -z "${MARGINAL_NO_APP:-}" ]]; then
    echo "Opening the desktop app on out/sample.marginal"
    nohup "${open_app[@]}" >/dev/null 2>&1 &
elif [[ -x "$app" ]]; then
    echo "To see it in the desktop app: ${open_app[*]}"
fi
