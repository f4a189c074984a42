CREATE TABLE "region_map_features" (
	"map_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"parent_code" text NOT NULL,
	"geometry" text NOT NULL,
	CONSTRAINT "region_map_features_map_id_region_code_pk" PRIMARY KEY("map_id","region_code")
);
--> statement-breakpoint
CREATE TABLE "region_maps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"level" text NOT NULL,
	"code_property" text NOT NULL,
	"approval_no" text NOT NULL,
	"source" text NOT NULL,
	"file_name" text NOT NULL,
	"feature_count" integer NOT NULL,
	"bytes" integer NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_name" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "region_maps_level_unique" UNIQUE("level")
);
--> statement-breakpoint
ALTER TABLE "region_map_features" ADD CONSTRAINT "region_map_features_map_id_region_maps_id_fk" FOREIGN KEY ("map_id") REFERENCES "public"."region_maps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "region_map_features_parent_idx" ON "region_map_features" USING btree ("parent_code");