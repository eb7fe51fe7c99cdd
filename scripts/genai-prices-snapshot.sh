#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes sample_data/genai-prices/ from the npm registry: pydantic's LLM price table
# (MIT), as the npm package @pydantic/genai-prices bundles it, written out as the
# `prices/data.json` table the project publishes. Needs npm and node.
#
#   scripts/genai-prices-snapshot.sh [VERSION]     (default 0.1.8)
#
# Then rebuild the sample catalog from it (the command is in sample_data/genai-prices/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-0.1.8}
out=sample_data/genai-prices
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@pydantic/genai-prices@$version" >/dev/null)
tar xzf "$work"/pydantic-genai-prices-"$version".tgz -C "$work"
# The bundle keeps the table in a module-level constant (E); it is not exported, so the
# module is compiled with one line added that exports it.
node -e '
const fs = require("fs"), Module = require("module");
const src = fs.readFileSync(process.argv[1], "utf8") + ";\nexports.__table = E;";
const m = new Module("genai-prices"); m._compile(src, "genai-prices.cjs");
if (!Array.isArray(m.exports.__table) || !m.exports.__table[0].models)
    throw new Error("the bundle no longer holds the table in E: update this script");
fs.writeFileSync(process.argv[2], JSON.stringify(m.exports.__table, null, 1) + "\n");
' "$work/package/dist/index.cjs" "$out/data.json"
cp "$work/package/LICENSE" "$out/LICENSE"
published=$(npm view "@pydantic/genai-prices@$version" time --json |
    node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s)[process.argv[1]].slice(0,10)))' "$version")
integrity=$(npm view "@pydantic/genai-prices@$version" dist.integrity)
echo "genai-prices $version, published $published, $integrity"
echo "Update the version, date and integrity in $out/README.md."
