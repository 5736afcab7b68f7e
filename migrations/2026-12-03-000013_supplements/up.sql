-- Supplementary materials of nurse fresh graduates (材料补充填报): owed once the registration is paid, uploaded
-- within the session's supplement window, re-checked by the exam region. One row per registration that owes one.
CREATE TABLE supplements (
  registration_id  uuid PRIMARY KEY REFERENCES registrations (id),
  status           text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'submitted', 'verified', 'returned', 'rejected', 'expired')),
  version          integer NOT NULL DEFAULT 1,
  submitted_at     timestamptz,
  decided_at       timestamptz,
  decided_by       uuid REFERENCES staff_accounts (id),
  reason           text,
  reminded_at      timestamptz,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
-- the worker's sweep (owed ones) and the region's queue (by status)
CREATE INDEX supplements_status ON supplements (status, submitted_at);
