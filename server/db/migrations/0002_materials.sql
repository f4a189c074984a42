CREATE TABLE "materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"owner_id" uuid NOT NULL,
	"title" text NOT NULL,
	"material_date" date,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"description" text,
	"file_name" text NOT NULL,
	"file_hash" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "materials_region_idx" ON "materials" USING btree ("region_code" text_pattern_ops,"created_at");--> statement-breakpoint
CREATE INDEX "materials_org_idx" ON "materials" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "materials_org_hash_uq" ON "materials" USING btree ("org_id","file_hash");