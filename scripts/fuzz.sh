#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Fuzzes the importers with libFuzzer (Debian clang, ASan + UBSan): every input goes
# through every registered importer. Each corpus folder tests/fuzz/corpus/<name>/ is
# fuzzed for SECONDS (default 60) and grows with the new interesting inputs found from
# it; ctest replays them all on every test run. Usage: scripts/fuzz.sh [SECONDS] [NAME...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
command -v clang++ >/dev/null || { sudo_or=(); [ "$(id -u)" -eq 0 ] || sudo_or=(sudo); "${sudo_or[@]}" apt-get install -y -qq clang; }
seconds=${1:-60}
shift || true
formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=($(ls tests/fuzz/corpus))
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DMARGINAL_FUZZ=ON -DMARGINAL_BUILD_GUI=OFF -DMARGINAL_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build/fuzz --target fuzz_importers
for f in "${formats[@]}"; do
    mkdir -p "build/fuzz/crashes/$f" "tests/fuzz/corpus/$f"
    echo "== fuzzing from corpus $f for ${seconds}s"
    build/fuzz/tests/fuzz/fuzz_importers -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -artifact_prefix="build/fuzz/crashes/$f/" "tests/fuzz/corpus/$f" 2>&1 | tail -n 3
done
# The project opener, from small projects and damaged copies of them.
cmake --build build/fuzz --target fuzz_project
mkdir -p build/fuzz/crashes/project
echo "== fuzzing the project opener for ${seconds}s"
build/fuzz/tests/fuzz/fuzz_project -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix="build/fuzz/crashes/project/" tests/fuzz/corpus_project 2>&1 | tail -n 3
# The JSON document readers (scenario, package, catalog, mix, mapping).
cmake --build build/fuzz --target fuzz_documents
mkdir -p build/fuzz/crashes/documents
echo "== fuzzing the document readers for ${seconds}s"
build/fuzz/tests/fuzz/fuzz_documents -max_total_time="$seconds" -max_len=65536 -timeout=10 \
    -artifact_prefix="build/fuzz/crashes/documents/" tests/fuzz/corpus_documents 2>&1 | tail -n 3
