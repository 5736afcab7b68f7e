-- Reference libraries (domain.md §6). Every row belongs to an import batch; ID-keyed libraries hold the
-- holder's ID number as blind index + ciphertext + mask, like candidates. Import staging is a TEMP table created
-- per import (see weikao_store::libraries), so nothing here changes at run time.
CREATE TABLE library_batches (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  library        text NOT NULL,
  mode           text NOT NULL CHECK (mode IN ('append', 'replace')),
  on_error       text NOT NULL CHECK (on_error IN ('accept_valid', 'all_or_nothing')),
  status         text NOT NULL CHECK (status IN ('active', 'superseded', 'rejected')),
  file_name      text,
  file_format    text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  file_sha256    text NOT NULL,
  rows_total     integer NOT NULL DEFAULT 0,
  rows_loaded    integer NOT NULL DEFAULT 0,
  rows_rejected  integer NOT NULL DEFAULT 0,
  -- the first errors found (row, column, code, message); error_count has them all
  errors         jsonb NOT NULL DEFAULT '[]',
  error_count    integer NOT NULL DEFAULT 0,
  ignored_columns text[] NOT NULL DEFAULT '{}',
  created_by     text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  superseded_at  timestamptz
);
CREATE INDEX library_batches_library ON library_batches (library, created_at DESC);

-- rows of superseded batches (replace mode) and rows replaced by a newer row with the same key (append mode)
CREATE TABLE library_archive (
  id           bigserial PRIMARY KEY,
  library      text NOT NULL,
  batch_id     uuid NOT NULL REFERENCES library_batches (id),
  record       jsonb NOT NULL,
  archived_at  timestamptz NOT NULL DEFAULT now(),
  archived_by  uuid REFERENCES library_batches (id)
);
CREATE INDEX library_archive_batch ON library_archive (batch_id);

CREATE TABLE lib_institutions (
  id           bigserial PRIMARY KEY,
  batch_id     uuid NOT NULL REFERENCES library_batches (id),
  code         text NOT NULL,
  name         text NOT NULL,
  region_code  text NOT NULL,
  level        text,
  kind         text
);
CREATE UNIQUE INDEX lib_institutions_code ON lib_institutions (code);
CREATE INDEX lib_institutions_batch ON lib_institutions (batch_id);

CREATE TABLE lib_history (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  year                 integer NOT NULL,
  exam_type            text NOT NULL,
  archive_number       text,
  level_code           text,
  specialty_code       text,
  subjects_passed      text[],
  skills_passed        boolean,
  written_passed       boolean,
  education_level      text,
  school               text,
  major                text,
  unit_code            text
);
CREATE INDEX lib_history_bidx ON lib_history (id_bidx);
CREATE INDEX lib_history_batch ON lib_history (batch_id);

CREATE TABLE lib_qualifications (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  title                text NOT NULL,
  level_code           text NOT NULL,
  specialty_code       text,
  obtained_on          date NOT NULL,
  certificate_number   text
);
CREATE INDEX lib_qualifications_bidx ON lib_qualifications (id_bidx);
CREATE INDEX lib_qualifications_batch ON lib_qualifications (batch_id);

CREATE TABLE lib_violations (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  exam_type            text NOT NULL,
  sanction             text NOT NULL,
  legal_basis          text,
  from_year            integer NOT NULL,
  to_year              integer
);
CREATE INDEX lib_violations_bidx ON lib_violations (id_bidx);
CREATE INDEX lib_violations_batch ON lib_violations (batch_id);

CREATE TABLE lib_provincial_line (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  year                 integer NOT NULL,
  specialty_code       text,
  valid_region         text NOT NULL
);
CREATE INDEX lib_provincial_line_bidx ON lib_provincial_line (id_bidx);
CREATE INDEX lib_provincial_line_batch ON lib_provincial_line (batch_id);

CREATE TABLE lib_physician_practice (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  certificate_kind     text NOT NULL,
  level_code           text NOT NULL,
  category_code        text NOT NULL,
  scope                text,
  certificate_number   text NOT NULL,
  obtained_on          date NOT NULL
);
CREATE INDEX lib_physician_practice_bidx ON lib_physician_practice (id_bidx);
CREATE INDEX lib_physician_practice_batch ON lib_physician_practice (batch_id);

CREATE TABLE lib_nurse_practice (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  registration_number  text NOT NULL,
  registered_on        date NOT NULL,
  valid_until          date
);
CREATE INDEX lib_nurse_practice_bidx ON lib_nurse_practice (id_bidx);
CREATE INDEX lib_nurse_practice_batch ON lib_nurse_practice (batch_id);

CREATE TABLE lib_fresh_graduates (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  school               text NOT NULL,
  graduation_year      integer NOT NULL,
  major                text,
  education_level      text
);
CREATE INDEX lib_fresh_graduates_bidx ON lib_fresh_graduates (id_bidx);
CREATE INDEX lib_fresh_graduates_batch ON lib_fresh_graduates (batch_id);

CREATE TABLE lib_front_line (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  policy               text NOT NULL,
  unit                 text,
  valid_year           integer NOT NULL
);
CREATE INDEX lib_front_line_bidx ON lib_front_line (id_bidx);
CREATE INDEX lib_front_line_batch ON lib_front_line (batch_id);

CREATE TABLE lib_secondary_education (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  school               text NOT NULL,
  major                text NOT NULL,
  enrolled_on          date NOT NULL,
  graduated_on         date NOT NULL,
  study_years          integer,
  study_form           text
);
CREATE INDEX lib_secondary_education_bidx ON lib_secondary_education (id_bidx);
CREATE INDEX lib_secondary_education_batch ON lib_secondary_education (batch_id);

CREATE TABLE lib_probation_filings (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  institution_code     text NOT NULL,
  category_code        text NOT NULL,
  started_on           date NOT NULL,
  ended_on             date NOT NULL,
  valid_until          date,
  certificate_number   text
);
CREATE INDEX lib_probation_filings_bidx ON lib_probation_filings (id_bidx);
CREATE INDEX lib_probation_filings_batch ON lib_probation_filings (batch_id);

CREATE TABLE lib_apprenticeship (
  id                   bigserial PRIMARY KEY,
  batch_id             uuid NOT NULL REFERENCES library_batches (id),
  id_bidx              bytea NOT NULL,
  id_enc               bytea NOT NULL,
  id_masked            text NOT NULL,
  name                 text NOT NULL,
  certificate_kind     text NOT NULL,
  certificate_number   text NOT NULL,
  issued_on            date,
  teacher              text
);
CREATE INDEX lib_apprenticeship_bidx ON lib_apprenticeship (id_bidx);
CREATE INDEX lib_apprenticeship_batch ON lib_apprenticeship (batch_id);

-- findings history per registration, and the person lookups of re-verification
CREATE INDEX findings_registration_all ON verification_findings (registration_id, computed_at DESC);
CREATE INDEX registrations_candidate ON registrations (candidate_id);
