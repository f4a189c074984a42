CREATE TABLE "activity_pairs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"a_kind" text NOT NULL,
	"a_org_id" uuid,
	"a_region_code" text,
	"a_ref" text,
	"b_kind" text NOT NULL,
	"b_org_id" uuid,
	"b_region_code" text,
	"b_ref" text,
	"start_date" date NOT NULL,
	"end_date" date,
	"goals" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_photos" (
	"activity_id" uuid NOT NULL,
	"material_id" uuid NOT NULL,
	"file_hash" text NOT NULL,
	"taken_at" timestamp with time zone,
	"org_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_plan_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"type_code" text NOT NULL,
	"month" smallint,
	"target_count" integer NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"covers" text DEFAULT 'org' NOT NULL,
	"year" smallint NOT NULL,
	"title" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type_code" text NOT NULL,
	"domain_code" text NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"region_code" text NOT NULL,
	"address" text,
	"org_id" uuid NOT NULL,
	"co_org_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"participants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"participant_total" integer DEFAULT 0 NOT NULL,
	"summary" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"file_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"media_links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"plan_node_id" uuid,
	"pair_id" uuid,
	"is_public" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"return_reason" text,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone,
	"revision" integer DEFAULT 0 NOT NULL,
	"search" "tsvector",
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"content" jsonb NOT NULL,
	"reason" text,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_school_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"school_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"year" smallint NOT NULL,
	"item_code" text NOT NULL,
	"activity_id" uuid NOT NULL,
	"linked_by" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "activity_pairs_region_idx" ON "activity_pairs" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "activity_pairs_org_idx" ON "activity_pairs" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_photos_uq" ON "activity_photos" USING btree ("activity_id","material_id");--> statement-breakpoint
CREATE INDEX "activity_photos_hash_idx" ON "activity_photos" USING btree ("file_hash");--> statement-breakpoint
CREATE INDEX "activity_plan_lines_plan_idx" ON "activity_plan_lines" USING btree ("plan_id","sort");--> statement-breakpoint
CREATE INDEX "activity_plans_region_idx" ON "activity_plans" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "activity_plans_org_idx" ON "activity_plans" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "activity_records_region_idx" ON "activity_records" USING btree ("region_code","start_date");--> statement-breakpoint
CREATE INDEX "activity_records_org_idx" ON "activity_records" USING btree ("org_id","start_date");--> statement-breakpoint
CREATE INDEX "activity_records_status_date_idx" ON "activity_records" USING btree ("status","start_date");--> statement-breakpoint
CREATE INDEX "activity_records_pair_idx" ON "activity_records" USING btree ("pair_id","start_date");--> statement-breakpoint
CREATE INDEX "activity_records_search_idx" ON "activity_records" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_revisions_uq" ON "activity_revisions" USING btree ("activity_id","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_school_items_uq" ON "activity_school_items" USING btree ("school_org_id","year","item_code");--> statement-breakpoint
CREATE INDEX "activity_school_items_region_idx" ON "activity_school_items" USING btree ("region_code","year");