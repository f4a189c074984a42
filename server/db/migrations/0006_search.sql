ALTER TABLE "creation_applications" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "creation_designations" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "materials" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "plan_nodes" ADD COLUMN "search" "tsvector";--> statement-breakpoint
CREATE INDEX "creation_applications_search_idx" ON "creation_applications" USING gin ("search");--> statement-breakpoint
CREATE INDEX "creation_designations_search_idx" ON "creation_designations" USING gin ("search");--> statement-breakpoint
CREATE INDEX "materials_search_idx" ON "materials" USING gin ("search");--> statement-breakpoint
CREATE INDEX "orgs_search_idx" ON "orgs" USING gin ("search");--> statement-breakpoint
CREATE INDEX "plan_nodes_search_idx" ON "plan_nodes" USING gin ("search");