-- Every server process keeps the live state of the report pages it serves (db/pg/live-state-watch.ts,
-- for lib/serving/report-fast-path.ts) instead of asking PostgreSQL on every request; these
-- triggers tell all of them, when the transaction commits (NOTIFY is delivered at commit, once
-- per distinct payload), that something a public report page shows may have changed: a report's
-- live edition, withdrawal, status or unit, a report added or removed (the links to other years),
-- a unit's name, a 原文 file. View counts are not among them (each process adds its own).
CREATE FUNCTION notify_live_state_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('nianbao_live_state', TG_TABLE_NAME);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER reports_live_state_changed
AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF live_edition_id, withdrawn_at, status, unit_id ON reports
FOR EACH STATEMENT EXECUTE FUNCTION notify_live_state_change();
--> statement-breakpoint
CREATE TRIGGER units_live_state_changed
AFTER UPDATE OF name ON units
FOR EACH STATEMENT EXECUTE FUNCTION notify_live_state_change();
--> statement-breakpoint
CREATE TRIGGER edition_files_live_state_changed
AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE ON edition_files
FOR EACH STATEMENT EXECUTE FUNCTION notify_live_state_change();
