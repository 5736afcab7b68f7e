-- Fills a seeded weikao database with :n submitted registrations spread over every registration point,
-- the three demo sessions, their specialties, 20 days of submissions and the review statuses, plus current
-- findings for one registration in ten. psql -v n=1000000 -f gen.sql
\set ON_ERROR_STOP on
INSERT INTO candidates (id_type, id_number_bidx, id_number_enc, id_number_masked, name, phone, password_hash,
                        privacy_version, privacy_accepted_at)
SELECT 'resident_id', sha256(('bench-queue-' || g)::bytea), '\x00'::bytea,
       '410105********' || lpad((g % 10000)::text, 4, '0'),
       (ARRAY['张','王','李','赵','刘','陈','杨','黄','周','吴'])[1 + g % 10] || (ARRAY['晓','明','芳','磊','静','伟'])[1 + (g / 10) % 6] || g,
       '16' || lpad(g::text, 9, '0'), 'bench', '2026-01', now()
FROM generate_series(1, :n) g;

-- ten registration points per exam site (the demo has only four)
INSERT INTO orgs (code, name, kind, parent_id, path)
SELECT s.code || lpad((90 + k)::text, 2, '0'), s.name || '报名点' || k, 'point', s.id, s.path || s.code || lpad((90 + k)::text, 2, '0') || '/'
FROM orgs s CROSS JOIN generate_series(1, 9) k
WHERE s.kind = 'site';

CREATE TEMP TABLE pts AS
SELECT row_number() OVER (ORDER BY code) - 1 AS i, id, path FROM orgs WHERE kind = 'point';
CREATE TEMP TABLE sess AS
SELECT row_number() OVER (ORDER BY exam_type) - 1 AS i, id, exam_type FROM exam_sessions;
CREATE TEMP TABLE specs AS
SELECT s.session_id, row_number() OVER (PARTITION BY s.session_id ORDER BY s.code) - 1 AS i, s.id, s.level_id, s.category_id
FROM specialties s;
CREATE TEMP TABLE spec_n AS SELECT session_id, count(*) AS n FROM specs GROUP BY 1;

INSERT INTO registrations (candidate_id, session_id, status, current_level, org_id, org_path, level_id, category_id,
                           specialty_id, form, submitted_at, archive_number)
SELECT c.id, se.id,
       (ARRAY['submitted','submitted','submitted','submitted','resubmitted','returned','approved','approved','rejected','paid'])[1 + c.g % 10],
       CASE WHEN c.g % 10 IN (6, 7, 8, 9) THEN NULL
            WHEN se.exam_type = 'nurse' THEN (ARRAY['site','region'])[1 + (c.g / 10) % 2]
            ELSE (ARRAY['point','site','region'])[1 + (c.g / 10) % 3] END,
       p.id, p.path, sp.level_id, sp.category_id, sp.id, '{}'::jsonb,
       now() - make_interval(secs => (c.g % 1728000)),
       CASE WHEN c.g % 4 = 0 THEN 'A' || c.g END
FROM (SELECT id, row_number() OVER () AS g FROM candidates WHERE password_hash = 'bench') c
JOIN sess se ON se.i = c.g % 3
JOIN pts p ON p.i = c.g % (SELECT count(*) FROM pts)
JOIN spec_n sn ON sn.session_id = se.id
JOIN specs sp ON sp.session_id = se.id AND sp.i = (c.g / 3) % sn.n;

INSERT INTO verification_findings (registration_id, rule_code, severity, reviewer_message)
SELECT id, (ARRAY['violation_active','work_unit_unknown','front_line_listed','provincial_line'])[1 + (abs(hashtext(id::text)) % 4)],
       (ARRAY['block','warning','hint','hint'])[1 + (abs(hashtext(id::text)) % 4)], 'bench'
FROM registrations TABLESAMPLE BERNOULLI (10);

-- the points' review deadline has passed: their pending work is overdue and visible to the levels above
UPDATE review_windows SET closes_at = now() - interval '1 day' WHERE level = 'point';

-- what autovacuum would have done by the time a queue is this big (visibility map for index-only scans)
VACUUM ANALYZE candidates;
VACUUM ANALYZE registrations;
VACUUM ANALYZE verification_findings;
