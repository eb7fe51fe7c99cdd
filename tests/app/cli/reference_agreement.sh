#!/usr/bin/env bash
# The C++ engine and the independent numpy implementation (benchmarks/numpy_reference.py)
# must agree on every package x mix x cohort mean (revenue, cost, margin) of the sample
# scenario within 5 combined standard errors. Usage: reference_agreement.sh CLI SOURCE_DIR
set -euo pipefail
cli=$1
src=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$cli" simulate --scenario "$src/sample_data/scenario.json" --trials 100 --seed 7 --quiet --out "$out" >/dev/null
python=/usr/bin/python3
[ -x "$python" ] || python=python3
"$python" "$src/benchmarks/numpy_reference.py" --scenario "$src/sample_data/scenario.json" --trials 100 --seed 11 \
    --compare "$out/decision_table.csv" --max-z 5
