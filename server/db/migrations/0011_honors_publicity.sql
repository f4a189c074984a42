CREATE TABLE "honor_awards" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"honoree_name" text NOT NULL,
	"honoree_unit" text DEFAULT '' NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"decision_no" text NOT NULL,
	"certificate_no" text NOT NULL,
	"awarded_on" date NOT NULL,
	"summary" text NOT NULL,
	"public_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"material_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"revoked_reason" text,
	"revoked_doc_no" text,
	"revoked_at" timestamp with time zone,
	"search" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "honor_campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"year" integer NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kinds" text[] NOT NULL,
	"eligibility" text DEFAULT '' NOT NULL,
	"form_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"notice_days" integer DEFAULT 5 NOT NULL,
	"nominate_deadline" date,
	"county_deadline" date,
	"final_deadline" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"decision_no" text,
	"decision_title" text,
	"decided_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "honor_nominations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"campaign_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"quota_region" text NOT NULL,
	"nominee_org_id" uuid,
	"name_enc" text,
	"gender_enc" text,
	"position_enc" text,
	"unit_enc" text,
	"sensitive_enc" text,
	"consent_publish" boolean DEFAULT false NOT NULL,
	"consent_note" text,
	"consent_at" timestamp with time zone,
	"summary" text NOT NULL,
	"deeds" text NOT NULL,
	"material_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"status_reason" text,
	"notice_id" uuid,
	"search" "tsvector",
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "honor_panel_members" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "honor_panel_members_campaign_id_user_id_pk" PRIMARY KEY("campaign_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "honor_quotas" (
	"campaign_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"quota" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "honor_quotas_campaign_id_region_code_kind_pk" PRIMARY KEY("campaign_id","region_code","kind")
);
--> statement-breakpoint
CREATE TABLE "honor_reviews" (
	"nomination_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"score" numeric(5, 1),
	"vote" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "honor_reviews_nomination_id_reviewer_id_pk" PRIMARY KEY("nomination_id","reviewer_id")
);
--> statement-breakpoint
CREATE TABLE "publicity_notice_items" (
	"notice_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"label" text NOT NULL,
	"detail" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_reason" text,
	CONSTRAINT "publicity_notice_items_notice_id_item_id_pk" PRIMARY KEY("notice_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "publicity_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner" text NOT NULL,
	"owner_ref" uuid NOT NULL,
	"stage" text NOT NULL,
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
CREATE TABLE "publicity_objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"notice_id" uuid NOT NULL,
	"item_id" uuid,
	"owner" text NOT NULL,
	"name_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"content" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"investigation" text,
	"reply" text,
	"outcome" text,
	"tracking_code" text NOT NULL,
	"handled_by" uuid,
	"answered_at" timestamp with time zone,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "honor_awards_nomination_uq" ON "honor_awards" USING btree ("nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "honor_awards_certificate_uq" ON "honor_awards" USING btree ("certificate_no");--> statement-breakpoint
CREATE INDEX "honor_awards_region_idx" ON "honor_awards" USING btree ("region_code","awarded_on");--> statement-breakpoint
CREATE INDEX "honor_awards_org_idx" ON "honor_awards" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "honor_awards_search_idx" ON "honor_awards" USING gin ("search");--> statement-breakpoint
CREATE INDEX "honor_campaigns_region_idx" ON "honor_campaigns" USING btree ("region_code","year");--> statement-breakpoint
CREATE INDEX "honor_nominations_campaign_idx" ON "honor_nominations" USING btree ("campaign_id","status","created_at");--> statement-breakpoint
CREATE INDEX "honor_nominations_quota_idx" ON "honor_nominations" USING btree ("campaign_id","quota_region","kind");--> statement-breakpoint
CREATE INDEX "honor_nominations_region_idx" ON "honor_nominations" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "honor_nominations_org_idx" ON "honor_nominations" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "honor_nominations_search_idx" ON "honor_nominations" USING gin ("search");--> statement-breakpoint
CREATE INDEX "publicity_notice_items_item_idx" ON "publicity_notice_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "publicity_notices_published_idx" ON "publicity_notices" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "publicity_notices_owner_idx" ON "publicity_notices" USING btree ("owner","owner_ref");--> statement-breakpoint
CREATE INDEX "publicity_notices_region_idx" ON "publicity_notices" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "publicity_objections_tracking_uq" ON "publicity_objections" USING btree ("tracking_code");--> statement-breakpoint
CREATE INDEX "publicity_objections_notice_idx" ON "publicity_objections" USING btree ("notice_id","status");--> statement-breakpoint
CREATE INDEX "publicity_objections_item_idx" ON "publicity_objections" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "publicity_objections_region_idx" ON "publicity_objections" USING btree ("owner","region_code","created_at");