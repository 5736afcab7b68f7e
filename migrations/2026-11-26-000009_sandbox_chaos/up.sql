-- The sandbox payment center's count of the faults it injected (chaos mode), so a chaos test can prove that
-- every kind of fault actually happened.
CREATE TABLE sandbox_pay_fault_counts (
  kind  text PRIMARY KEY,
  n     bigint NOT NULL DEFAULT 0
);
