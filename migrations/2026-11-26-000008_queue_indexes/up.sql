-- Indexes for the review queue at province scale (bench/review: a filtered, sorted page over 1 M
-- registrations). Pages walk an index in the requested order and stop after the page; counts stop at 10 000.
CREATE INDEX registrations_submitted ON registrations (submitted_at DESC, id) WHERE status <> 'draft';
CREATE INDEX registrations_updated ON registrations (updated_at DESC, id) WHERE status <> 'draft';
CREATE INDEX registrations_pending ON registrations (current_level, submitted_at DESC, id)
  WHERE status IN ('submitted', 'resubmitted');
-- name prefix search (any collation) and the name sort
CREATE INDEX candidates_name_prefix ON candidates (name text_pattern_ops);
CREATE INDEX candidates_name ON candidates (name, id);
-- finding filters and the special-item queues
CREATE INDEX findings_current_severity ON verification_findings (severity, registration_id) WHERE superseded_at IS NULL;
CREATE INDEX findings_current_rule ON verification_findings (rule_code, registration_id) WHERE superseded_at IS NULL;
-- what waits at a level inside an org subtree (reviewers' pending queues and their counts)
-- (covering: counts and finding filters run as index-only scans)
CREATE INDEX registrations_pending_scope ON registrations (current_level, org_path text_pattern_ops)
  INCLUDE (id, status) WHERE status IN ('submitted', 'resubmitted');
