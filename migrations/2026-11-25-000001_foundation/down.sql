DROP TABLE IF EXISTS audit_seals, audit_log, jobs, payment_events, payment_orders, review_actions,
  verification_findings, materials, registration_versions, registrations, fee_items, subjects, specialties,
  exam_categories, exam_levels, exam_stages, review_windows, exam_sessions, exam_types, outbox_messages,
  rate_counters, verification_codes, refresh_tokens, auth_sessions, api_clients, candidates, staff_accounts, orgs;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM weikao_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM weikao_app;
