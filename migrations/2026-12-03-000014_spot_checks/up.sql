-- Spot checks of lower levels' decisions (审核结果核验): the exam region samples approvals made at a lower level
-- and confirms or overturns each with a reason.
CREATE TABLE spot_checks (
  id            uuid PRIMARY KEY,
  session_id    uuid NOT NULL REFERENCES exam_sessions (id),
  -- the level whose approvals were sampled
  level         text NOT NULL,
  -- optional narrowing: registrations under this org, approvals by this reviewer, approved in [from, to)
  org_id        uuid REFERENCES orgs (id),
  reviewer_id   uuid REFERENCES staff_accounts (id),
  approved_from timestamptz,
  approved_to   timestamptz,
  requested     integer NOT NULL CHECK (requested > 0),
  -- how many approvals matched when the sample was drawn
  population    integer NOT NULL,
  -- the creator's data scope: who may see the check
  scope_path    text NOT NULL,
  created_by    uuid NOT NULL REFERENCES staff_accounts (id),
  created_at    timestamptz NOT NULL
);
CREATE INDEX spot_checks_scope ON spot_checks (scope_path text_pattern_ops, created_at DESC);

CREATE TABLE spot_check_items (
  id               uuid PRIMARY KEY,
  spot_check_id    uuid NOT NULL REFERENCES spot_checks (id),
  registration_id  uuid NOT NULL REFERENCES registrations (id),
  -- the sampled approval (a review action; no foreign key: season archiving moves actions out)
  action_id        uuid NOT NULL,
  reviewer_id      uuid REFERENCES staff_accounts (id),
  approved_at      timestamptz NOT NULL,
  verdict          text CHECK (verdict IN ('confirmed', 'overturned')),
  reason           text,
  -- what overturning did: moved_to_region, already_at_region, recorded_only (+ why)
  effect           text,
  checked_by       uuid REFERENCES staff_accounts (id),
  checked_at       timestamptz,
  UNIQUE (spot_check_id, registration_id)
);
