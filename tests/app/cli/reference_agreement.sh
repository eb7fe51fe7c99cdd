#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The C++ engine against an independent numpy implementation written from the
# semantics contract (benchmarks/numpy_reference.py, not a port of the billing code):
# on the sample scenario, every package x mix x cohort's mean revenue, cost and margin,
# P(margin < 0), overage share, credit utilisation, breakage, expired top-ups, blocked
# credits and days, cap-hit share, run-out share and run-out day P10 / P50 must agree
# within 4 standard errors of the difference (different random numbers).
# Usage: reference_agreement.sh CLI SOURCE_DIR
set -euo pipefail
cli=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cpp_trials=200 # the sanitizer build runs this too (Debug + ASan: about a minute)
"$cli" simulate --scenario "$src/sample_data/scenario.json" --trials $cpp_trials --seed 7 --quiet \
    --out "$out" >/dev/null
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" "$src/benchmarks/numpy_reference.py" --scenario "$src/sample_data/scenario.json" --trials 200 \
    --seed 11 --compare "$out/decision_table.csv" --cpp-trials $cpp_trials --max-z 4
