-- Data revisions (server/core/revisions.ts) for the activities' statistics and 七个一 completion, and the
-- 零报告/季报 compliance roll-up: each statement writing a table they read bumps the key in the same transaction.
CREATE TRIGGER activity_records_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity_records"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('activities');
--> statement-breakpoint
CREATE TRIGGER activity_school_items_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity_school_items"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('activities');
--> statement-breakpoint
CREATE TRIGGER dispute_reports_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dispute_reports"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('disputes.reports');
--> statement-breakpoint
CREATE TRIGGER dispute_report_units_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dispute_report_units"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('disputes.reports');
--> statement-breakpoint
CREATE TRIGGER activity_plans_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity_plans"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('activities');
--> statement-breakpoint
CREATE TRIGGER activity_plan_lines_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "activity_plan_lines"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('activities');
