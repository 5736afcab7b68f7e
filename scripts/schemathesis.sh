#!/usr/bin/env bash
# Property-based run of schemathesis against the served OpenAPI document (bounded): no server error and no
# response that violates the documented schema, status codes or content types. One worker: hypothesis's
# internals are not thread-safe and fail spuriously with two.
#
#   scripts/schemathesis.sh <weikao-binary>      (needs PostgreSQL and the .venv from scripts/services.sh)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$(realpath "$1")"
PG="${WEIKAO_TEST_PG_URL:-postgres://postgres@127.0.0.1:5432}"
DB="weikao_st_$(date +%s)_$$"
WORK="$(mktemp -d /tmp/weikao-st.XXXXXX)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
HOSTPART="${PG#postgres://}"; HOSTPART="${HOSTPART#*@}"
export WEIKAO_DATABASE_OWNER_URL="$PG/$DB"
export WEIKAO_DATABASE_URL="postgres://weikao_app@$HOSTPART/$DB"
export WEIKAO_BIND="127.0.0.1:$PORT" WEIKAO_PUBLIC_URL="http://127.0.0.1:$PORT" WEIKAO_DATA_DIR="$WORK" WEIKAO_LOG="warn"
export WEIKAO_ARGON2_MEMORY_KIB=1024 WEIKAO_ARGON2_ITERATIONS=1 WEIKAO_IP_AUTH_LIMIT_PER_MINUTE=1000000
export WEIKAO_CODE_RESEND_SECS=0 WEIKAO_WEB_DIR="$WORK/no-web"

cleanup() {
    [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN" seed-demo >"$WORK/seed.txt"
"$BIN" serve >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break
    sleep 0.1
done
curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null || { cat "$WORK/serve.log"; echo "schemathesis: server did not start"; exit 1; }

# a region-level reviewer's token, so protected operations are exercised beyond 401
SECRET="$(awk '$1 == "region_reviewer" { print $NF }' "$WORK/seed.txt")"
CODE="$("$BIN" totp-code --secret "$SECRET")"
TOKEN="$(curl -fs -H 'content-type: application/json' \
    -d "{\"username\":\"region_reviewer\",\"password\":\"weikao2026\",\"totp_code\":\"$CODE\"}" \
    "http://127.0.0.1:$PORT/api/v1/auth/staff/login" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens"]["access_token"])')"

"$REPO/.venv/bin/schemathesis" run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --phases examples,coverage,fuzzing \
    --max-examples "${SCHEMATHESIS_EXAMPLES:-25}" \
    --max-time "${SCHEMATHESIS_SECONDS:-120}" \
    --exclude-operation-id logout \
    --exclude-operation-id sandboxSetFaults \
    --header "Authorization: Bearer $TOKEN" \
    --workers 1 --seed 20261125 --no-color
