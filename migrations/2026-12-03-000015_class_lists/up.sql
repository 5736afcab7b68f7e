-- Group registration (集体报名): a school's registration point uploads its graduating class list for a nurse exam
-- session; each student still registers and submits on their own (quick-fill offers the school's data and routes
-- the registration to the school's point) and the school follows their status. A person is on at most one
-- school's list per session. ID numbers: ciphertext, blind index and masked form, never plain.
CREATE TABLE class_list_students (
  id                      bigserial PRIMARY KEY,
  session_id              uuid NOT NULL REFERENCES exam_sessions (id),
  org_id                  uuid NOT NULL REFERENCES orgs (id),
  id_bidx                 bytea NOT NULL,
  id_enc                  bytea NOT NULL,
  id_masked               text NOT NULL,
  name                    text NOT NULL,
  major                   text,
  education_level         text,
  expected_graduation_on  date NOT NULL,
  row_no                  integer NOT NULL,
  uploaded_by             uuid NOT NULL REFERENCES staff_accounts (id),
  uploaded_at             timestamptz NOT NULL,
  UNIQUE (session_id, id_bidx)
);
CREATE INDEX class_list_students_school ON class_list_students (session_id, org_id, row_no);
