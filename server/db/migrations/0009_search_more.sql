ALTER TABLE "creation_batches" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "creation_notices" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "plan_rectifications" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "plan_reports" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "search" "tsvector";--> statement-breakpoint
CREATE INDEX "creation_batches_search_idx" ON "creation_batches" USING gin ("search");--> statement-breakpoint
CREATE INDEX "creation_notices_search_idx" ON "creation_notices" USING gin ("search");--> statement-breakpoint
CREATE INDEX "users_search_idx" ON "users" USING gin ("search");--> statement-breakpoint
CREATE INDEX "plan_rectifications_search_idx" ON "plan_rectifications" USING gin ("search");--> statement-breakpoint
CREATE INDEX "plan_reports_search_idx" ON "plan_reports" USING gin ("search");--> statement-breakpoint
CREATE INDEX "plans_search_idx" ON "plans" USING gin ("search");