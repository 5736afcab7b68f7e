#!/usr/bin/env bash
# Library benchmarks (issue "Reference libraries and the automatic verification engine"):
#   1. import ROWS violations rows from CSV with `weikao import`, next to the limit measured in the same run:
#      psql \copy of the equivalent pre-transformed file (blind index and ciphertext already computed) into a
#      table with the same indexes and foreign key. Goal: ≥ 70 % of the \copy rate.
#   2. re-verify OPEN open registrations after a library import (the worker's job). Goal: < 60 s.
#   3. verification latency of single registrations while the libraries hold TOTAL rows (p50/p99).
# Appends one line per run to bench/libraries/results.md. Uses a scratch database `weikao_bench`.
#
#   bench/libraries/run.sh                 (make bench)
#   ROWS=100000 OPEN=20000 TOTAL=1000000 bench/libraries/run.sh   (a quick run)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROWS=${ROWS:-1000000}
OPEN=${OPEN:-200000}
TOTAL=${TOTAL:-10000000}
SAMPLE=${SAMPLE:-1000}
BIN=${WEIKAO_BIN:-${CARGO_TARGET_DIR:-$root/target}/debug/weikao}
unset WEIKAO_BIN  # weikao refuses unknown WEIKAO_* variables
PG=${WEIKAO_BENCH_PG:-postgres://postgres@127.0.0.1:5432}
DB=weikao_bench
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
export WEIKAO_IMPORT_MAX_BYTES=$((4 * 1024 * 1024 * 1024))
export WEIKAO_LOG=warn
sql() { psql "$WEIKAO_DATABASE_OWNER_URL" -qAtX -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }

echo "== generating $ROWS rows"
python3 "$here/gen_rows.py" "$ROWS" >"$work/violations.csv"
"$BIN" seed-demo >/dev/null

echo "== 1. weikao import ($ROWS rows)"
t0=$(now)
"$BIN" import violations "$work/violations.csv" 2>/dev/null | tail -1
t1=$(now)
import_s=$(echo "$t1 - $t0" | bc)

echo "== 1. psql \\copy of the pre-transformed rows into an identical table"
cols="batch_id, id_bidx, id_enc, id_masked, name, exam_type, sanction, legal_basis, from_year, to_year"
sql -c "\\copy (SELECT $cols FROM lib_violations) TO '$work/pre.tsv'"
sql -c "CREATE TABLE bench_copy (LIKE lib_violations INCLUDING ALL);
        ALTER TABLE bench_copy ADD FOREIGN KEY (batch_id) REFERENCES library_batches (id);"
t0=$(now)
sql -c "\\copy bench_copy ($cols) FROM '$work/pre.tsv'"
t1=$(now)
copy_s=$(echo "$t1 - $t0" | bc)
sql -c "DROP TABLE bench_copy"
import_rate=$(echo "$ROWS / $import_s" | bc)
copy_rate=$(echo "$ROWS / $copy_s" | bc)
ratio=$(echo "scale=1; 100 * $copy_s / $import_s" | bc)
echo "import: $import_rate rows/s · \\copy: $copy_rate rows/s · $ratio % of the limit"

echo "== 2. re-verification of $OPEN open registrations after an import"
session=$(sql -c "SELECT id FROM exam_sessions WHERE exam_type = 'health_tech' ORDER BY year DESC LIMIT 1")
form='{"exam": {"level_code": "intermediate", "specialty_code": "303", "subject_codes": ["basic"], "site_code": "410100", "point_code": "41010502"}, "education": {"level": "benke"}, "work": {"unit_code": "H1"}}'
sql -c "INSERT INTO candidates (id_type, id_number_bidx, id_number_enc, id_number_masked, name, phone, password_hash,
          privacy_version, privacy_accepted_at)
        SELECT 'resident_id', id_bidx, id_enc, id_masked, name, '19' || lpad(n::text, 9, '0'), 'bench', '2026-01', now()
        FROM (SELECT DISTINCT ON (id_bidx) id_bidx, id_enc, id_masked, name, row_number() OVER () AS n
              FROM lib_violations LIMIT $OPEN) v;
        INSERT INTO registrations (candidate_id, session_id, status, current_level, form, submitted_at)
        SELECT id, '$session', 'submitted', 'point', '$form'::jsonb, now() FROM candidates WHERE password_hash = 'bench';"
"$BIN" import violations "$work/violations.csv" >/dev/null 2>&1
"$BIN" worker >/dev/null 2>&1 &
worker=$!
t0=$(now)
while [[ "$(sql -c "SELECT count(*) FROM jobs WHERE kind = 'reverify_batch' AND status = 'queued'")" != "0" ]]; do sleep 0.5; done
t1=$(now)
kill "$worker"; wait "$worker" 2>/dev/null || true
reverify_s=$(echo "scale=1; ($t1 - $t0) / 1" | bc)
echo "re-verified $OPEN registrations in $reverify_s s"

echo "== 3. verification latency with $TOTAL library rows in total"
have=$(sql -c "SELECT (SELECT count(*) FROM lib_violations)")
fill=$(( (TOTAL - have) / 5 ))
if (( fill > 0 )); then
  for t in history qualifications front_line nurse_practice physician_practice; do
    case $t in
      history) extra="year, exam_type, specialty_code"; vals="2020 + (g % 7), 'health_tech', '303'";;
      qualifications) extra="title, level_code, obtained_on"; vals="'护师', 'practitioner', date '2015-01-01'";;
      front_line) extra="policy, valid_year"; vals="'援鄂', 2020 + (g % 8)";;
      nurse_practice) extra="registration_number, registered_on"; vals="'N' || g, date '2018-01-01'";;
      physician_practice) extra="certificate_kind, level_code, category_code, certificate_number, obtained_on"; vals="'qualification', 'practising', 'clinical', 'P' || g, date '2012-01-01'";;
    esac
    sql -c "INSERT INTO library_batches (id, library, mode, on_error, status, file_format, file_sha256, created_by)
            VALUES (gen_random_uuid(), '$t', 'append', 'accept_valid', 'active', 'csv', 'bench', 'bench');
            INSERT INTO lib_$t (batch_id, id_bidx, id_enc, id_masked, name, $extra)
            SELECT (SELECT id FROM library_batches WHERE library = '$t' LIMIT 1),
                   sha256(('bench' || g)::bytea), '\\x00'::bytea, 'masked', '某某', $vals
            FROM generate_series(1, $fill) g;
            ANALYZE lib_$t;"
  done
fi
lat=$("$BIN" verify --sample "$SAMPLE" | tail -1)
echo "$lat"

line="| $(date -u +%F) | $(git -C "$root" rev-parse --short HEAD) | $ROWS | $import_rate | $copy_rate | $ratio % | $OPEN | $reverify_s s | $TOTAL | $lat |"
echo "$line" >>"$here/results.md"
echo "$line"
psql "$PG/postgres" -qAtc "DROP DATABASE IF EXISTS $DB" >/dev/null
