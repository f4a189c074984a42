CREATE TABLE "assessment_disputes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"value_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"response" text,
	"created_by" uuid NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_panel_scores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"entries" jsonb NOT NULL,
	"total" numeric(8, 1) NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"set_id" uuid NOT NULL,
	"set_copy" jsonb NOT NULL,
	"window_from" text NOT NULL,
	"window_to" text NOT NULL,
	"indicators" jsonb NOT NULL,
	"panel_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"snapshot_at" timestamp with time zone,
	"snapshot_hash" text,
	"published_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_subjects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"reported" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reported_submitted_at" timestamp with time zone,
	"computed_score" numeric(8, 1),
	"final_score" numeric(8, 2),
	"passed" text,
	"rank" integer,
	"sort" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_value_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"value_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	"score" numeric(8, 1) NOT NULL,
	"input_hash" text,
	"note" text,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessment_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"node_code" text NOT NULL,
	"metric" text NOT NULL,
	"numerator" integer NOT NULL,
	"denominator" integer NOT NULL,
	"ratio" double precision,
	"score" numeric(8, 1) NOT NULL,
	"records" jsonb NOT NULL,
	"input_hash" text NOT NULL,
	"snapshot_at" timestamp with time zone NOT NULL,
	"corrected" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "assessment_disputes" ADD CONSTRAINT "assessment_disputes_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_disputes" ADD CONSTRAINT "assessment_disputes_subject_id_assessment_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."assessment_subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_disputes" ADD CONSTRAINT "assessment_disputes_value_id_assessment_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "public"."assessment_values"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_panel_scores" ADD CONSTRAINT "assessment_panel_scores_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_panel_scores" ADD CONSTRAINT "assessment_panel_scores_subject_id_assessment_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."assessment_subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_subjects" ADD CONSTRAINT "assessment_subjects_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_value_history" ADD CONSTRAINT "assessment_value_history_value_id_assessment_values_id_fk" FOREIGN KEY ("value_id") REFERENCES "public"."assessment_values"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_values" ADD CONSTRAINT "assessment_values_round_id_assessment_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."assessment_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_values" ADD CONSTRAINT "assessment_values_subject_id_assessment_subjects_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."assessment_subjects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_disputes_round_idx" ON "assessment_disputes" USING btree ("round_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_panel_scores_uq" ON "assessment_panel_scores" USING btree ("subject_id","user_id");--> statement-breakpoint
CREATE INDEX "assessment_rounds_region_idx" ON "assessment_rounds" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "assessment_subjects_round_idx" ON "assessment_subjects" USING btree ("round_id","sort");--> statement-breakpoint
CREATE INDEX "assessment_subjects_org_idx" ON "assessment_subjects" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "assessment_value_history_value_idx" ON "assessment_value_history" USING btree ("value_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "assessment_values_subject_node_uq" ON "assessment_values" USING btree ("subject_id","node_code");