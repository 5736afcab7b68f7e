#!/usr/bin/env bash
# Every test suite of the project, in order, with the services they need. Prints per-suite counts and a
# final "N passed, M failed" line; exits non-zero when anything failed. A missing service is a failure.
#
#   scripts/test.sh            (what `make test` and CI run)
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
BIN="$CARGO_TARGET_DIR/debug/weikao"
LOG_DIR="$REPO/var/test-logs"
mkdir -p "$LOG_DIR"

declare -a SUITES=() PASSED=() FAILED=()
total_pass=0 total_fail=0

record() { # name passed failed
    SUITES+=("$1"); PASSED+=("$2"); FAILED+=("$3")
    total_pass=$((total_pass + $2)); total_fail=$((total_fail + $3))
    printf '== %s: %s passed, %s failed\n' "$1" "$2" "$3"
}

# run_suite NAME COMMAND...: runs a suite script whose last line is "N passed, M failed"
run_suite() {
    local name=$1; shift
    local log="$LOG_DIR/$(echo "$name" | tr -c 'a-zA-Z0-9' '_').log"
    echo "== $name"
    "$@" >"$log" 2>&1
    local status=$?
    local line p f
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
    p=$(awk '{print $1}' <<<"$line"); f=$(awk '{print $3}' <<<"$line")
    p=${p:-0}; f=${f:-0}
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if [ "$f" -ne 0 ]; then tail -60 "$log"; fi
    record "$name" "$p" "$f"
}

die_early() {
    echo "test: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}

# 1. services (PostgreSQL, SMTP catcher, the Python venv with the test tools; installs what is missing, fails loudly)
scripts/services.sh venv && scripts/services.sh up postgres mail s3 || die_early "supporting services could not be started"
eval "$(scripts/services.sh env)"

# 2. formatting (cheap, before the long build)
if cargo fmt --all -- --check >"$LOG_DIR/fmt.log" 2>&1; then record "rustfmt" 1 0; else cat "$LOG_DIR/fmt.log"; record "rustfmt" 0 1; fi

# 3. build everything once (tests need the real binary next to the test executables)
echo "== building (cargo build --workspace --all-targets --locked)"
cargo build --workspace --all-targets --locked 2>&1 | tail -n 3
[ "${PIPESTATUS[0]}" -eq 0 ] || die_early "build failed"

# 4. generated files are committed and current
gen_fail=0
"$BIN" openapi --check || gen_fail=1
"$BIN" config-doc --check || gen_fail=1
if [ $gen_fail -eq 0 ]; then record "generated files (openapi.json, configuration.md)" 2 0; else record "generated files (openapi.json, configuration.md)" 0 1; fi

# 5. Rust: unit tests of every crate and the black-box API suite (real PostgreSQL, SMTP, HTTP)
WEIKAO_BIN="$BIN" cargo test --workspace --locked --no-fail-fast 2>&1 | tee "$LOG_DIR/cargo-test.log" | grep -E '^(test result|     Running|failures:|---- )' || true
cargo_status=${PIPESTATUS[0]}
read -r p f < <(awk '/^test result:/ { for (i=1;i<=NF;i++) { if ($(i+1) ~ /^passed/) p+=$i; if ($(i+1) ~ /^failed/) f+=$i } } END { print p+0, f+0 }' "$LOG_DIR/cargo-test.log")
if [ "$cargo_status" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; grep -E "error(\[|:)" "$LOG_DIR/cargo-test.log" | head -20; fi
record "rust (unit + api)" "$p" "$f"

# 6. deployment description: docker-compose.yml validates and the binary accepts each service's command/env
if scripts/check-compose.sh "$BIN" >"$LOG_DIR/compose.log" 2>&1; then
    read -r p f < <(awk '/passed, .* failed/ { print $1, $3 }' "$LOG_DIR/compose.log" | tail -1)
    record "docker-compose" "$p" "$f"
else
    cat "$LOG_DIR/compose.log"
    read -r p f < <(awk '/passed, .* failed/ { print $1, $3 }' "$LOG_DIR/compose.log" | tail -1)
    record "docker-compose" "${p:-0}" "${f:-1}"
fi

# 7. front ends: contract check, type-check + build, unit tests; then browser journeys against the real binary
run_suite "frontend-candidate (build + unit)" frontend-candidate/scripts/ci.sh
run_suite "frontend-review (build + unit)" frontend-review/scripts/ci.sh
WEIKAO_BIN="$BIN" run_suite "e2e candidate (chromium, phone)" tests/e2e/candidate/run.sh
WEIKAO_BIN="$BIN" run_suite "e2e review console (chromium, desktop)" tests/e2e/review/run.sh

# 8. payments under chaos: thousands of orders, random center faults, worker processes killed with SIGKILL
run_suite "chaos payments (sandbox faults + SIGKILL)" python3 tests/chaos/payments_chaos.py "$BIN" "$WEIKAO_TEST_PG_URL"

# 9. property-based API run (schemathesis, bounded): no 5xx, responses match the documented schemas
if scripts/schemathesis.sh "$BIN" >"$LOG_DIR/schemathesis.log" 2>&1; then
    record "schemathesis (OpenAPI property run)" 1 0
else
    sed -n '/FAILURES/,$p' "$LOG_DIR/schemathesis.log" | head -80
    record "schemathesis (OpenAPI property run)" 0 1
fi

echo
echo "Summary"
for i in "${!SUITES[@]}"; do printf '  %-52s %5s passed %5s failed\n' "${SUITES[$i]}" "${PASSED[$i]}" "${FAILED[$i]}"; done
echo "${total_pass} passed, ${total_fail} failed"
[ "$total_fail" -eq 0 ]
