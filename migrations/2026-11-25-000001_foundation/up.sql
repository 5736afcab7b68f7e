-- weikao foundation schema.
-- Conventions (later migrations follow them):
--  * public identifiers are UUIDs; append-only logs use bigserial ids;
--  * timestamps are timestamptz (UTC); money is integer fen (bigint) with CHECK (amount_fen >= 0);
--  * codes are text with CHECK constraints, catalog values are rows (data, not enums);
--  * personal ID numbers are stored only as an HMAC-SHA256 blind index (lookups, joins with libraries)
--    plus AES-256-GCM ciphertext (authorised display) plus a masked copy for listings;
--  * the application connects as the least-privilege role weikao_app: DML only, and no UPDATE/DELETE on
--    append-only tables (audit log, seals, registration history, payment events).

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'weikao_app') THEN
    CREATE ROLE weikao_app LOGIN;
  END IF;
END
$$;

-- ---------------------------------------------------------------- organisations
CREATE TABLE orgs (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('region', 'site', 'point', 'institution')),
  parent_id   uuid REFERENCES orgs (id),
  -- materialised path of codes with slashes on both ends: '/410000/410100/' (prefix match = subtree)
  path        text NOT NULL UNIQUE,
  active      boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orgs_path_prefix ON orgs (path text_pattern_ops);
CREATE INDEX orgs_parent ON orgs (parent_id);

-- ---------------------------------------------------------------- accounts
CREATE TABLE staff_accounts (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username         text NOT NULL UNIQUE,
  display_name     text NOT NULL,
  password_hash    text NOT NULL,
  role             text NOT NULL CHECK (role IN ('reviewer', 'region_admin', 'system_admin', 'auditor')),
  review_level     text CHECK (review_level IN ('point', 'site', 'region')),
  scope_org_id     uuid NOT NULL REFERENCES orgs (id),
  totp_secret_enc  bytea,
  totp_enabled     boolean NOT NULL DEFAULT false,
  totp_last_step   bigint,
  can_reveal_pii   boolean NOT NULL DEFAULT false,
  failed_logins    integer NOT NULL DEFAULT 0,
  locked_until     timestamptz,
  active           boolean NOT NULL DEFAULT true,
  last_login_at    timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'reviewer') = (review_level IS NOT NULL))
);

CREATE TABLE candidates (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  id_type              text NOT NULL,
  id_number_bidx       bytea NOT NULL UNIQUE,
  id_number_enc        bytea NOT NULL,
  id_number_masked     text NOT NULL,
  name                 text NOT NULL,
  sex                  text CHECK (sex IN ('male', 'female')),
  birth_date           date,
  phone                text NOT NULL UNIQUE,
  email                text,
  phone_verified_at    timestamptz,
  email_verified_at    timestamptz,
  password_hash        text NOT NULL,
  privacy_version      text NOT NULL,
  privacy_accepted_at  timestamptz NOT NULL,
  failed_logins        integer NOT NULL DEFAULT 0,
  throttled_until      timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX candidates_email ON candidates (lower(email)) WHERE email IS NOT NULL;

CREATE TABLE api_clients (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  client_id              text NOT NULL UNIQUE,
  name                   text NOT NULL,
  secret_hash            text NOT NULL,
  scopes                 text[] NOT NULL DEFAULT '{}',
  allowed_origins        text[] NOT NULL DEFAULT '{}',
  rate_limit_per_minute  integer NOT NULL DEFAULT 600 CHECK (rate_limit_per_minute > 0),
  active                 boolean NOT NULL DEFAULT true,
  created_at             timestamptz NOT NULL DEFAULT now(),
  last_used_at           timestamptz
);

-- a login session = one refresh-token family; access tokens carry its id and die with it
CREATE TABLE auth_sessions (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_kind  text NOT NULL CHECK (subject_kind IN ('candidate', 'staff')),
  subject_id    uuid NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  revoked_at    timestamptz,
  revoke_reason text,
  ip            text,
  user_agent    text
);
CREATE INDEX auth_sessions_subject ON auth_sessions (subject_kind, subject_id);

CREATE TABLE refresh_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id   uuid NOT NULL REFERENCES auth_sessions (id),
  token_hash   bytea NOT NULL UNIQUE,
  issued_at    timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  rotated_at   timestamptz
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);

CREATE TABLE verification_codes (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel      text NOT NULL CHECK (channel IN ('sms', 'email')),
  target       text NOT NULL,
  purpose      text NOT NULL CHECK (purpose IN ('signup', 'password_reset', 'unlock')),
  code_hash    bytea NOT NULL,
  attempts     integer NOT NULL DEFAULT 0,
  expires_at   timestamptz NOT NULL,
  consumed_at  timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX verification_codes_target ON verification_codes (target, purpose, created_at DESC);

-- fixed-window counters for rate limits shared by all replicas (per IP, per client, per target)
CREATE TABLE rate_counters (
  key           text NOT NULL,
  window_start  timestamptz NOT NULL,
  count         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window_start)
);

