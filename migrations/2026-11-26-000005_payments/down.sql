DROP TABLE sandbox_pay_faults;
DROP TABLE sandbox_pay_notifications;
DROP TABLE sandbox_pay_orders;
DROP TABLE payment_refunds;
DROP INDEX payment_orders_registration;
DROP INDEX payment_orders_due;
ALTER TABLE payment_orders DROP COLUMN next_poll_at, DROP COLUMN poll_attempts, DROP COLUMN locked_until,
  DROP COLUMN locked_by, DROP COLUMN closed_at, DROP COLUMN alert;
