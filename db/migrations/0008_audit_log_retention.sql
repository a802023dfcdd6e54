-- Audit retention. Rows may be deleted once they are at least 180 days old (the retention
-- pruning in db/audit-retention.ts); a younger row stays undeletable by any SQL statement,
-- whatever clock the application believes in: the trigger compares with SQLite's own clock.
-- created_at is milliseconds since the epoch (an integer); anything else is never deleted.
-- UPDATE stays refused (audit_log_no_update from 0001).
DROP TRIGGER IF EXISTS audit_log_no_delete;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN typeof(OLD.created_at) <> 'integer' OR OLD.created_at > (unixepoch() - 180 * 86400) * 1000
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: rows younger than 180 days cannot be deleted');
END;