-- transactional outbox: every SMS and e-mail is written here in the same transaction as the change that
-- causes it; the worker delivers through the configured transport (SMTP, SMS gateway) or keeps it stored.
CREATE TABLE outbox_messages (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  channel       text NOT NULL CHECK (channel IN ('sms', 'email')),
  recipient     text NOT NULL,
  subject       text NOT NULL DEFAULT '',
  body          text NOT NULL,
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'stored', 'failed')),
  attempts      integer NOT NULL DEFAULT 0,
  last_error    text,
  locked_until  timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  sent_at       timestamptz
);
CREATE INDEX outbox_pending ON outbox_messages (created_at) WHERE status = 'pending';

-- ---------------------------------------------------------------- exam catalog (data, not enums)
CREATE TABLE exam_types (
  code  text PRIMARY KEY,
  name  text NOT NULL
);

CREATE TABLE exam_sessions (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  exam_type                text NOT NULL REFERENCES exam_types (code),
  year                     integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  name                     text NOT NULL,
  region_org_id            uuid NOT NULL REFERENCES orgs (id),
  review_chain             text[] NOT NULL DEFAULT '{point,site,region}',
  registration_opens_at    timestamptz NOT NULL,
  registration_closes_at   timestamptz NOT NULL,
  payment_opens_at         timestamptz,
  payment_closes_at        timestamptz,
  supplement_opens_at      timestamptz,
  supplement_closes_at     timestamptz,
  settings                 jsonb NOT NULL DEFAULT '{}',
  status                   text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed', 'archived')),
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (exam_type, year, region_org_id, name),
  CHECK (registration_opens_at < registration_closes_at),
  CHECK (review_chain <@ ARRAY['point', 'site', 'region']::text[] AND cardinality(review_chain) >= 1)
);

CREATE TABLE review_windows (
  session_id  uuid NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
  level       text NOT NULL CHECK (level IN ('point', 'site', 'region')),
  opens_at    timestamptz NOT NULL,
  closes_at   timestamptz NOT NULL,
  PRIMARY KEY (session_id, level),
  CHECK (opens_at < closes_at)
);

-- stages carry their own payment window: physician skills / written / second sitting; one stage elsewhere
CREATE TABLE exam_stages (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id         uuid NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
  code               text NOT NULL,
  name               text NOT NULL,
  seq                integer NOT NULL,
  payment_opens_at   timestamptz,
  payment_closes_at  timestamptz,
  UNIQUE (session_id, code),
  UNIQUE (session_id, seq)
);

CREATE TABLE exam_levels (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id  uuid NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
  code        text NOT NULL,
  name        text NOT NULL,
  seq         integer NOT NULL DEFAULT 0,
  UNIQUE (session_id, code)
);

CREATE TABLE exam_categories (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id  uuid NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
  code        text NOT NULL,
  name        text NOT NULL,
  UNIQUE (session_id, code)
);

CREATE TABLE specialties (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id   uuid NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
  level_id     uuid NOT NULL REFERENCES exam_levels (id),
  category_id  uuid REFERENCES exam_categories (id),
  code         text NOT NULL,
  name         text NOT NULL,
  UNIQUE (session_id, code)
);

CREATE TABLE subjects (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  specialty_id  uuid NOT NULL REFERENCES specialties (id) ON DELETE CASCADE,
  code          text NOT NULL,
  name          text NOT NULL,
  seq           integer NOT NULL,
  UNIQUE (specialty_id, code)
);

-- fee table: the most specific matching row wins (specialty over level over session-wide)
CREATE TABLE fee_items (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id    uuid NOT NULL REFERENCES exam_sessions (id) ON DELETE CASCADE,
  stage_code    text NOT NULL,
  level_id      uuid REFERENCES exam_levels (id),
  specialty_id  uuid REFERENCES specialties (id),
  exam_format   text NOT NULL DEFAULT 'computer' CHECK (exam_format IN ('computer', 'paper')),
  unit          text NOT NULL CHECK (unit IN ('per_subject', 'per_stage')),
  amount_fen    bigint NOT NULL CHECK (amount_fen >= 0),
  UNIQUE NULLS NOT DISTINCT (session_id, stage_code, level_id, specialty_id, exam_format)
);

-- ---------------------------------------------------------------- registrations
CREATE TABLE registrations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  candidate_id        uuid NOT NULL REFERENCES candidates (id),
  session_id          uuid NOT NULL REFERENCES exam_sessions (id),
  status              text NOT NULL DEFAULT 'draft',
  current_level       text CHECK (current_level IN ('point', 'site', 'region')),
  version             integer NOT NULL DEFAULT 1,
  org_id              uuid REFERENCES orgs (id),
  org_path            text,
  level_id            uuid REFERENCES exam_levels (id),
  category_id         uuid REFERENCES exam_categories (id),
  specialty_id        uuid REFERENCES specialties (id),
  archive_number      text,
  form                jsonb NOT NULL DEFAULT '{}',
  submitted_at        timestamptz,
  final_decision_at   timestamptz,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (candidate_id, session_id)
);
CREATE INDEX registrations_scope ON registrations (session_id, status, org_path text_pattern_ops);
CREATE INDEX registrations_org_path ON registrations (org_path text_pattern_ops);

