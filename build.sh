#!/usr/bin/env bash
# Staffroom's one entry point.
#   ./build.sh          build the engine (wasm + native CLI) and package dist/chrome, dist/firefox and zips
#   ./build.sh test     every test: Rust (native), the wasm facade under node, JavaScript, e2e in Chromium and Firefox ESR, web-ext lint
#   ./build.sh demo     Chromium with the extension on a bundled demo timeline (screenshots when there is no display)
#   ./build.sh bench    engine speed (native, wasm, JS baseline), troll-filter quality, page latency
# Prerequisites are installed on first use and skipped when present.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
export STAFFROOM_SHARED="${STAFFROOM_SHARED:-$ROOT/../shared}"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

APT_UPDATED=
apt_install() {
  [ -n "$APT_UPDATED" ] || { as_root apt-get update -qq; APT_UPDATED=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_rust_target() {
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
}

# The CLI must match the wasm-bindgen crate exactly, so read the version from Cargo.lock.
ensure_wasm_bindgen() {
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want
  want=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $want"; then
    log "installing wasm-bindgen-cli $want (takes a few minutes, once)"
    # --locked can fail when a locked dependency was yanked upstream; fall back to a fresh resolve.
    cargo install wasm-bindgen-cli --version "$want" --locked || cargo install wasm-bindgen-cli --version "$want"
  fi
}

ensure_chromium() {
  command -v chromium >/dev/null || { log "installing Debian's chromium"; apt_install chromium; }
}

# Stock Firefox ESR, driven over WebDriver BiDi by tests/e2e/browsers/firefox.mjs.
ensure_firefox() {
  command -v firefox-esr >/dev/null || { log "installing Debian's firefox-esr"; apt_install firefox-esr; }
}

ensure_npm() {
  local stamp=node_modules/.package-lock.sha
  if [ ! -f "$stamp" ] || [ "$(sha256sum package-lock.json)" != "$(cat "$stamp")" ]; then
    log "installing npm dev dependencies"
    npm ci --no-audit --no-fund --loglevel=error
    sha256sum package-lock.json >"$stamp"
  fi
}

# One wasm module per facade feature: build/engine/NAME.js + NAME_bg.wasm.
build_wasm_module() {
  local name=$1
  log "engine → wasm ($name module)"
  cargo build --profile wasm-release --locked --target wasm32-unknown-unknown --lib \
    --no-default-features --features "wasm-$name"
  wasm-bindgen --target web --no-typescript --out-dir build/engine --out-name "$name" \
    target/wasm32-unknown-unknown/wasm-release/staffroom.wasm
  # wasm-opt from npm's binaryen (pinned in package-lock.json): Debian's is too old for the
  # reference types that rustc now emits. Optional: without it the module is larger but works.
  if [ -x node_modules/.bin/wasm-opt ]; then
    # The first KB of memory is never used (Rust's stack starts at 1 MB and grows down to it),
    # which lets wasm-opt fold more address arithmetic (measured: ~1.7 KB gzipped).
    node_modules/.bin/wasm-opt -Oz --low-memory-unused --strip-debug --strip-producers --strip-target-features \
      "build/engine/${name}_bg.wasm" -o "build/engine/${name}_bg.wasm"
  fi
}

build() {
  ensure_rust_target
  ensure_wasm_bindgen
  ensure_npm
  rm -rf build/engine
  build_wasm_module filter
  build_wasm_module library
  log "engine → native command line (target/release/staffroom)"
  cargo build --release --locked --bin staffroom
  log "packaging dist/chrome and dist/firefox"
  node tools/package.mjs
}

run_tests() {
  ensure_chromium
  ensure_firefox
  build
  log "wasm size budget"
  tools/wasm-size.sh --check
  log "Rust tests (native)"
  cargo test --release --locked
  log "wasm facade tests (wasm-bindgen-test under node)"
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --release --locked --no-default-features --features wasm-filter,wasm-library \
    --target wasm32-unknown-unknown --test wasm_facade
  log "web-ext lint (dist/firefox)"
  npx web-ext lint --source-dir dist/firefox --warnings-as-errors --output=text
  log "JavaScript and end-to-end tests (node --test, real Chromium and Firefox ESR)"
  node --test --test-concurrency=1 tests/e2e/
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  demo) ensure_chromium; build; node tools/demo.mjs ;;
  bench) ensure_chromium; build; bash tools/bench.sh ;;
  *) echo "usage: ./build.sh [build|test|demo|bench]" >&2; exit 2 ;;
esac
