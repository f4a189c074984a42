-- Data revisions (server/core/revisions.ts) for the leaders' dashboard (insights): named units and their targets,
-- the honor register and dispute cases, so its counts are cached while exact.
CREATE TRIGGER creation_designations_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "creation_designations"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('creation.designations');
--> statement-breakpoint
CREATE TRIGGER creation_targets_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "creation_targets"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('creation.designations');
--> statement-breakpoint
CREATE TRIGGER honor_awards_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "honor_awards"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('honors.awards');
--> statement-breakpoint
CREATE TRIGGER dispute_cases_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dispute_cases"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('disputes.cases');
