CREATE TABLE "dict_items" (
	"dict_type" text NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	CONSTRAINT "dict_items_dict_type_code_pk" PRIMARY KEY("dict_type","code")
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 3 NOT NULL,
	"locked_by" text,
	"locked_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"interval_seconds" integer NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_run_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"category" text NOT NULL,
	"action" text NOT NULL,
	"entity" text,
	"entity_id" text,
	"actor_id" uuid,
	"actor_name" text,
	"ip" text,
	"region_code" text,
	"org_id" uuid,
	"outcome" text NOT NULL,
	"summary" text,
	"changes" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_application_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"application_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"level_code" text,
	"actor_id" uuid,
	"actor_name" text,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"set_id" uuid NOT NULL,
	"title" text,
	"statement" text DEFAULT '' NOT NULL,
	"evidence_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_chain" text[] DEFAULT '{}'::text[] NOT NULL,
	"review_index" integer,
	"review_level_code" text,
	"self_sheet_id" uuid,
	"final_score" numeric(8, 2),
	"final_method" text,
	"veto_failed" text[] DEFAULT '{}'::text[] NOT NULL,
	"passed" boolean,
	"result_note" text,
	"decided_at" timestamp with time zone,
	"notice_id" uuid,
	"designation_id" uuid,
	"candidate_id" uuid,
	"created_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"level" text NOT NULL,
	"categories" text[] NOT NULL,
	"set_id" uuid NOT NULL,
	"category_sets" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"quota" integer,
	"notice_days" integer DEFAULT 5 NOT NULL,
	"validity_years" integer DEFAULT 5 NOT NULL,
	"prerequisite_level" text,
	"submit_deadline" date NOT NULL,
	"review_deadline" date,
	"evaluation_deadline" date,
	"naming_deadline" date,
	"description" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"organiser_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_candidates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"target_level" text NOT NULL,
	"mentor_org_id" uuid,
	"since" date,
	"note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'cultivating' NOT NULL,
	"application_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"doc_number" text NOT NULL,
	"title" text NOT NULL,
	"named_on" date NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_designation_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"designation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor_id" uuid,
	"actor_name" text,
	"note" text,
	"data" jsonb,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_designations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"unit_name" text NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"issuer_region_code" text NOT NULL,
	"set_id" uuid,
	"certificate_no" text NOT NULL,
	"doc_number" text,
	"named_on" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_until" date NOT NULL,
	"validity_years" integer DEFAULT 5 NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"application_id" uuid,
	"decision_id" uuid,
	"batch_id" uuid,
	"renewals" integer DEFAULT 0 NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text,
	"revoke_doc_number" text,
	"revoke_material_id" uuid,
	"revoke_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_expert_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"sheet_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"assigned_by" uuid NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text
);
--> statement-breakpoint
CREATE TABLE "creation_notice_items" (
	"notice_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "creation_notice_items_notice_id_application_id_pk" PRIMARY KEY("notice_id","application_id")
);
--> statement-breakpoint
CREATE TABLE "creation_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"batch_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"working_days" integer NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"published_at" timestamp with time zone,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"application_id" uuid,
	"name_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"investigation" text,
	"reply" text,
	"effect" text,
	"tracking_code" text NOT NULL,
	"handled_by" uuid,
	"answered_at" timestamp with time zone,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_reverifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"designation_id" uuid NOT NULL,
	"sheet_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"total" numeric(8, 1),
	"sheet_passed" boolean,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"note" text,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_self_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"designation_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"sheet_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"total" numeric(8, 1),
	"passed" boolean,
	"veto_failed" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_at" timestamp with time zone,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_site_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"visited_on" date NOT NULL,
	"members" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"evidence_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"recorded_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "creation_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"target_count" integer NOT NULL,
	"note" text,
	"org_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"family_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"version_label" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"levels" text[] NOT NULL,
	"total" numeric(8, 1) NOT NULL,
	"pass_line" numeric(8, 1) NOT NULL,
	"grade_scale" jsonb NOT NULL,
	"nodes" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "score_sheets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"owner_user_id" uuid,
	"owner_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"entries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"summary" text,
	"total" numeric(8, 1),
	"veto_failed" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_at" timestamp with time zone,
	"returned_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "password_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"data_scope" text NOT NULL,
	"admin_kind" text,
	"builtin" boolean DEFAULT false NOT NULL,
	"permissions" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roles_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" uuid NOT NULL,
	"role_id" uuid NOT NULL,
	CONSTRAINT "user_roles_user_id_role_id_pk" PRIMARY KEY("user_id","role_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"phone_enc" text,
	"status" text DEFAULT 'active' NOT NULL,
	"password_hash" text NOT NULL,
	"password_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"must_change_password" boolean DEFAULT true NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"totp_secret_enc" text,
	"totp_enabled" boolean DEFAULT false NOT NULL,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
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
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"short_name" text,
	"type" text NOT NULL,
	"region_code" text NOT NULL,
	"parent_id" uuid,
	"uscc" text,
	"is_ethnic_affairs_dept" boolean DEFAULT false NOT NULL,
	"is_member_unit" boolean DEFAULT false NOT NULL,
	"address" text,
	"contact_phone" text,
	"status" text DEFAULT 'active' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" smallint NOT NULL,
	"parent_code" text,
	"full_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"inspected_on" date NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_node_units" (
	"node_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"role" text DEFAULT 'responsible' NOT NULL,
	"latest_report_id" uuid,
	"latest_period" text,
	"status" text,
	"percent" smallint,
	"reported_at" timestamp with time zone,
	"report_count" integer DEFAULT 0 NOT NULL,
	"late_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_node_units_node_id_org_id_pk" PRIMARY KEY("node_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "plan_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"parent_id" uuid,
	"ancestors" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"kind" text NOT NULL,
	"number" text DEFAULT '' NOT NULL,
	"title" text NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"weight" numeric(10, 2) DEFAULT 1 NOT NULL,
	"deadline" date,
	"milestones" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"metric_name" text,
	"metric_unit" text,
	"baseline" numeric(18, 4),
	"target_value" numeric(18, 4),
	"lead_org_id" uuid,
	"completion" double precision DEFAULT 0 NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"idle" boolean DEFAULT true NOT NULL,
	"lagging_reported" boolean DEFAULT false NOT NULL,
	"source_line" integer,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"inspection_id" uuid NOT NULL,
	"seq" integer DEFAULT 1 NOT NULL,
	"node_id" uuid,
	"finding" text NOT NULL,
	"requirement" text DEFAULT '' NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"deadline" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closure_note" text,
	"closure_evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"verified_at" timestamp with time zone,
	"verified_by" uuid,
	"verify_note" text,
	"return_count" integer DEFAULT 0 NOT NULL,
	"escalated_at" timestamp with time zone,
	"escalated_to_org_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"node_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"percent" smallint NOT NULL,
	"narrative" text DEFAULT '' NOT NULL,
	"metric_value" numeric(18, 4),
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"late" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_unit_aliases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"alias" text NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"doc_number" text,
	"issuing_org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"period_start" smallint NOT NULL,
	"period_end" smallint NOT NULL,
	"cycle" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"grace_days" smallint DEFAULT 10 NOT NULL,
	"remind_days" smallint DEFAULT 15 NOT NULL,
	"report_from" text,
	"source_file_name" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "creation_applications" ADD CONSTRAINT "creation_applications_batch_id_creation_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."creation_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "score_sheets" ADD CONSTRAINT "score_sheets_set_id_indicator_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."indicator_sets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_history" ADD CONSTRAINT "password_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_role_id_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."roles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "jobs_due_idx" ON "jobs" USING btree ("status","run_at");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id","seq");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id","seq");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_category_idx" ON "audit_log" USING btree ("category","seq");--> statement-breakpoint
CREATE INDEX "creation_application_events_app_idx" ON "creation_application_events" USING btree ("application_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "creation_applications_batch_org_uq" ON "creation_applications" USING btree ("batch_id","org_id");--> statement-breakpoint
CREATE INDEX "creation_applications_region_idx" ON "creation_applications" USING btree ("region_code","updated_at");--> statement-breakpoint
CREATE INDEX "creation_applications_review_idx" ON "creation_applications" USING btree ("review_level_code");--> statement-breakpoint
CREATE INDEX "creation_applications_org_idx" ON "creation_applications" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "creation_batches_region_idx" ON "creation_batches" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "creation_candidates_region_idx" ON "creation_candidates" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "creation_candidates_org_category_uq" ON "creation_candidates" USING btree ("org_id","category");--> statement-breakpoint
CREATE UNIQUE INDEX "creation_decisions_doc_uq" ON "creation_decisions" USING btree ("org_id","doc_number");--> statement-breakpoint
CREATE INDEX "creation_designation_events_des_idx" ON "creation_designation_events" USING btree ("designation_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "creation_designations_cert_uq" ON "creation_designations" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "creation_designations_region_idx" ON "creation_designations" USING btree ("region_code","named_on");--> statement-breakpoint
CREATE INDEX "creation_designations_named_idx" ON "creation_designations" USING btree ("named_on","id");--> statement-breakpoint
CREATE INDEX "creation_designations_org_idx" ON "creation_designations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "creation_designations_live_idx" ON "creation_designations" USING btree ("region_code","category","level","named_on","valid_until") WHERE status in ('valid', 'reverifying');--> statement-breakpoint
CREATE INDEX "creation_designations_live_level_idx" ON "creation_designations" USING btree ("level","region_code","named_on","category","valid_until") WHERE status in ('valid', 'reverifying');--> statement-breakpoint
CREATE UNIQUE INDEX "creation_expert_assignments_uq" ON "creation_expert_assignments" USING btree ("application_id","user_id");--> statement-breakpoint
CREATE INDEX "creation_expert_assignments_user_idx" ON "creation_expert_assignments" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "creation_notice_items_app_idx" ON "creation_notice_items" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "creation_notices_published_idx" ON "creation_notices" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "creation_notices_region_idx" ON "creation_notices" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "creation_objections_tracking_uq" ON "creation_objections" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "creation_objections_notice_idx" ON "creation_objections" USING btree ("notice_id","status");--> statement-breakpoint
CREATE INDEX "creation_objections_region_idx" ON "creation_objections" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "creation_reverifications_des_idx" ON "creation_reverifications" USING btree ("designation_id");--> statement-breakpoint
CREATE INDEX "creation_reverifications_status_idx" ON "creation_reverifications" USING btree ("status","region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "creation_self_checks_uq" ON "creation_self_checks" USING btree ("designation_id","year");--> statement-breakpoint
CREATE INDEX "creation_site_visits_app_idx" ON "creation_site_visits" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "creation_targets_uq" ON "creation_targets" USING btree ("region_code","level","year","category");--> statement-breakpoint
CREATE UNIQUE INDEX "indicator_sets_family_version_uq" ON "indicator_sets" USING btree ("family_id","version");--> statement-breakpoint
CREATE INDEX "indicator_sets_region_idx" ON "indicator_sets" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "score_sheets_subject_idx" ON "score_sheets" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "score_sheets_owner_idx" ON "score_sheets" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "password_history_user_idx" ON "password_history" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_roles_role_idx" ON "user_roles" USING btree ("role_id");--> statement-breakpoint
CREATE INDEX "users_region_idx" ON "users" USING btree ("region_code","username");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "materials_region_idx" ON "materials" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "materials_org_idx" ON "materials" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "materials_org_hash_uq" ON "materials" USING btree ("org_id","file_hash");--> statement-breakpoint
CREATE INDEX "orgs_region_sort_idx" ON "orgs" USING btree ("region_code","sort","name");--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "orgs" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_uscc_uq" ON "orgs" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_region_name_uq" ON "orgs" USING btree ("region_code","name");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code","code");--> statement-breakpoint
CREATE INDEX "plan_inspections_plan_idx" ON "plan_inspections" USING btree ("plan_id","inspected_on");--> statement-breakpoint
CREATE INDEX "plan_node_units_plan_idx" ON "plan_node_units" USING btree ("plan_id","org_id");--> statement-breakpoint
CREATE INDEX "plan_node_units_org_idx" ON "plan_node_units" USING btree ("org_id","plan_id");--> statement-breakpoint
CREATE INDEX "plan_nodes_plan_idx" ON "plan_nodes" USING btree ("plan_id","parent_id","sort");--> statement-breakpoint
CREATE INDEX "plan_nodes_ancestors_idx" ON "plan_nodes" USING gin ("ancestors");--> statement-breakpoint
CREATE INDEX "plan_rectifications_plan_idx" ON "plan_rectifications" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "plan_rectifications_org_idx" ON "plan_rectifications" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "plan_rectifications_escalated_idx" ON "plan_rectifications" USING btree ("escalated_to_org_id");--> statement-breakpoint
CREATE INDEX "plan_rectifications_due_idx" ON "plan_rectifications" USING btree ("status","deadline");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_reports_node_org_period_uq" ON "plan_reports" USING btree ("node_id","org_id","period");--> statement-breakpoint
CREATE INDEX "plan_reports_plan_period_idx" ON "plan_reports" USING btree ("plan_id","period");--> statement-breakpoint
CREATE INDEX "plan_reports_org_idx" ON "plan_reports" USING btree ("org_id","plan_id","period");--> statement-breakpoint
CREATE INDEX "plan_reports_region_idx" ON "plan_reports" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_unit_aliases_uq" ON "plan_unit_aliases" USING btree ("region_code","alias","org_id");--> statement-breakpoint
CREATE INDEX "plans_region_idx" ON "plans" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "plans_issuer_idx" ON "plans" USING btree ("issuing_org_id");