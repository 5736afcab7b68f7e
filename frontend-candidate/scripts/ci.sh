#!/usr/bin/env bash
# CI for the candidate H5 app: install (when needed), contract check, type-check + build, unit tests.
# Ends with one line "N passed, M failed" (the vitest counts); exits non-zero when anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$(date +%s)
stamp=node_modules/.ci-stamp
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f $stamp || "$(cat "$stamp")" != "$lock_hash" ]]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
else
  echo "== npm ci skipped (node_modules matches package-lock.json)"
fi

echo "== check:api (generated client vs ../openapi/openapi.json)"
npm run --silent check:api

echo "== build (vue-tsc --noEmit && vite build)"
npm run --silent build

echo "== unit tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
NO_COLOR=1 FORCE_COLOR=0 npx vitest run --reporter=default 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Vitest's summary: "Tests  3 failed | 71 passed (74)" or "Tests  74 passed (74)".
summary=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^\s*Tests\s' | tail -1 || true)
passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
if [[ -z $summary ]]; then
  echo "could not read vitest's summary" >&2
  failed=$((failed + 1))
fi
echo "frontend-candidate ci took $(($(date +%s) - started)) s"
echo "$passed passed, $failed failed"
if [[ $status -ne 0 || $failed -ne 0 || $passed -eq 0 ]]; then
  exit 1
fi
