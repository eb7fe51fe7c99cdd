#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Remakes the README's pictures (docs/screenshots/*.png) with the app itself: a fresh
# user (empty settings, so the first start builds the sample project), offscreen, the
# full simulation of the bundled sample, then the Summary, the package form, the
# decision table and two charts. Needs a build (scripts/quickstart.sh or test.sh).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
app="$root/build/app/gui/marginal"
[ -x "$app" ] || { echo "screenshots: build first (scripts/quickstart.sh): $app is missing" >&2; exit 2; }
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" \
    QT_QPA_PLATFORM=offscreen "$app" --screenshots "$root/docs/screenshots"