-- immutable history: one row per saved version
CREATE TABLE registration_versions (
  id               bigserial PRIMARY KEY,
  registration_id  uuid NOT NULL REFERENCES registrations (id),
  version          integer NOT NULL,
  status           text NOT NULL,
  form             jsonb NOT NULL,
  change_kind      text NOT NULL,
  actor_kind       text NOT NULL,
  actor_id         uuid,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (registration_id, version)
);

CREATE TABLE materials (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  registration_id  uuid NOT NULL REFERENCES registrations (id),
  kind             text NOT NULL,
  object_key       text NOT NULL,
  content_type     text NOT NULL,
  size_bytes       bigint NOT NULL CHECK (size_bytes >= 0),
  sha256           text NOT NULL,
  original_name    text,
  status           text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'accepted', 'rejected', 'superseded')),
  reject_reason    text,
  uploaded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX materials_registration ON materials (registration_id, kind);

CREATE TABLE verification_findings (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  registration_id    uuid NOT NULL REFERENCES registrations (id),
  rule_code          text NOT NULL,
  severity           text NOT NULL CHECK (severity IN ('block', 'warning', 'hint')),
  reviewer_message   text NOT NULL,
  candidate_message  text,
  evidence           jsonb NOT NULL DEFAULT '{}',
  computed_at        timestamptz NOT NULL DEFAULT now(),
  superseded_at      timestamptz
);
CREATE INDEX findings_current ON verification_findings (registration_id) WHERE superseded_at IS NULL;

CREATE TABLE review_actions (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  registration_id       uuid NOT NULL REFERENCES registrations (id),
  level                 text CHECK (level IN ('point', 'site', 'region')),
  action                text NOT NULL,
  actor_kind            text NOT NULL CHECK (actor_kind IN ('staff', 'system', 'candidate')),
  actor_id              uuid,
  reason_codes          text[] NOT NULL DEFAULT '{}',
  comment               text,
  comment_public        boolean NOT NULL DEFAULT false,
  from_status           text NOT NULL,
  to_status             text NOT NULL,
  registration_version  integer NOT NULL,
  created_at            timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_actions_registration ON review_actions (registration_id, created_at);

-- ---------------------------------------------------------------- payments
CREATE TABLE payment_orders (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_no         text NOT NULL UNIQUE,
  registration_id  uuid NOT NULL REFERENCES registrations (id),
  stage_code       text NOT NULL,
  amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
  status           text NOT NULL DEFAULT 'created'
                   CHECK (status IN ('created', 'pending', 'paid', 'closed', 'expired', 'refunding', 'refunded')),
  channel_txn_id   text UNIQUE,
  cashier_url      text,
  expires_at       timestamptz NOT NULL,
  paid_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX payment_orders_one_active ON payment_orders (registration_id, stage_code)
  WHERE status IN ('created', 'pending');
CREATE UNIQUE INDEX payment_orders_one_paid ON payment_orders (registration_id, stage_code)
  WHERE status = 'paid';

CREATE TABLE payment_events (
  id              bigserial PRIMARY KEY,
  order_id        uuid REFERENCES payment_orders (id),
  kind            text NOT NULL,
  dedup_key       text UNIQUE,
  payload         jsonb NOT NULL DEFAULT '{}',
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- ---------------------------------------------------------------- jobs
CREATE TABLE jobs (
  id            bigserial PRIMARY KEY,
  kind          text NOT NULL,
  payload       jsonb NOT NULL DEFAULT '{}',
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed')),
  run_at        timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 0,
  max_attempts  integer NOT NULL DEFAULT 10,
  locked_until  timestamptz,
  locked_by     text,
  last_error    text,
  dedup_key     text UNIQUE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX jobs_ready ON jobs (run_at) WHERE status = 'queued';

-- ---------------------------------------------------------------- audit
-- append-only; rows are sealed into a hash chain in batches by the worker (audit_seals), so writers never
-- serialise on a chain head. The application role can only INSERT and SELECT here.
CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  occurred_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_kind   text NOT NULL,
  actor_id     text,
  action       text NOT NULL,
  object_kind  text,
  object_id    text,
  outcome      text NOT NULL CHECK (outcome IN ('success', 'failure', 'denied')),
  ip           text,
  request_id   text,
  details      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_actor ON audit_log (actor_kind, actor_id, occurred_at);
CREATE INDEX audit_log_action ON audit_log (action, occurred_at);

CREATE TABLE audit_seals (
  id          bigserial PRIMARY KEY,
  first_id    bigint NOT NULL,
  last_id     bigint NOT NULL,
  row_count   bigint NOT NULL,
  rows_hash   bytea NOT NULL,
  prev_hash   bytea NOT NULL,
  seal_hash   bytea NOT NULL UNIQUE,
  sealed_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (first_id <= last_id)
);

-- ---------------------------------------------------------------- privileges
GRANT USAGE ON SCHEMA public TO weikao_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO weikao_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO weikao_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO weikao_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO weikao_app;
REVOKE INSERT, UPDATE, DELETE ON __diesel_schema_migrations FROM weikao_app;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log, audit_seals, registration_versions, payment_events FROM weikao_app;
