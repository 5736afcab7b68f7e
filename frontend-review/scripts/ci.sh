#!/usr/bin/env bash
# CI for the reviewer console: install (only when needed), contract drift check, type check + build, unit tests.
# Ends with one line `N passed, M failed` and a non-zero exit status when anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }
trap 'echo "frontend-review ci: failed at: ${BASH_COMMAND}" >&2' ERR

# npm ci only when node_modules is missing or package-lock.json changed since the last install.
stamp=node_modules/.weikao-lock-stamp
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ ! -d node_modules || ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  step "npm ci"
  npm ci --no-audit --no-fund
  echo "$want" > "$stamp"
else
  step "npm ci skipped (package-lock.json unchanged)"
fi

step "check:api (src/api/schema.d.ts against ../openapi/openapi.json)"
npm run --silent check:api

step "build (vue-tsc --noEmit && vite build)"
npm run --silent build

step "unit tests (vitest)"
report=$(mktemp -t weikao-review-vitest.XXXXXX.json)
trap 'rm -f "$report"' EXIT
set +e
npx vitest run --reporter=default --reporter=json --outputFile.json="$report"
status=$?
set -e

# vitest's own counts, from its JSON report
counts=$(node -e '
  try {
    const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"))
    console.log(`${r.numPassedTests} ${r.numFailedTests}`)
  } catch {
    console.log("0 0")
  }
' "$report")
read -r passed failed <<<"$counts"
# A run that failed outside any test (a suite that does not load) or ran nothing counts as one failure.
if [[ $status -ne 0 && $failed -eq 0 ]]; then failed=1; fi
if [[ $passed -eq 0 && $failed -eq 0 ]]; then failed=1; fi
echo
echo "${passed} passed, ${failed} failed"
[[ $failed -eq 0 && $status -eq 0 ]]
