#!/usr/bin/env bash
# Tries every operation of the JSON API against its OpenAPI document with
# schemathesis (from PyPI): a release server on a fresh SQLite database, a
# fresh account's session cookie, and every check. Not part of `make test`.
#
#   scripts/schemathesis.sh [max-examples-per-operation]
#
# The operations that end the session (logout, deleting the account) run
# last, on their own, so they do not log the earlier ones out.
set -euo pipefail
cd "$(dirname "$0")/.."

examples=${1:-100}
target_dir=${CARGO_TARGET_DIR:-$PWD/target}
bin=${REHEARSE_BIN:-$target_dir/release/rehearse}
[[ -x "$bin" ]] || make build

venv=$target_dir/schemathesis
SCHEMATHESIS_VERSION=4.32.5
if [[ "$("$venv/bin/st" --version 2>/dev/null)" != *" $SCHEMATHESIS_VERSION" ]]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet "schemathesis==$SCHEMATHESIS_VERSION"
fi

port=${SCHEMATHESIS_PORT:-3191}
base=http://127.0.0.1:$port
work=$(mktemp -d)
DATABASE_URL="sqlite://$work/rehearse.db" REHEARSE_ADDR="127.0.0.1:$port" \
  REHEARSE_SITE_ROOT="$PWD/target/site" REHEARSE_LOG_LEVEL=warn \
  REHEARSE_MODEL_DIR="${REHEARSE_MODEL_DIR:-$PWD/target/model}" \
  REHEARSE_GENERATE_LIMIT=0 REHEARSE_ANSWER_LIMIT=0 REHEARSE_FEEDBACK_LIMIT=0 \
  "$bin" serve >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
  curl -fs "$base/readyz" >/dev/null && break
  sleep 0.2
done

# A session cookie for a fresh account.
session() {
  curl -fs -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"email\":\"api-$1-$RANDOM@example.org\",\"password\":\"violet tugboat lantern\"}" \
    "$base/api/v1/auth/signup" |
    tr -d '\r' | sed -n 's/^set-cookie: \([^;]*session=[^;]*\);.*/\1/Ip' | head -n1
}

# Every check but one: that any request the schema allows is accepted.
# Some rules no JSON Schema states (the set must exist, the role must be
# one the library knows by some name, a role or a job description must be
# given, the password must not be a common one or the current one), and
# those requests are rightly refused with a documented 404 or 422.
run() {
  "$venv/bin/st" run "$base/api/v1/openapi.json" \
    --checks all --exclude-checks positive_data_acceptance \
    --max-examples "$examples" --workers 2 \
    --suppress-health-check all --warnings off \
    -H "Cookie: $(session "$1")" "${@:2}"
}

status=0
run main --exclude-name 'POST /api/v1/auth/logout' --exclude-name 'DELETE /api/v1/me' || status=1
run logout --include-name 'POST /api/v1/auth/logout' || status=1
run delete --include-name 'DELETE /api/v1/me' || status=1
if grep -q 'panicked' "$work/server.log"; then
  echo "the server panicked:" >&2
  grep -A5 'panicked' "$work/server.log" >&2
  status=1
fi
exit $status
