-- Daily reconciliation runs against the payment center's statement (each run kept).
CREATE TABLE payment_reconciliations (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  day            date NOT NULL,
  status         text NOT NULL CHECK (status IN ('clean', 'discrepancies')),
  matched        integer NOT NULL,
  discrepancies  integer NOT NULL,
  healed         integer NOT NULL,
  ours_total_fen bigint NOT NULL,
  theirs_total_fen bigint NOT NULL,
  items          jsonb NOT NULL DEFAULT '[]',
  run_by         text NOT NULL,
  run_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_reconciliations_day ON payment_reconciliations (day DESC, run_at DESC);
