#!/usr/bin/env bash
# The main job on the bundled sample: install, build, simulate the sample scenario.
# Results land in out/sample/ (decision_table.csv, decision_table.md, monthly.csv, results.json).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target marginal-cli
build/app/cli/marginal-cli simulate --scenario sample_data/scenario.json --out out/sample "$@"
