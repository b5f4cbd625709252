#!/usr/bin/env bash
# Fails if server-only crates reach the browser bundle's dependency tree.
set -euo pipefail
cd "$(dirname "$0")/.."
forbidden='^(sea-orm|sea-orm-migration|sqlx|tokio|async-openai|argon2|axum) '
tree=$(cargo tree -p frontend --target wasm32-unknown-unknown -e normal --prefix none --format '{p}')
if offenders=$(grep -E "$forbidden" <<<"$tree" | sort -u) && [[ -n "$offenders" ]]; then
  echo "server-only crates in the wasm32 dependency tree of frontend:" >&2
  echo "$offenders" >&2
  exit 1
fi
echo "wasm32 dependency tree of frontend: $(sort -u <<<"$tree" | wc -l) crates, none server-only"
