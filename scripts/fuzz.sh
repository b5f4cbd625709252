#!/usr/bin/env bash
# Fuzzes the parsers that read untrusted text: the job-description reader,
# the answer assessor and the form parsers. Each target runs for a set time,
# starting from a corpus seeded with the repository's test postings and
# answers. Not part of `make test`.
#
#   scripts/fuzz.sh [seconds-per-target] [target ...]
#
# Targets: job_description, answer, forms. Crashes land in
# fuzz/artifacts/<target>/; each run's libFuzzer log in fuzz/logs/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

seconds=${1:-600}
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(job_description answer forms)

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked --quiet
fi
# cargo-fuzz builds with nightly's -Z flags: use the nightly toolchain when
# it is installed, and otherwise let the stable compiler accept them.
toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  toolchain=(+nightly)
else
  export RUSTC_BOOTSTRAP=1
fi

# Seeds: every long string in the test fixtures (postings, answers), and a
# few form bodies and `next` values.
python3 - <<'PY'
import pathlib, tomllib, hashlib
root = pathlib.Path("server/tests/fixtures")
texts = []
def walk(value):
    if isinstance(value, str):
        if len(value) > 120:
            texts.append(value)
    elif isinstance(value, dict):
        for v in value.values():
            walk(v)
    elif isinstance(value, list):
        for v in value:
            walk(v)
for path in sorted(root.rglob("*")):
    if path.suffix == ".toml":
        walk(tomllib.loads(path.read_text()))
    elif path.suffix == ".txt":
        texts.append(path.read_text())
forms = [
    "role=backend-engineer&seniority=senior&count=8&kinds=behavioral&kinds=technical",
    "job_description=Senior+Rust+engineer%0A-+Postgres%2C+Kubernetes&count=5",
    "next=%2Fpractice%2Fabcdefghjkmnpqr",
    "next=/%09/evil.example",
    "next=%2F%2Fevil.example&role=data-analyst",
]
def seed(target, items, prefix=b""):
    out = pathlib.Path("fuzz/corpus") / target
    out.mkdir(parents=True, exist_ok=True)
    for item in items:
        data = prefix + item.encode()
        (out / hashlib.sha1(data).hexdigest()).write_bytes(data)
seed("job_description", texts)
seed("answer", texts, prefix=b"\x07")
seed("forms", forms + ["job_description=" + t[:2000] for t in texts[:20]])
PY

mkdir -p fuzz/logs
for target in "${targets[@]}"; do
  printf 'fuzz: %s for %s s\n' "$target" "$seconds" >&2
  cargo "${toolchain[@]}" fuzz run --fuzz-dir fuzz "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=20000 -print_final_stats=1 \
    2>&1 | tee "fuzz/logs/$target.log" | grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==|SUMMARY|Done)' || true
  if ! grep -q 'stat::number_of_executed_units' "fuzz/logs/$target.log"; then
    printf 'fuzz: %s stopped early; see fuzz/logs/%s.log\n' "$target" "$target" >&2
    exit 1
  fi
done
