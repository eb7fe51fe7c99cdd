#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Time and peak memory (GNU time's maximum resident set) of every marginal-cli command
# on a project of a given size, built from a generated usage export:
#
#   scripts/bench-commands.sh [CUSTOMERS] [TRIALS]     (defaults 62400 and 20: ~3M rows)
#
# Prints one line per command: seconds and peak MiB. Needs a build (scripts/quickstart.sh)
# and /usr/bin/time. Works in a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-62400}
trials=${2:-20}
cli=build/app/cli/marginal-cli
[[ -x $cli ]] || { echo "bench-commands: build first (scripts/quickstart.sh)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-commands: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # NAME COMMAND...: runs it, prints NAME, seconds, peak MiB
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" ||
        { cat "$work/err" >&2; exit 1; }
    read -r seconds kib <"$work/time"
    awk -v n="$name" -v s="$seconds" -v k="$kib" 'BEGIN { printf "%-34s %8.2f s %8.1f MiB\n", n, s, k / 1024 }'
}

measure "generate-usage" "$cli" generate-usage --scenario sample_data/scenario.json \
    --customers "$customers" --months 6 --seed 1 --out "$work/usage.csv"
echo "usage rows: $(($(wc -l <"$work/usage.csv") - 1)), $(du -m "$work/usage.csv" | cut -f1) MB"
measure "import" "$cli" import --project "$work/p.marginal" "$work/usage.csv" --quiet
measure "import again (duplicates)" "$cli" import --project "$work/p.marginal" "$work/usage.csv" --quiet
measure "cohorts" "$cli" cohorts --project "$work/p.marginal" --catalog sample_data/catalog.json \
    --out "$work/cohorts"
measure "replay (2 packages)" "$cli" replay --project "$work/p.marginal" \
    --packages sample_data/packages/credits_19.json,sample_data/packages/capped_29.json \
    --catalog sample_data/catalog.json --out "$work/replay"
measure "simulate --project ($trials trials)" "$cli" simulate --project "$work/p.marginal" \
    --scenario sample_data/scenario.json --trials "$trials" --quiet --out "$work/simulate"
measure "simulate --empirical" "$cli" simulate --project "$work/p.marginal" --empirical \
    --scenario sample_data/scenario.json --trials "$trials" --quiet --out "$work/empirical"
