ALTER TABLE review_actions DROP COLUMN override_reason;
DROP TABLE review_reasons;
