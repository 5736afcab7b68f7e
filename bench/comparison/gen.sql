-- Fills a seeded weikao database with :n registrations of the demo health-tech session and a national import
-- of the same people, with one person in a hundred differing in each way the comparison detects, one in a
-- hundred missing nationally, and :n/100 people known only nationally. psql -v n=1000000 -f gen.sql
\set ON_ERROR_STOP on
CREATE TEMP TABLE bench_session AS SELECT id FROM exam_sessions WHERE exam_type = 'health_tech' LIMIT 1;

INSERT INTO candidates (id_type, id_number_bidx, id_number_enc, id_number_masked, name, phone, password_hash,
                        privacy_version, privacy_accepted_at)
SELECT 'resident_id', sha256(('bench-cmp-' || g)::bytea), '\x00'::bytea,
       '410105********' || lpad((g % 10000)::text, 4, '0'),
       (ARRAY['张','王','李','赵','刘','陈','杨','黄','周','吴'])[1 + g % 10] || '考生' || g,
       '15' || lpad(g::text, 9, '0'), 'bench', '2026-01', now()
FROM generate_series(1, :n) g;

INSERT INTO registrations (candidate_id, session_id, status, form, submitted_at)
SELECT c.id, (SELECT id FROM bench_session),
       CASE WHEN c.g % 100 = 2 THEN 'submitted' WHEN c.g % 2 = 0 THEN 'paid' ELSE 'approved' END,
       jsonb_build_object('exam', jsonb_build_object('level_code', 'practitioner', 'specialty_code', '203',
                                                     'site_code', '4101' || (c.g % 9))),
       now()
FROM (SELECT id, substr(name, 4)::bigint AS g FROM candidates WHERE password_hash = 'bench') c;

INSERT INTO national_imports (id, session_id, file_name, file_sha256, rows_total, rows_loaded, created_by, created_at)
VALUES ('00000000-0000-0000-0000-00000000c0de', (SELECT id FROM bench_session), 'bench', '', 0, 0, 'bench', now());

INSERT INTO national_records (import_id, id_bidx, id_enc, id_masked, name, status, paid, level_code, specialty_code, site_code)
SELECT '00000000-0000-0000-0000-00000000c0de'::uuid, sha256(('bench-cmp-' || g)::bytea), '\x00'::bytea,
       '410105********' || lpad((g % 10000)::text, 4, '0'),
       (ARRAY['张','王','李','赵','刘','陈','杨','黄','周','吴'])[1 + g % 10] || CASE WHEN g % 100 = 1 THEN '国网' ELSE '考生' END || g,
       'approved',
       (g % 2 = 0) <> (g % 100 = 3),
       'practitioner', '203',
       '4101' || CASE WHEN g % 100 = 4 THEN 9 ELSE g % 9 END
FROM generate_series(1, :n) g
WHERE g % 100 <> 0
UNION ALL
SELECT '00000000-0000-0000-0000-00000000c0de'::uuid, sha256(('bench-cmp-national-' || g)::bytea), '\x00'::bytea,
       '410105********' || lpad((g % 10000)::text, 4, '0'), '国网考生' || g, 'approved', true, 'practitioner', '203', '41010'
FROM generate_series(1, :n / 100) g;

VACUUM ANALYZE candidates;
VACUUM ANALYZE registrations;
VACUUM ANALYZE national_records;
SELECT id FROM bench_session;
