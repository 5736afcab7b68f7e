-- Season archiving (`weikao archive season <id>`): a closed session's registrations keep their row (status, form,
-- payments, history and quick-fill go on working); their versions, findings and review actions move into one
-- archived document per registration, and their files move under archive/<session>/ in the object store.
CREATE TABLE archived_registrations (
  registration_id  uuid PRIMARY KEY REFERENCES registrations (id),
  session_id       uuid NOT NULL REFERENCES exam_sessions (id),
  document         jsonb NOT NULL,
  sha256           text NOT NULL,
  archived_at      timestamptz NOT NULL
);
CREATE INDEX archived_registrations_session ON archived_registrations (session_id);

CREATE TABLE season_archives (
  session_id       uuid PRIMARY KEY REFERENCES exam_sessions (id),
  started_at       timestamptz NOT NULL,
  finished_at      timestamptz,
  manifest_key     text,
  manifest_sha256  text,
  counts           jsonb NOT NULL DEFAULT '{}',
  archived_by      text NOT NULL
);
