#!/usr/bin/env bash
# Installs what building and testing Rehearse needs, from the package
# registries only (crates.io, npm, Debian). Idempotent: anything already
# present at the right version is skipped, and then it prints nothing.
#
#   scripts/setup.sh             toolchain for building and running
#   scripts/setup.sh --browser   also Debian's Chromium, for the browser tests
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[[ "${1:-}" == "--browser" ]] && want_browser=1

CARGO_LEPTOS_VERSION=0.3.10
say() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then
    as_root apt-get update -qq
    apt_updated=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

export PATH="$HOME/.cargo/bin:$PATH"

# The WebAssembly target for the browser bundle.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# cargo-leptos drives the two builds (server and WebAssembly). Its own lockfile
# pins what it builds with; 0.3.10 is the last release that builds on Rust 1.95.
if [[ "$(cargo leptos --version 2>/dev/null)" != *" $CARGO_LEPTOS_VERSION"* ]]; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (this takes a while the first time)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --quiet
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
# It is installed without --locked: its lockfile pins a webpki-roots release
# the registry no longer carries.
bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock)
if [[ -z "$bindgen_version" ]]; then
  say "cannot find the wasm-bindgen version in Cargo.lock"
  exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]]; then
  say "installing wasm-bindgen-cli $bindgen_version"
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force --quiet
fi

# Node.js runs the browser tests and supplies wasm-opt (npm's binaryen).
if ! command -v npm >/dev/null 2>&1; then
  say "installing Node.js and npm from Debian"
  apt_install nodejs npm
fi
lock_sum=$(sha256sum end2end/package-lock.json | cut -d' ' -f1)
stamp=end2end/node_modules/.rehearse-lock-sha256
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_sum" ]]; then
  say "installing end2end npm packages (Playwright test runner, binaryen)"
  (cd end2end && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$lock_sum" >"$stamp"
fi

if [[ $want_browser -eq 1 ]] && [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium for the browser tests"
  apt_install chromium
fi
