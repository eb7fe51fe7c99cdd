#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Line and branch coverage of models/ and simulator/ by the test suite (gcov + lcov).
#
#   scripts/coverage.sh [BUILD_DIR]      (default build/coverage)
#
# Builds a Debug tree with --coverage in its own folder (GUI off: views/ is not
# measured here), runs ctest, and prints line and branch coverage overall and per
# folder (models/common, models/domain, ..., simulator/results). Exception-only
# branches (the compiler's landing pads) are left out of the branch figures. The HTML
# report is written to BUILD_DIR/html. Installs lcov with apt-get when it is missing
# (through sudo when not root). Takes about 6 minutes on 2 cores from scratch.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=${1:-build/coverage}
jobs=${MARGINAL_JOBS:-$(nproc)}

if ! command -v lcov >/dev/null || ! command -v genhtml >/dev/null; then
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    "${as_root[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends lcov
fi

cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DMARGINAL_BUILD_GUI=OFF \
    -DMARGINAL_BUILD_BENCHMARKS=OFF \
    "-DCMAKE_CXX_FLAGS=--coverage -fprofile-update=atomic" \
    -DCMAKE_EXE_LINKER_FLAGS=--coverage >/dev/null
cmake --build "$dir" -j "$jobs"
find "$dir" -name '*.gcda' -delete
(cd "$dir" && QT_QPA_PLATFORM=offscreen ctest -j "$jobs" --output-on-failure) | tail -3

rc=(--rc lcov_branch_coverage=1 --rc geninfo_no_exception_branch=1)
info=$dir/coverage.info
lcov "${rc[@]}" --quiet --capture --directory "$dir" --base-directory "$root" \
    --output-file "$info.raw" 2>/dev/null
lcov "${rc[@]}" --quiet --extract "$info.raw" "$root/models/*" "$root/simulator/*" \
    --output-file "$info" 2>/dev/null

summary() { # tracefile label
    lcov "${rc[@]}" --summary "$1" 2>&1 | awk -v label="$2" '
        /lines\.+:/    { lines = $2 " " $3 " " $4 " " $5 " " $6 }
        /branches\.+:/ { branches = $2 " " $3 " " $4 " " $5 " " $6 }
        END { printf "%-22s lines %-28s branches %s\n", label, lines, branches }'
}

echo "== coverage of models/ and simulator/ ($dir)"
summary "$info" "models + simulator"
for top in models simulator; do
    lcov "${rc[@]}" --quiet --extract "$info" "$root/$top/*" --output-file "$dir/$top.info" \
        2>/dev/null
    summary "$dir/$top.info" "$top/"
    for sub in "$root/$top"/*/; do
        name=$(basename "$sub")
        part=$dir/$top-$name.info
        if lcov "${rc[@]}" --quiet --extract "$info" "$sub*" --output-file "$part" 2>/dev/null &&
            [ -s "$part" ]; then
            summary "$part" "  $top/$name/"
        fi
    done
done
genhtml "${rc[@]}" --quiet --output-directory "$dir/html" "$info" >/dev/null 2>&1 || true
echo "HTML report: $dir/html/index.html"
