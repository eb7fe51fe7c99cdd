#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds from scratch and runs every test: once in a
# Release build, once more under AddressSanitizer + UndefinedBehaviorSanitizer.
# Set MARGINAL_SKIP_SANITIZERS=1 to run the Release pass only.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
jobs=$(nproc)

run_suite() { # build-dir, extra cmake flags...
    local dir=$1
    shift
    rm -rf "$dir"
    cmake -S . -B "$dir" -G Ninja -DMARGINAL_BUILD_BENCHMARKS=ON "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
    (cd "$dir" && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j "$jobs")
}

echo "== Release build and tests"
run_suite build/test-release -DCMAKE_BUILD_TYPE=Release

if [ "${MARGINAL_SKIP_SANITIZERS:-0}" != 1 ]; then
    echo "== ASan + UBSan build and tests"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        run_suite build/test-sanitize -DCMAKE_BUILD_TYPE=Debug -DMARGINAL_SANITIZE=ON
fi
