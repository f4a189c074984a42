CREATE TABLE "dispute_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"target_region" text NOT NULL,
	"target_org_id" uuid,
	"case_id" uuid,
	"report_unit_org_id" uuid,
	"report_kind" text,
	"period" text,
	"summary" text NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"ack_at" timestamp with time zone,
	"ack_by" uuid
);
--> statement-breakpoint
CREATE TABLE "dispute_campaign_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"places_checked" integer,
	"issues_found" integer,
	"case_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid
);
--> statement-breakpoint
CREATE TABLE "dispute_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"checklist" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"from_status" text,
	"to_status" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"source" text NOT NULL,
	"category" text NOT NULL,
	"region_code" text NOT NULL,
	"occurred_on" date NOT NULL,
	"party_count" smallint NOT NULL,
	"summary" text NOT NULL,
	"risk_level" text NOT NULL,
	"org_id" uuid NOT NULL,
	"recorded_by_org_id" uuid NOT NULL,
	"created_by" uuid,
	"status" text DEFAULT 'registered' NOT NULL,
	"result" text,
	"result_note" text,
	"transferred_to" text,
	"resolve_by" timestamp with time zone NOT NULL,
	"report_by" timestamp with time zone,
	"handling_region" text NOT NULL,
	"escalated_at" timestamp with time zone,
	"overdue_escalated_at" timestamp with time zone,
	"ethnic_factor" boolean DEFAULT false NOT NULL,
	"ethnic_reason" text,
	"ethnic_by" uuid,
	"ethnic_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"scenario" text NOT NULL,
	"participants" integer NOT NULL,
	"evaluation" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_followups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"visitor" text NOT NULL,
	"note" text NOT NULL,
	"stable" boolean NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_mediations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"mediator" text NOT NULL,
	"method" text NOT NULL,
	"outcome" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_opinion_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"summary" text NOT NULL,
	"grade" text NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closure" text,
	"review" text,
	"closed_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_opinion_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"action" text NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "dispute_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"name_enc" text NOT NULL,
	"phone_enc" text,
	"phone_index" text,
	"sort" smallint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"scope" text NOT NULL,
	"version" text NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"material_id" uuid,
	"review_due" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"drill_id" uuid NOT NULL,
	"issue" text NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"done_note" text
);
--> statement-breakpoint
CREATE TABLE "dispute_report_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL,
	"replaced_by" uuid,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "dispute_report_units" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"superior_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispute_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"period" text NOT NULL,
	"nothing" boolean NOT NULL,
	"case_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"event_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"first_received_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"submitted_by" uuid,
	"flagged_at" timestamp with time zone,
	"flag_note" text
);
--> statement-breakpoint
ALTER TABLE "dispute_campaign_units" ADD CONSTRAINT "dispute_campaign_units_campaign_id_dispute_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."dispute_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_case_events" ADD CONSTRAINT "dispute_case_events_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_drills" ADD CONSTRAINT "dispute_drills_plan_id_dispute_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."dispute_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_followups" ADD CONSTRAINT "dispute_followups_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_mediations" ADD CONSTRAINT "dispute_mediations_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_opinion_steps" ADD CONSTRAINT "dispute_opinion_steps_event_id_dispute_opinion_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."dispute_opinion_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_parties" ADD CONSTRAINT "dispute_parties_case_id_dispute_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."dispute_cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_rectifications" ADD CONSTRAINT "dispute_rectifications_drill_id_dispute_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."dispute_drills"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispute_report_revisions" ADD CONSTRAINT "dispute_report_revisions_report_id_dispute_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."dispute_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dispute_alerts_target_idx" ON "dispute_alerts" USING btree ("target_region","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_alerts_missing_uq" ON "dispute_alerts" USING btree ("report_unit_org_id","report_kind","period") WHERE kind = 'missing_report';--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_campaign_units_uq" ON "dispute_campaign_units" USING btree ("campaign_id","org_id");--> statement-breakpoint
CREATE INDEX "dispute_campaigns_region_idx" ON "dispute_campaigns" USING btree ("region_code","starts_on");--> statement-breakpoint
CREATE INDEX "dispute_case_events_case_idx" ON "dispute_case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_cases_code_uq" ON "dispute_cases" USING btree ("code");--> statement-breakpoint
CREATE INDEX "dispute_cases_region_idx" ON "dispute_cases" USING btree ("region_code","occurred_on");--> statement-breakpoint
CREATE INDEX "dispute_cases_org_idx" ON "dispute_cases" USING btree ("org_id","occurred_on");--> statement-breakpoint
CREATE INDEX "dispute_cases_recorder_idx" ON "dispute_cases" USING btree ("recorded_by_org_id","occurred_on");--> statement-breakpoint
CREATE INDEX "dispute_cases_open_idx" ON "dispute_cases" USING btree ("status","resolve_by");--> statement-breakpoint
CREATE INDEX "dispute_cases_date_idx" ON "dispute_cases" USING btree ("occurred_on","id");--> statement-breakpoint
CREATE INDEX "dispute_drills_plan_idx" ON "dispute_drills" USING btree ("plan_id","held_on");--> statement-breakpoint
CREATE INDEX "dispute_followups_case_idx" ON "dispute_followups" USING btree ("case_id","visited_on");--> statement-breakpoint
CREATE INDEX "dispute_mediations_case_idx" ON "dispute_mediations" USING btree ("case_id","held_on");--> statement-breakpoint
CREATE INDEX "dispute_opinion_events_region_idx" ON "dispute_opinion_events" USING btree ("region_code","found_at");--> statement-breakpoint
CREATE INDEX "dispute_opinion_steps_event_idx" ON "dispute_opinion_steps" USING btree ("event_id","at");--> statement-breakpoint
CREATE INDEX "dispute_parties_case_idx" ON "dispute_parties" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "dispute_parties_phone_idx" ON "dispute_parties" USING btree ("phone_index");--> statement-breakpoint
CREATE INDEX "dispute_plans_region_idx" ON "dispute_plans" USING btree ("region_code","review_due");--> statement-breakpoint
CREATE INDEX "dispute_rectifications_drill_idx" ON "dispute_rectifications" USING btree ("drill_id");--> statement-breakpoint
CREATE INDEX "dispute_report_revisions_report_idx" ON "dispute_report_revisions" USING btree ("report_id","version");--> statement-breakpoint
CREATE INDEX "dispute_report_units_region_idx" ON "dispute_report_units" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "dispute_reports_unit_period_uq" ON "dispute_reports" USING btree ("kind","org_id","period");--> statement-breakpoint
CREATE INDEX "dispute_reports_region_idx" ON "dispute_reports" USING btree ("kind","period","region_code");