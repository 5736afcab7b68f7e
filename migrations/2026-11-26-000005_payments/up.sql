-- Payments: polling state and alerts on orders, the refund queue, and the built-in sandbox payment center's own
-- ledger (used only when WEIKAO_PAYMENT_SANDBOX=true; a real deployment leaves these tables empty).
ALTER TABLE payment_orders
  ADD COLUMN next_poll_at   timestamptz,
  ADD COLUMN poll_attempts  integer NOT NULL DEFAULT 0,
  ADD COLUMN locked_until   timestamptz,
  ADD COLUMN locked_by      text,
  ADD COLUMN closed_at      timestamptz,
  ADD COLUMN alert          text;
CREATE INDEX payment_orders_due ON payment_orders (next_poll_at)
  WHERE status IN ('created', 'pending', 'expired');
CREATE INDEX payment_orders_registration ON payment_orders (registration_id, created_at);

-- money we received but cannot apply (a second payment of a round, a payment after close that can no longer
-- be applied): refunded with a stable refund number, retried until final
CREATE TABLE payment_refunds (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  refund_no        text NOT NULL UNIQUE,
  order_id         uuid NOT NULL UNIQUE REFERENCES payment_orders (id),
  amount_fen       bigint NOT NULL CHECK (amount_fen > 0),
  reason           text NOT NULL,
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'succeeded', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_refunds_due ON payment_refunds (next_attempt_at) WHERE status = 'queued';

CREATE TABLE sandbox_pay_orders (
  merchant_id    text NOT NULL,
  order_no       text NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen > 0),
  subject        text NOT NULL,
  notify_url     text NOT NULL,
  expire_at      timestamptz NOT NULL,
  status         text NOT NULL DEFAULT 'NOTPAY' CHECK (status IN ('NOTPAY', 'SUCCESS', 'CLOSED', 'REFUND')),
  txn_id         text UNIQUE,
  cashier_token  text NOT NULL UNIQUE,
  paid_at        timestamptz,
  closed_at      timestamptz,
  refund_no      text UNIQUE,
  refunded_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (merchant_id, order_no)
);

CREATE TABLE sandbox_pay_notifications (
  id               bigserial PRIMARY KEY,
  merchant_id      text NOT NULL,
  order_no         text NOT NULL,
  notify_url       text NOT NULL,
  payload          jsonb NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  delivered_at     timestamptz,
  last_error       text
);
CREATE INDEX sandbox_pay_notifications_due ON sandbox_pay_notifications (next_attempt_at) WHERE delivered_at IS NULL;

-- fault switches of the sandbox (one row)
CREATE TABLE sandbox_pay_faults (
  id        integer PRIMARY KEY CHECK (id = 1),
  settings  jsonb NOT NULL DEFAULT '{}'
);
