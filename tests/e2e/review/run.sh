#!/usr/bin/env bash
# Browser journeys of the reviewer console (frontend-review) against a real `weikao serve`:
#   builds the console, starts weikao on a fresh PostgreSQL database with the demo data, drives Debian's Chromium
#   through playwright-core at 1366×768, scans the main screens with axe-core (serious and critical violations
#   fail), keeps screenshots and the axe reports under tests/e2e/artifacts/review/.
# Expects the weikao binary (WEIKAO_BIN, default /work/.cache/cargo-target/debug/weikao).
# Ends with one line `N passed, M failed`; exits non-zero when anything failed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
console="$root/frontend-review"
export WEIKAO_BIN="${WEIKAO_BIN:-/work/.cache/cargo-target/debug/weikao}"

fail() { echo "e2e review: $*" >&2; echo "0 passed, 1 failed"; exit 1; }

[[ -x "$WEIKAO_BIN" ]] || fail "no weikao binary at $WEIKAO_BIN (cargo build --bin weikao, or set WEIKAO_BIN)"

# Chromium from Debian's packages (never a browser download).
if [[ ! -x /usr/bin/chromium ]]; then
  echo "== installing chromium (apt)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || fail "cannot install chromium"
fi

# PostgreSQL: the one on 127.0.0.1:5432, or whatever the project's services script brings up.
pg_url="${WEIKAO_E2E_PG:-${WEIKAO_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432}}"
if ! psql "$pg_url/postgres" -qAtc 'select 1' >/dev/null 2>&1; then
  echo "== starting PostgreSQL (scripts/services.sh up postgres)"
  "$root/scripts/services.sh" up postgres || fail "PostgreSQL is not available"
  eval "$("$root/scripts/services.sh" env)"
  export WEIKAO_TEST_PG_URL
  pg_url="$WEIKAO_TEST_PG_URL"
  psql "$pg_url/postgres" -qAtc 'select 1' >/dev/null || fail "PostgreSQL does not answer at $pg_url"
fi
export WEIKAO_E2E_PG="$pg_url"

# npm ci only when node_modules is missing or package-lock.json changed (same stamp as frontend-review/scripts/ci.sh).
npm_ci_if_needed() {
  local dir="$1" stamp="$1/node_modules/.weikao-lock-stamp" want
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ ! -d "$dir/node_modules" || ! -f "$stamp" || "$(cat "$stamp")" != "$want" ]]; then
    echo "== npm ci in ${dir#"$root"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" > "$stamp"
  fi
}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm_ci_if_needed "$console"
npm_ci_if_needed "$here"

# The console as weikao serves it at /review/ (type checking is ci.sh's job; this is only the bundle).
echo "== building frontend-review"
(cd "$console" && npx vite build --logLevel warn) || fail "frontend-review does not build"

mkdir -p "$root/tests/e2e/artifacts/review"
tap="$(mktemp -t weikao-e2e-review.XXXXXX.tap)"
trap 'rm -f "$tap"' EXIT
echo "== journeys"
set +e
(cd "$here" && node --test --test-concurrency=1 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$tap" \
  journeys.test.mjs)
status=$?
set -e

passed=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$tap" | tail -1)
failed=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$tap" | tail -1)
passed=${passed:-0}
failed=${failed:-0}
# A run that broke outside a test (the backend did not start, a file did not load) counts as one failure.
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
if [[ $passed -eq 0 && $failed -eq 0 ]]; then failed=1; fi
echo "screenshots: tests/e2e/artifacts/review/"
echo "${passed} passed, ${failed} failed"
[[ $failed -eq 0 ]]
