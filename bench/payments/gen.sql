-- :n open payment orders (pending, due now) for approved health-tech registrations, and the sandbox center's
-- side of each: one in ten already paid there (the worker must find and apply it), the rest not paid.
\set ON_ERROR_STOP on
INSERT INTO candidates (id_type, id_number_bidx, id_number_enc, id_number_masked, name, phone, password_hash,
                        privacy_version, privacy_accepted_at)
SELECT 'resident_id', sha256(('bench-pay-' || g)::bytea), '\x00'::bytea, '410105********' || lpad((g % 10000)::text, 4, '0'),
       '缴费考生' || g, '14' || lpad(g::text, 9, '0'), 'bench', '2026-01', now()
FROM generate_series(1, :n) g;

CREATE TEMP TABLE demo AS
SELECT r.* FROM registrations r JOIN candidates d ON d.id = r.candidate_id WHERE d.phone = '13800000001';

INSERT INTO registrations (candidate_id, session_id, status, org_id, org_path, level_id, category_id, specialty_id,
                           form, submitted_at, final_decision_at)
SELECT c.id, d.session_id, 'approved', d.org_id, d.org_path, d.level_id, d.category_id, d.specialty_id, d.form, now(), now()
FROM candidates c, demo d WHERE c.password_hash = 'bench';

CREATE TEMP TABLE bench_orders AS
SELECT r.id AS registration_id, 'BENCH' || lpad(row_number() OVER ()::text, 9, '0') AS order_no,
       (SELECT code FROM exam_stages WHERE session_id = r.session_id ORDER BY seq LIMIT 1) AS stage_code,
       row_number() OVER () AS g
FROM registrations r JOIN candidates c ON c.id = r.candidate_id WHERE c.password_hash = 'bench';

INSERT INTO payment_orders (order_no, registration_id, stage_code, amount_fen, status, cashier_url, expires_at,
                            next_poll_at)
SELECT order_no, registration_id, stage_code, 26000, 'pending', 'http://bench/cashier', now() + interval '1 day', now()
FROM bench_orders;

INSERT INTO sandbox_pay_orders (merchant_id, order_no, amount_fen, subject, notify_url, expire_at, status, txn_id,
                                cashier_token, paid_at)
SELECT :'merchant', order_no, 26000, 'bench', 'http://127.0.0.1:1/none', now() + interval '1 day',
       CASE WHEN g % 10 = 0 THEN 'SUCCESS' ELSE 'NOTPAY' END,
       CASE WHEN g % 10 = 0 THEN 'SBBENCH' || g END, 'bench-' || g,
       CASE WHEN g % 10 = 0 THEN now() END
FROM bench_orders;

-- the payment window is open (a payment found by a query is applied, not refunded)
UPDATE exam_stages SET payment_opens_at = now() - interval '1 hour'
WHERE session_id = (SELECT session_id FROM demo);

VACUUM ANALYZE payment_orders;
VACUUM ANALYZE sandbox_pay_orders;
