#!/usr/bin/env bash
# Benchmarks: offline generation latency, the model engine's own overhead and
# upstream calls per fault case, and requests per second for a share
# page and a role page under load from a second process (wrk). Figures vary
# with the machine; compare runs on one machine as ratios.
#
#   scripts/bench.sh            (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."

target_dir=${CARGO_TARGET_DIR:-target}
bin="$target_dir/release/rehearse"
port=${BENCH_PORT:-3199}
duration=${BENCH_SECONDS:-10}
connections=${BENCH_CONNECTIONS:-32}

if ! command -v wrk >/dev/null 2>&1; then
  echo "bench: installing wrk from Debian" >&2
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

echo "== the coach against the labelled fixtures (tuning and test halves)"
cargo run --quiet --release -p server --example coach_eval

echo "== offline generation"
cargo run --quiet --release -p server --example generate_bench

echo "== offline answer assessment"
cargo run --quiet --release -p server --example assess_bench

echo "== /me with 1,000 attempts across 50 sets (SQLite, and PostgreSQL when BENCH_POSTGRES_URL is set)"
cargo run --quiet --release -p server --example dashboard_bench

echo "== model engine against an instant local fake server"
cargo run --quiet --release -p server --example llm_bench

echo "== password hashing"
cargo run --quiet --release -p server --example auth_bench

[[ -x "$bin" ]] || { echo "bench: build the release first (make build)" >&2; exit 1; }
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
DATABASE_URL="sqlite://$work/bench.db" REHEARSE_ADDR="127.0.0.1:$port" \
  REHEARSE_SITE_ROOT=target/site REHEARSE_LOG_LEVEL=warn REHEARSE_GENERATE_LIMIT=0 \
  "$bin" serve &
server=$!
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
sleep 2
echo "== idle memory with the embedded model loaded"
grep -E 'VmRSS|VmHWM' "/proc/$server/status"

slug=$(curl -fs -X POST -H 'content-type: application/json' \
  -d '{"role":"backend-engineer","count":10}' \
  "http://127.0.0.1:$port/api/v1/question-sets" | sed -E 's/.*"slug":"([a-z0-9]+)".*/\1/')

# A static file served by the same server in the same run is the yardstick:
# the pages' figures are quoted as a share of its rate, which a noisy machine
# disturbs less than the raw rates.
static="/pkg/$(cd target/site/pkg && ls rehearse*.css | head -n1)"
declare -A rate
for path in "$static" "/s/$slug" "/roles/backend-engineer"; do
  echo "== GET $path ($connections connections, ${duration}s, 2 threads)"
  # As a browser asks, so pages are compressed as browsers get them.
  out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency \
    -H 'Accept-Encoding: gzip, deflate, br, zstd' "http://127.0.0.1:$port$path")
  grep -E 'Requests/sec|Latency|50%|99%|Non-2xx' <<<"$out"
  rate[$path]=$(awk '/Requests\/sec/ { print $2 }' <<<"$out")
done
echo "== the pages' request rates as a share of the static file's"
for path in "/s/$slug" "/roles/backend-engineer"; do
  awk -v page="${rate[$path]}" -v file="${rate[$static]}" -v path="$path" \
    'BEGIN { printf "%s: %.3f\n", path, page / file }'
done

curl -fs -o /dev/null -X POST -H 'content-type: application/json' \
  -d '{"email":"bench@example.org","password":"violet tugboat lantern"}' \
  "http://127.0.0.1:$port/api/v1/auth/signup"
echo "== POST /api/v1/auth/login (20 connections, ${duration}s, 2 threads)"
wrk -t2 -c20 -d"${duration}s" --latency -s scripts/login.lua "http://127.0.0.1:$port/api/v1/auth/login" \
  | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx'
