ALTER TABLE review_actions DROP COLUMN returned_fields, DROP COLUMN returned_materials;
