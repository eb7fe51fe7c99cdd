#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Time and peak memory (GNU time's maximum resident set) of every marginal-cli command
# on a project of a given size, built from a generated usage export:
#
#   scripts/bench-commands.sh [CUSTOMERS] [TRIALS] [OPENAI_RESULTS] [MONTHS]
#       (defaults 62400, 20, 1000000 and 6: ~3M rows, and an OpenAI export of 1M
#       results; about 8 rows a customer-month: 21000 customers x 6 months make ~1M
#       rows, 210000 ~10M; an OPENAI_RESULTS of 0 skips the OpenAI export)
#
# With the benchmarks built (marginal-bench-gui), it also opens the project in the
# desktop app (offscreen): the time until its cohorts show, and the longest stall of the
# event loop meanwhile.
#
# Prints one line per command: seconds and peak MiB. Needs a build (scripts/quickstart.sh)
# and /usr/bin/time. Works in a temporary folder, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-62400}
trials=${2:-20}
openai_results=${3:-1000000}
months=${4:-6}
build=${MARGINAL_BUILD:-build} # the build folder (scripts/quickstart.sh builds build/)
cli=$build/app/cli/marginal-cli
[[ -x $cli ]] || { echo "bench-commands: build first (scripts/quickstart.sh)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "bench-commands: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

measure() { # NAME COMMAND...: runs it, prints NAME, seconds, peak MiB
    local name=$1
    shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" ||
        { cat "$work/err" >&2; exit 1; }
    read -r seconds kib <"$work/time"
    awk -v n="$name" -v s="$seconds" -v k="$kib" 'BEGIN { printf "%-34s %8.2f s %8.1f MiB\n", n, s, k / 1024 }'
}

measure "generate-usage" "$cli" generate-usage --scenario sample_data/scenario.json \
    --customers "$customers" --months "$months" --seed 1 --out "$work/usage.csv"
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
gui=$build/benchmarks/marginal-bench-gui
if [[ -x $gui ]]; then
    # The fit `cohorts` stored is current: the app shows it without reading the usage.
    QT_QPA_PLATFORM=offscreen measure "app: open (stored fit)" "$gui" --open-only \
        --project "$work/p.marginal"
    grep -h "open project" "$work/out" || true
fi
if ((openai_results > 0)); then
# An OpenAI usage export (one page per line, as the usage API pages it): daily buckets
# of 2,740 results (1,000 projects x 3 models, less some), as many days as it takes.
awk -v n="$openai_results" 'BEGIN {
    per = 2740; day = 1767225600; written = 0; models[0] = "gpt-4o"; models[1] = "gpt-4o-mini";
    models[2] = "o3";
    while (written < n) {
        printf "{\"object\":\"page\",\"data\":[{\"object\":\"bucket\",\"start_time\":%d,\"end_time\":%d,\"results\":[", day, day + 86400;
        for (i = 0; i < per && written < n; i++) {
            printf "%s{\"object\":\"organization.usage.completions.result\",\"input_tokens\":%d,\"output_tokens\":%d,\"input_cached_tokens\":%d,\"num_model_requests\":%d,\"project_id\":\"proj_%04d\",\"user_id\":null,\"api_key_id\":null,\"model\":\"%s\",\"batch\":false}", (i ? "," : ""), 1000 + i * 37 % 90000, 200 + i % 5000, i % 700, 1 + i % 40, int(i / 3), models[i % 3];
            written++;
        }
        printf "]}],\"has_more\":%s,\"next_page\":null}\n", (written < n ? "true" : "false");
        day += 86400;
    }
}' >"$work/openai.jsonl"
echo "openai export: $openai_results results, $(du -m "$work/openai.jsonl" | cut -f1) MB"
measure "import (OpenAI export)" "$cli" import --project "$work/openai.marginal" \
    "$work/openai.jsonl" --quiet
fi
measure "simulate --empirical" "$cli" simulate --project "$work/p.marginal" --empirical \
    --scenario sample_data/scenario.json --trials "$trials" --quiet --out "$work/empirical"
