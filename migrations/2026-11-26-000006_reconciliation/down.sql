DROP TABLE payment_reconciliations;
