CREATE TABLE "service_guide_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"guide_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid NOT NULL,
	"published_by_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_guides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"content" jsonb NOT NULL,
	"published" jsonb,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"published_at" timestamp with time zone,
	"withdraw_reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_guide_versions" ADD CONSTRAINT "service_guide_versions_guide_id_service_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."service_guides"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_guide_versions_guide_idx" ON "service_guide_versions" USING btree ("guide_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "service_guides_org_category_idx" ON "service_guides" USING btree ("org_id","category");--> statement-breakpoint
CREATE INDEX "service_guides_region_idx" ON "service_guides" USING btree ("region_code","status");