#!/usr/bin/env bash
# ./build.sh bench: speed, size and filter quality, printed as figures (ratios against a
# baseline run in the same process), never asserted as timed tests.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${STAFFROOM_SHARED:-../shared}"
mkdir -p build

echo "## Engine speed on the Davidson corpus (../shared/data/davidson/tweets.csv)"
node -e 'import("./bench/pack.mjs").then(m => process.stdout.write(JSON.stringify(m.realisticPack())))' >build/bench-pack.json
cargo run --quiet --locked --release --example bench_classify -- build/bench-pack.json "$SHARED/data/davidson/tweets.csv"
node bench/engine.mjs build/bench-pack.json

echo
echo "## Size"
tools/wasm-size.sh
for zip in dist/staffroom-*.zip; do printf '%s: %d KB\n' "$zip" "$(($(wc -c <"$zip") / 1024))"; done

echo
echo "## Professional lens: the development set and held-out corpora (never trained on)"
cargo run --quiet --locked --release --example lens_eval
echo
echo "## Professional lens: the training run's cross-validation (rewrites extension/models/topic.srlm identically)"
cargo run --quiet --locked --release --example train_topic

echo
echo "## Troll and noise filter quality"
cargo run --quiet --locked --release --example troll_eval

if [ -f tools/latency.mjs ]; then
  echo
  echo "## Page latency: post inserted → verdict marker (real Chromium, X page with strict CSP)"
  node tools/latency.mjs
fi
