-- What a returning reviewer sends back for correction: only these fields ("section.field" or a whole
-- "section") and material kinds may change before resubmission.
ALTER TABLE review_actions
  ADD COLUMN returned_fields text[] NOT NULL DEFAULT '{}',
  ADD COLUMN returned_materials text[] NOT NULL DEFAULT '{}';
