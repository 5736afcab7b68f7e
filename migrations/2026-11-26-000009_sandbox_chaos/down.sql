DROP TABLE sandbox_pay_fault_counts;
