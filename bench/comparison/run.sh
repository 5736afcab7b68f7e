#!/usr/bin/env bash
# National–provincial comparison benchmark (issue "Data exchange"): N registrations of one exam session against
# a national import of the same people (a few percent differing in every detectable way), compared by
# `weikao compare run`, next to the plain SQL full join of the same two sides streamed to a client
# (`\copy (…) to /dev/null`). Goal: 1 M records compared in < 30 s. Appends one line to
# bench/comparison/results.md. Scratch database `weikao_bench_cmp`.
#
#   bench/comparison/run.sh                 (part of make bench)
#   N=100000 bench/comparison/run.sh        (a quick run)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
N=${N:-1000000}
BIN=${WEIKAO_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/weikao}
unset WEIKAO_BIN  # weikao refuses unknown WEIKAO_* variables
PG=${WEIKAO_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=weikao_bench_cmp
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[[ -x "$BIN" ]] || { echo "bench: no weikao binary at $BIN (cargo build --release --bin weikao)"; exit 1; }
psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1
export WEIKAO_DATABASE_OWNER_URL="$PG/$DB"
export WEIKAO_DATABASE_URL="${PG/\/\/*@/\/\/weikao_app@}/$DB"
export WEIKAO_PII_KEY=$(printf 'b%.0s' {1..64})
export WEIKAO_BLIND_INDEX_KEY=$(printf 'c%.0s' {1..64})
export WEIKAO_JWT_SECRET=$(printf 'd%.0s' {1..64})
export WEIKAO_DATA_DIR="$work/data"
export WEIKAO_LOG=warn

"$BIN" seed-demo >/dev/null
echo "== generating $N registrations and national records"
t0=$(date +%s)
session=$(psql "$WEIKAO_DATABASE_OWNER_URL" -qAtX -v ON_ERROR_STOP=1 -v n="$N" -f "$here/gen.sql" | tail -1)
echo "   done in $(( $(date +%s) - t0 )) s (session $session)"

echo "== plain SQL: the full join of both sides streamed to a client"
join="WITH p AS (SELECT c.id_number_bidx AS bidx, c.id_number_masked AS masked, c.name, r.id AS reg, r.status,
  r.form->'exam'->>'level_code' AS level_code, r.form->'exam'->>'specialty_code' AS specialty_code,
  r.form->'exam'->>'site_code' AS site_code FROM registrations r JOIN candidates c ON c.id = r.candidate_id
  WHERE r.session_id = '$session' AND r.status <> 'draft'),
 n AS (SELECT * FROM national_records WHERE import_id = '00000000-0000-0000-0000-00000000c0de')
 SELECT COALESCE(p.bidx, n.id_bidx), COALESCE(p.masked, n.id_masked), p.reg, p.name, p.status, p.level_code,
  p.specialty_code, p.site_code, n.name, n.status, n.paid, n.level_code, n.specialty_code, n.site_code
 FROM p FULL JOIN n ON n.id_bidx = p.bidx"
t0=$(date +%s.%N)
psql "$WEIKAO_DATABASE_OWNER_URL" -qAtX -v ON_ERROR_STOP=1 -c "\\copy ($(tr '\n' ' ' <<<"$join")) to /dev/null"
sql_s=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
echo "   $sql_s s"

echo "== weikao compare run"
t0=$(date +%s.%N)
out=$("$BIN" compare run --session "$session")
run_s=$(python3 -c "import time; print(f'{time.time() - $t0:.1f}')")
echo "$out"
anomalies=$(psql "$WEIKAO_DATABASE_OWNER_URL" -qAtX -c "SELECT count(*) FROM comparison_anomalies")
line="| $(date -u +%F) | $(git -C "$root" rev-parse --short HEAD) | $N | $sql_s s | $run_s s | $anomalies |"
echo "$line" >>"$here/results.md"
echo "$line"
psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB" >/dev/null
