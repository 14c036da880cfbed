#!/usr/bin/env bash
# Prints each wasm module's size; with --check, fails when the filter module (the one the
# service worker starts on every wake-up) is over its budget of 300 KB gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=$((300 * 1024))
for wasm in build/engine/*_bg.wasm; do
  raw=$(wc -c <"$wasm")
  gz=$(gzip -c "$wasm" | wc -c) # gzip's default level, as a web server would send it
  printf '%-28s %5d KB, %4d KB gzipped\n' "$wasm" $((raw / 1024)) $((gz / 1024))
  if [ "${1:-}" = --check ] && [ "$(basename "$wasm")" = filter_bg.wasm ] && [ "$gz" -ge "$BUDGET" ]; then
    echo "the filter module is $((gz / 1024)) KB gzipped: over the 300 KB budget" >&2
    exit 1
  fi
done
