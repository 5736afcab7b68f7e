#!/usr/bin/env bash
# Browser journeys of the candidate H5 app (playwright-core + Debian chromium, 375×812 touch viewport)
# against a real `weikao serve` on a fresh PostgreSQL database. Builds no Rust: it expects the weikao
# binary (WEIKAO_BIN, else $CARGO_TARGET_DIR/debug/weikao, /work/.cache/cargo-target/debug/weikao or
# target/debug/weikao). Installs Chromium (apt) and the npm packages when missing, rebuilds
# frontend-candidate/dist when it is older than its sources, and ends with "N passed, M failed".
# Screenshots and the server log: tests/e2e/artifacts/candidate/.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
FRONT=$REPO/frontend-candidate
started=$(date +%s)

fail_early() {
  echo "e2e/candidate: $*" >&2
  echo "0 passed, 1 failed"
  exit 1
}

apt_updated=0
apt_install() {
  if [[ $apt_updated -eq 0 ]]; then apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# npm ci in $1 unless its node_modules matches its package-lock.json (stamp shared with scripts/ci.sh)
npm_ci_if_needed() {
  local dir=$1 stamp=$1/node_modules/.ci-stamp hash
  hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [[ ! -f $stamp || "$(cat "$stamp")" != "$hash" ]]; then
    echo "== npm ci in ${dir#"$REPO"/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$hash" >"$stamp"
  fi
}

# 1. the browser (Debian's chromium; never a downloaded one) and a CJK font so screenshots are readable
if [[ ! -x /usr/bin/chromium ]]; then
  echo "== installing chromium (apt)"
  apt_install chromium || fail_early "could not install chromium"
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  echo "== installing a Chinese font (apt) for the screenshots"
  apt_install fonts-wqy-microhei || echo "warning: no Chinese font; screenshots will show boxes" >&2
fi

# 2. the backend binary and PostgreSQL
BIN=${WEIKAO_BIN:-}
if [[ -z $BIN ]]; then
  for candidate in "${CARGO_TARGET_DIR:-/nonexistent}/debug/weikao" /work/.cache/cargo-target/debug/weikao "$REPO/target/debug/weikao"; do
    if [[ -x $candidate ]]; then BIN=$candidate; break; fi
  done
fi
[[ -n $BIN && -x $BIN ]] || fail_early "no weikao binary (build it with cargo build, or set WEIKAO_BIN)"
export WEIKAO_BIN=$BIN
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if [[ -x $REPO/scripts/services.sh ]]; then "$REPO/scripts/services.sh" up postgres || true; fi
  pg_isready -q -h 127.0.0.1 -p 5432 || fail_early "PostgreSQL is not reachable on 127.0.0.1:5432"
fi

# 3. npm packages, and the SPA bundle when missing or older than its sources
npm_ci_if_needed "$HERE"
if [[ ! -f $FRONT/dist/index.html ]] ||
  [[ -n $(find "$FRONT/src" "$FRONT/public" "$FRONT/index.html" "$FRONT/vite.config.ts" "$FRONT/package-lock.json" \
    -newer "$FRONT/dist/index.html" -print -quit) ]]; then
  echo "== building frontend-candidate/dist"
  npm_ci_if_needed "$FRONT"
  (cd "$FRONT" && npx vite build --logLevel warn)
fi

# 4. the journeys
echo "== journeys (weikao: $BIN)"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
(cd "$HERE" && node --test --test-reporter=spec journeys.test.mjs registration.test.mjs payment.test.mjs supplement.test.mjs withdraw.test.mjs) 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed=$(sed -n 's/^ℹ pass \([0-9]\+\)$/\1/p' "$log" | tail -1)
failed=$(sed -n 's/^ℹ fail \([0-9]\+\)$/\1/p' "$log" | tail -1)
passed=${passed:-0}
failed=${failed:-0}
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
echo "e2e/candidate took $(($(date +%s) - started)) s; screenshots in tests/e2e/artifacts/candidate/"
echo "$passed passed, $failed failed"
[[ $status -eq 0 && $failed -eq 0 && $passed -gt 0 ]]
