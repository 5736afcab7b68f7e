ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_institution_check;
DELETE FROM staff_accounts WHERE role = 'institution';
ALTER TABLE staff_accounts DROP CONSTRAINT staff_accounts_role_check;
ALTER TABLE staff_accounts ADD CONSTRAINT staff_accounts_role_check
  CHECK (role IN ('reviewer', 'region_admin', 'system_admin', 'auditor'));
ALTER TABLE staff_accounts DROP COLUMN institution_code;
DROP TABLE talent_status_records;
