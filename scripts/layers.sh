#!/usr/bin/env bash
# Keeps the server's arrows pointing one way (see ARCHITECTURE.md):
#
#   doors (http, cli) -> ports (services) -> coach, db, auth -> content, config
#
# Each rule names a module of server/src and the modules it must not name,
# by `crate::` path, in `use` lines or inline. Prints every breach and fails
# if there is one.
set -euo pipefail
cd "$(dirname "$0")/../server/src"

rules=(
  "coach:services db http auth state cli export telemetry"
  "services:http state cli"
  "db:services coach http auth state cli export"
  "auth:services coach db http state cli"
  "content:services coach db http auth state cli config"
  "config:services coach db http auth state cli content"
  "export:services coach db http auth state cli"
  "http:db coach cli"
)

breaches=0
for rule in "${rules[@]}"; do
  module=${rule%%:*}
  forbidden=${rule#*:}
  paths=()
  [[ -d $module ]] && paths+=("$module")
  [[ -f $module.rs ]] && paths+=("$module.rs")
  if [[ ${#paths[@]} -eq 0 ]]; then
    echo "layers: no module named $module" >&2
    exit 2
  fi
  pattern="crate::($(tr ' ' '|' <<<"$forbidden"))\\b"
  # Comment lines do not count; code does, wherever it names the path.
  if hits=$(grep -rnE --include='*.rs' "$pattern" "${paths[@]}" | grep -vE '^[^:]+:[0-9]+:[[:space:]]*//'); then
    while IFS= read -r hit; do
      echo "layers: $module must not depend on ${forbidden// /, }: $hit" >&2
    done <<<"$hits"
    breaches=1
  fi
done
exit $breaches
