-- Fingerprints of the keys a database was created with, so a process started with other keys refuses to
-- run instead of writing blind indexes and ciphertexts that nothing can match or decrypt.
CREATE TABLE key_checks (
  name         text PRIMARY KEY,
  check_value  bytea NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
