-- Data exchange with third parties (domain.md §7): the registrations' change feed, idempotent client POSTs,
-- probation certificates filed by institutions, and the national–provincial comparison.

-- ---------------------------------------------------------------- change feed
-- The transaction that last changed a registration. A reader returns only rows whose transaction is older than
-- every transaction still running (pg_snapshot_xmin), so a feed position never skips a late commit.
ALTER TABLE registrations ADD COLUMN change_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE FUNCTION registrations_touch_change_xid() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_xid := pg_current_xact_id();
  RETURN NEW;
END $$;
CREATE TRIGGER registrations_change_xid BEFORE UPDATE ON registrations
  FOR EACH ROW EXECUTE FUNCTION registrations_touch_change_xid();
CREATE INDEX registrations_change_feed ON registrations (change_xid, id) WHERE status <> 'draft';

-- ---------------------------------------------------------------- idempotent POSTs of API clients
CREATE TABLE api_idempotency (
  client_id       uuid NOT NULL REFERENCES api_clients (id),
  key             text NOT NULL,
  operation       text NOT NULL,
  request_sha256  text NOT NULL,
  status_code     integer NOT NULL,
  response        jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, key)
);
CREATE INDEX api_idempotency_created ON api_idempotency (created_at);

-- library rows pushed through the API belong to a batch of format 'api' (one per library and client)
ALTER TABLE library_batches DROP CONSTRAINT library_batches_file_format_check;
ALTER TABLE library_batches ADD CONSTRAINT library_batches_file_format_check
  CHECK (file_format IN ('csv', 'xlsx', 'api'));

-- ---------------------------------------------------------------- probation certificates filed by institutions
-- The record of what an institution filed; the current certificate is mirrored into lib_probation_filings
-- (library_row_id) where verification reads it.
CREATE TABLE probation_filings (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  filing_no             text NOT NULL UNIQUE,
  client_id             uuid REFERENCES api_clients (id),
  filed_by              text NOT NULL,
  institution_code      text NOT NULL,
  id_bidx               bytea NOT NULL,
  id_enc                bytea NOT NULL,
  id_masked             text NOT NULL,
  name                  text NOT NULL,
  category_code         text NOT NULL,
  started_on            date NOT NULL,
  ended_on              date NOT NULL,
  valid_until           date NOT NULL,
  certificate_number    text NOT NULL,
  legal_representative  text NOT NULL,
  status                text NOT NULL CHECK (status IN ('filed', 'revoked')),
  revoke_reason         text,
  library_row_id        bigint,
  created_at            timestamptz NOT NULL,
  updated_at            timestamptz NOT NULL
);
-- one current certificate per person
CREATE UNIQUE INDEX probation_filings_person ON probation_filings (id_bidx) WHERE status = 'filed';
CREATE UNIQUE INDEX probation_filings_certificate ON probation_filings (certificate_number) WHERE status = 'filed';
CREATE INDEX probation_filings_institution ON probation_filings (institution_code, updated_at DESC);

-- ---------------------------------------------------------------- national–provincial comparison
-- One imported national export per exam session (a new import supersedes the previous one).
CREATE TABLE national_imports (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id   uuid NOT NULL REFERENCES exam_sessions (id),
  file_name    text,
  file_sha256  text NOT NULL,
  rows_total   integer NOT NULL,
  rows_loaded  integer NOT NULL,
  errors       jsonb NOT NULL DEFAULT '[]',
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE TABLE national_records (
  import_id       uuid NOT NULL REFERENCES national_imports (id) ON DELETE CASCADE,
  id_bidx         bytea NOT NULL,
  id_enc          bytea NOT NULL,
  id_masked       text NOT NULL,
  name            text NOT NULL,
  status          text NOT NULL,
  paid            boolean NOT NULL,
  level_code      text,
  specialty_code  text,
  site_code       text,
  PRIMARY KEY (import_id, id_bidx)
);
CREATE TABLE comparison_runs (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id    uuid NOT NULL REFERENCES exam_sessions (id),
  import_id     uuid NOT NULL REFERENCES national_imports (id),
  counts        jsonb NOT NULL,
  created_by    text NOT NULL,
  started_at    timestamptz NOT NULL,
  finished_at   timestamptz NOT NULL
);
-- An anomaly is identified by (session, person, kind, field): a re-run updates it in place instead of adding
-- a second one; an anomaly the latest run no longer finds is closed ('gone').
CREATE TABLE comparison_anomalies (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id       uuid NOT NULL REFERENCES exam_sessions (id),
  id_bidx          bytea NOT NULL,
  id_masked        text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('only_national', 'only_provincial', 'status_mismatch',
                                                 'identity_mismatch', 'payment_mismatch', 'field_difference')),
  field            text NOT NULL DEFAULT '',
  registration_id  uuid REFERENCES registrations (id),
  name             text NOT NULL,
  provincial_value text,
  national_value   text,
  state            text NOT NULL CHECK (state IN ('open', 'resolved', 'gone')),
  resolution       text,
  note             text,
  resolved_by      uuid REFERENCES staff_accounts (id),
  resolved_at      timestamptz,
  first_run_id     uuid NOT NULL REFERENCES comparison_runs (id),
  last_run_id      uuid NOT NULL REFERENCES comparison_runs (id),
  updated_at       timestamptz NOT NULL,
  UNIQUE (session_id, id_bidx, kind, field)
);
CREATE INDEX comparison_anomalies_list ON comparison_anomalies (session_id, state, kind);
CREATE INDEX comparison_anomalies_registration ON comparison_anomalies (registration_id) WHERE state = 'open';
