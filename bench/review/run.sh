#!/usr/bin/env bash
# Review-queue benchmark (issue "Multi-level review workflow"): queue pages over N registrations (default
# 1 M, spread over 166 registration points, three sessions, 20 days, every review status, findings for one in
# ten), filtered and sorted the way reviewers and the region use them, timed over real HTTP against
# `weikao serve`. Goal: p99 < 50 ms. Appends one line to bench/review/results.md. Scratch database
# `weikao_bench_queue`.
#
#   bench/review/run.sh                       (part of make bench)
#   N=100000 ROUNDS=20 bench/review/run.sh    (a quick run)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
N=${N:-1000000}
ROUNDS=${ROUNDS:-50}
PORT=${PORT:-18099}
BIN=${WEIKAO_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/weikao}
unset WEIKAO_BIN  # weikao refuses unknown WEIKAO_* variables
PG=${WEIKAO_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=weikao_bench_queue
work=$(mktemp -d)
server=
cleanup() { [[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

[[ -x "$BIN" ]] || { echo "bench: no weikao binary at $BIN (cargo build --release --bin weikao)"; exit 1; }
psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
export WEIKAO_DATABASE_OWNER_URL="$PG/$DB"
export WEIKAO_DATABASE_URL="${PG/\/\/*@/\/\/weikao_app@}/$DB"
export WEIKAO_PII_KEY=$(printf 'b%.0s' {1..64})
export WEIKAO_BLIND_INDEX_KEY=$(printf 'c%.0s' {1..64})
export WEIKAO_JWT_SECRET=$(printf 'd%.0s' {1..64})
export WEIKAO_DATA_DIR="$work/data"
export WEIKAO_BIND="127.0.0.1:$PORT"
export WEIKAO_LOG=warn

"$BIN" seed-demo >/dev/null
echo "== generating $N registrations"
t0=$(date +%s)
psql "$WEIKAO_DATABASE_OWNER_URL" -qAtX -v ON_ERROR_STOP=1 -v n="$N" -f "$here/gen.sql"
echo "   done in $(( $(date +%s) - t0 )) s"

"$BIN" serve >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
# TOTP codes are single-use per 30-second step: start on a fresh step
sleep $(( 30 - $(date +%s) % 30 ))
echo "== queue pages ($ROUNDS rounds per query)"
out=$(python3 "$here/queue_client.py" "http://127.0.0.1:$PORT" "$ROUNDS")
echo "$out"
overall=$(echo "$out" | tail -1)
worst=$(echo "$out" | head -n -1 | python3 -c '
import re, sys
rows = [(float(re.search(r"p99 +([0-9.]+)", l).group(1)), l.split("  ")[0].strip()) for l in sys.stdin if "p99" in l]
p, name = max(rows)
print(f"worst p99 {p:.1f} ms ({name})")')
line="| $(date -u +%F) | $(git -C "$root" rev-parse --short HEAD) | $N | $ROUNDS | $overall | $worst |"
echo "$line" >>"$here/results.md"
echo "$line"
kill "$server"; wait "$server" 2>/dev/null || true; server=
psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB" >/dev/null
