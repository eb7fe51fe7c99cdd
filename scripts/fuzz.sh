#!/usr/bin/env bash
# Fuzzes every importer and the JSON document readers (target "documents") with libFuzzer (Debian clang, ASan + UBSan) for SECONDS each
# (default 60). New interesting inputs are added to tests/fuzz/corpus/<format>/, which
# ctest replays on every test run. Usage: scripts/fuzz.sh [SECONDS] [FORMAT...]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
command -v clang++ >/dev/null || { sudo_or=(); [ "$(id -u)" -eq 0 ] || sudo_or=(sudo); "${sudo_or[@]}" apt-get install -y -qq clang; }
seconds=${1:-60}
shift || true
formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(csv openai anthropic litellm cloudevents documents)
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DMARGINAL_FUZZ=ON -DMARGINAL_BUILD_GUI=OFF -DMARGINAL_BUILD_BENCHMARKS=OFF >/dev/null
for f in "${formats[@]}"; do
    cmake --build build/fuzz --target "fuzz_$f"
    mkdir -p "build/fuzz/crashes/$f"
    echo "== fuzzing $f for ${seconds}s"
    "build/fuzz/tests/fuzz/fuzz_$f" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -artifact_prefix="build/fuzz/crashes/$f/" "tests/fuzz/corpus/$f" 2>&1 | tail -n 3
done
