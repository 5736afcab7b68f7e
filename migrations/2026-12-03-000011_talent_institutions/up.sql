-- Status records returned by the national talent center for the candidates whose basic information we
-- exported: the latest record per person and exam session is what reviewers see.
CREATE TABLE talent_status_records (
  id           bigserial PRIMARY KEY,
  client_id    uuid NOT NULL REFERENCES api_clients (id),
  session_id   uuid NOT NULL REFERENCES exam_sessions (id),
  id_bidx      bytea NOT NULL,
  id_masked    text NOT NULL,
  status       text NOT NULL CHECK (status IN ('received', 'archived', 'needs_correction', 'rejected')),
  note         text,
  recorded_on  date NOT NULL,
  received_at  timestamptz NOT NULL
);
CREATE INDEX talent_status_person ON talent_status_records (session_id, id_bidx, id DESC);

-- Institution users (the institution portal): staff accounts of role `institution`, tied to one institution
-- of the institution library by its code; they file their institution's probation certificates.
ALTER TABLE staff_accounts ADD COLUMN institution_code text;
ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_role_check;
ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_role_check
  CHECK (role IN ('reviewer', 'region_admin', 'system_admin', 'auditor', 'institution'));
ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_institution_check
  CHECK ((role = 'institution') = (institution_code IS NOT NULL));
