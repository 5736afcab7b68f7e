DROP INDEX registrations_pending_scope;
DROP INDEX findings_current_rule;
DROP INDEX findings_current_severity;
DROP INDEX candidates_name;
DROP INDEX candidates_name_prefix;
DROP INDEX registrations_pending;
DROP INDEX registrations_updated;
DROP INDEX registrations_submitted;
