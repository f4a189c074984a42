CREATE TABLE "service_access_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid,
	"file_id" uuid,
	"field" text NOT NULL,
	"reason" text NOT NULL,
	"user_id" uuid NOT NULL,
	"user_name" text NOT NULL,
	"org_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"purpose" text NOT NULL,
	"consent_record" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"legal_basis" text NOT NULL,
	"name_enc" text,
	"phone_enc" text,
	"phone_idx" text,
	"needs_enc" text,
	"member_count" smallint DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"close_reason" text,
	"closed_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_liaisons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"work_phone" text,
	"community" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_on" date NOT NULL,
	"attendance" integer NOT NULL,
	"issues" text NOT NULL,
	"follow_ups" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"from_org_id" uuid NOT NULL,
	"to_org_id" uuid NOT NULL,
	"days" smallint NOT NULL,
	"referred_at" timestamp with time zone NOT NULL,
	"accept_due_on" date NOT NULL,
	"due_on" date NOT NULL,
	"outcome" text DEFAULT 'pending' NOT NULL,
	"received_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"decline_reason" text,
	"decline_note" text,
	"responsible_org_id" uuid,
	"escalated_at" timestamp with time zone,
	"escalated_to" jsonb
);
--> statement-breakpoint
CREATE TABLE "service_request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"org_id" uuid,
	"actor_id" uuid,
	"actor_name" text,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tracking_code" text NOT NULL,
	"category" text NOT NULL,
	"channel" text NOT NULL,
	"description" text NOT NULL,
	"language" text NOT NULL,
	"window_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"green" boolean DEFAULT false NOT NULL,
	"legal_basis" text NOT NULL,
	"name_enc" text NOT NULL,
	"phone_enc" text,
	"phone_idx" text,
	"id_number_enc" text,
	"id_number_idx" text,
	"status" text DEFAULT 'accepted' NOT NULL,
	"dept_org_id" uuid,
	"referral_id" uuid,
	"accept_due_on" date,
	"due_on" date,
	"referred_at" timestamp with time zone,
	"received_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_on_time" boolean,
	"closed_at" timestamp with time zone,
	"satisfaction" text,
	"partly_solved" boolean,
	"rated_at" timestamp with time zone,
	"reopen_count" smallint DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_requests_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
CREATE TABLE "service_windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"hours" text NOT NULL,
	"staff" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_referrals" ADD CONSTRAINT "service_referrals_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_events" ADD CONSTRAINT "service_request_events_request_id_service_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."service_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_requests" ADD CONSTRAINT "service_requests_window_id_service_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."service_windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_access_request_idx" ON "service_access_log" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "service_access_file_idx" ON "service_access_log" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "service_files_region_idx" ON "service_files" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "service_files_phone_idx" ON "service_files" USING btree ("phone_idx");--> statement-breakpoint
CREATE INDEX "service_liaisons_region_idx" ON "service_liaisons" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "service_meetings_region_idx" ON "service_meetings" USING btree ("region_code","held_on");--> statement-breakpoint
CREATE INDEX "service_referrals_request_idx" ON "service_referrals" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "service_referrals_to_idx" ON "service_referrals" USING btree ("to_org_id");--> statement-breakpoint
CREATE INDEX "service_request_events_request_idx" ON "service_request_events" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "service_requests_region_idx" ON "service_requests" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "service_requests_window_idx" ON "service_requests" USING btree ("window_id","status");--> statement-breakpoint
CREATE INDEX "service_requests_dept_idx" ON "service_requests" USING btree ("dept_org_id","status","green","due_on");--> statement-breakpoint
CREATE INDEX "service_requests_phone_idx" ON "service_requests" USING btree ("phone_idx");--> statement-breakpoint
CREATE INDEX "service_requests_id_idx" ON "service_requests" USING btree ("id_number_idx");--> statement-breakpoint
CREATE INDEX "service_windows_region_idx" ON "service_windows" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "service_windows_org_idx" ON "service_windows" USING btree ("org_id");