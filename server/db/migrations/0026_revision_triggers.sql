-- Data revisions (server/core/revisions.ts): each statement that writes one of these tables bumps its key's
-- counter in the same transaction, so a cached figure compared against the counter is never stale, whatever
-- code path or instance made the write.
CREATE OR REPLACE FUNCTION shiliu_bump_revision() RETURNS trigger AS $$
BEGIN
  INSERT INTO data_revisions (key, revision) VALUES (TG_ARGV[0], 1)
    ON CONFLICT (key) DO UPDATE SET revision = data_revisions.revision + 1;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER service_requests_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_requests"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('services');
--> statement-breakpoint
CREATE TRIGGER service_referrals_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_referrals"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('services');
--> statement-breakpoint
CREATE TRIGGER service_windows_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_windows"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('services');
--> statement-breakpoint
CREATE TRIGGER base_reports_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "base_reports"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('bases');
--> statement-breakpoint
CREATE TRIGGER bases_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "bases"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('bases');
