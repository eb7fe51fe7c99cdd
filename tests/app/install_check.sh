#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# An installed Marginal works away from its sources: `cmake --install` into a fresh
# prefix, then the installed marginal-cli answers --help and the installed desktop app,
# started from / with an empty home, opens its bundled sample (from share/marginal),
# builds the sample project in the user's data folder and fits it.
# Usage: install_check.sh BUILD_DIR [gui]
set -euo pipefail
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
cd /
help=$("$work/prefix/bin/marginal-cli" --help) # (not piped to grep -q: SIGPIPE under pipefail)
[[ $help == *"marginal-cli rerun --project P --run ID"* ]]
"$work/prefix/bin/marginal-cli" simulate --scenario "$work/prefix/share/marginal/sample_data/scenario.json" \
    --trials 2 --quiet --out "$work/out" >/dev/null
test -s "$work/out/decision_table.csv"
[ "${2:-}" = gui ] || { echo "installed marginal-cli works"; exit 0; }
test -f "$work/prefix/share/applications/marginal.desktop"
test -f "$work/prefix/share/icons/hicolor/scalable/apps/marginal.svg"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_RUNTIME_DIR="$work/runtime" QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
"$work/prefix/bin/marginal" --screenshot "$work/shot.png" >/dev/null
test -s "$work/shot.png"
test -s "$XDG_DATA_HOME/Marginal/Marginal/sample.marginal"
grep -q "recentScenarios=$work/prefix/share/marginal/sample_data/scenario.json" \
    "$XDG_CONFIG_HOME/Marginal/Marginal.conf"
echo "installed marginal-cli and marginal work from $work/prefix"
