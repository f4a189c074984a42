CREATE TABLE "base_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"base_id" uuid NOT NULL,
	"session_date" date NOT NULL,
	"booker_org_name" text NOT NULL,
	"group_size" integer NOT NULL,
	"contact_name_enc" text NOT NULL,
	"contact_phone_enc" text NOT NULL,
	"contact_phone_idx" text NOT NULL,
	"tracking_code" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"note" text,
	"actual_count" integer,
	"checked_in_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "base_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"base_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb NOT NULL,
	"return_reason" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "base_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"base_id" uuid NOT NULL,
	"month" text NOT NULL,
	"group_visitors" integer DEFAULT 0 NOT NULL,
	"group_count" integer DEFAULT 0 NOT NULL,
	"walk_in_visitors" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"due_on" date NOT NULL,
	"confirmed_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "base_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"base_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	"max_per_group" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"note" text,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "base_sessions_capacity_ck" CHECK ("base_sessions"."booked" >= 0 AND "base_sessions"."booked" <= "base_sessions"."capacity")
);
--> statement-breakpoint
CREATE TABLE "base_walk_ins" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"base_id" uuid NOT NULL,
	"date" date NOT NULL,
	"count" integer NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"org_id" uuid NOT NULL,
	"supervising_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"named_on" date NOT NULL,
	"named_by" text,
	"term_years" integer DEFAULT 3 NOT NULL,
	"term_ends_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"revoke_reason" text,
	"opening_hours" text,
	"closed_days" text,
	"contact_phone_enc" text,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"document_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"description" text,
	"published_version" integer,
	"search" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "base_bookings" ADD CONSTRAINT "base_bookings_session_id_base_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."base_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_pages" ADD CONSTRAINT "base_pages_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_reports" ADD CONSTRAINT "base_reports_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_sessions" ADD CONSTRAINT "base_sessions_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_walk_ins" ADD CONSTRAINT "base_walk_ins_base_id_bases_id_fk" FOREIGN KEY ("base_id") REFERENCES "public"."bases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "base_bookings_tracking_uq" ON "base_bookings" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "base_bookings_session_idx" ON "base_bookings" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "base_bookings_base_date_idx" ON "base_bookings" USING btree ("base_id","session_date");--> statement-breakpoint
CREATE INDEX "base_bookings_phone_idx" ON "base_bookings" USING btree ("contact_phone_idx");--> statement-breakpoint
CREATE UNIQUE INDEX "base_pages_version_uq" ON "base_pages" USING btree ("base_id","version");--> statement-breakpoint
CREATE INDEX "base_pages_status_idx" ON "base_pages" USING btree ("status","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "base_reports_month_uq" ON "base_reports" USING btree ("base_id","month");--> statement-breakpoint
CREATE INDEX "base_reports_region_month_idx" ON "base_reports" USING btree ("region_code","month");--> statement-breakpoint
CREATE INDEX "base_sessions_base_date_idx" ON "base_sessions" USING btree ("base_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "base_walk_ins_day_uq" ON "base_walk_ins" USING btree ("base_id","date");--> statement-breakpoint
CREATE INDEX "bases_region_idx" ON "bases" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "bases_org_idx" ON "bases" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "bases_term_idx" ON "bases" USING btree ("status","term_ends_on");--> statement-breakpoint
CREATE INDEX "bases_search_idx" ON "bases" USING gin ("search");