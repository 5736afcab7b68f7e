#!/usr/bin/env bash
# Payment status-check benchmark (issue "Payments"): N open orders (default 100 000), all due, checked by the
# payment duties of WORKERS `weikao worker` processes against the built-in sandbox center over real HTTP
# (`weikao serve`). Reports status checks per second until every order was checked once (goal ≥ 2 000/s) and
# that nothing is lost: every order the sandbox holds as paid is applied here. Appends to results.md.
# Scratch database `weikao_bench_pay`.
#
#   bench/payments/run.sh                       (part of make bench)
#   N=20000 bench/payments/run.sh               (a quick run)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
N=${N:-100000}
WORKERS=${WORKERS:-2}
CONCURRENCY=${CONCURRENCY:-32}
PORT=${PORT:-18098}
BIN=${WEIKAO_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/weikao}
unset WEIKAO_BIN  # weikao refuses unknown WEIKAO_* variables
PG=${WEIKAO_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=weikao_bench_pay
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

[[ -x "$BIN" ]] || { echo "bench: no weikao binary at $BIN (cargo build --release --bin weikao)"; exit 1; }
psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
export WEIKAO_DATABASE_OWNER_URL="$PG/$DB"
export WEIKAO_DATABASE_URL="${PG/\/\/*@/\/\/weikao_app@}/$DB"
export WEIKAO_DB_POOL_SIZE=24  # × 3 processes, opened up front: below PostgreSQL's 100 connections
export WEIKAO_PII_KEY=$(printf 'b%.0s' {1..64})
export WEIKAO_BLIND_INDEX_KEY=$(printf 'c%.0s' {1..64})
export WEIKAO_JWT_SECRET=$(printf 'd%.0s' {1..64})
export WEIKAO_DATA_DIR="$work/data"
export WEIKAO_BIND="127.0.0.1:$PORT"
export WEIKAO_PUBLIC_URL="http://127.0.0.1:$PORT"
export WEIKAO_PAYMENT_SANDBOX=true
export WEIKAO_PAYCENTER_URL="http://127.0.0.1:$PORT/sandbox/paycenter"
export WEIKAO_PAYCENTER_CONCURRENCY=$CONCURRENCY
export WEIKAO_PAYCENTER_MAX_QPS=100000
export WEIKAO_WORKER_POLL_MS=50
export WEIKAO_LOG=error
sql() { psql "$WEIKAO_DATABASE_OWNER_URL" -qAtX -v ON_ERROR_STOP=1 "$@"; }

"$BIN" seed-demo >/dev/null
echo "== generating $N open orders"
sql -v n="$N" -v merchant=weikao-dev -f "$here/gen.sql"
paid_there=$(sql -c "SELECT count(*) FROM sandbox_pay_orders WHERE status = 'SUCCESS'")

"$BIN" serve >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
echo "== $WORKERS workers × $CONCURRENCY queries in flight"
t0=$(date +%s.%N)
for _ in $(seq "$WORKERS"); do "$BIN" worker >>"$work/worker.log" 2>&1 & pids+=($!); done
left=$N
while (( left > 0 )); do
  sleep 0.5
  left=$(sql -c "SELECT count(*) FROM payment_orders WHERE poll_attempts = 0 AND status = 'pending'")
done
t1=$(date +%s.%N)
secs=$(echo "$t1 - $t0" | bc)
rate=$(echo "$N / $secs" | bc)
applied=$(sql -c "SELECT count(*) FROM payment_orders WHERE status = 'paid'")
lost=$((paid_there - applied))
echo "checked $N orders in $secs s: $rate checks/s; paid at the sandbox $paid_there, applied here $applied, lost $lost"
line="| $(date -u +%F) | $(git -C "$root" rev-parse --short HEAD) | $N | $WORKERS × $CONCURRENCY | $secs s | $rate/s | $paid_there | $applied | $lost |"
echo "$line" >>"$here/results.md"
echo "$line"
for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
wait 2>/dev/null || true
pids=()
psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB" >/dev/null
(( lost == 0 ))
