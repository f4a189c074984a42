CREATE TABLE "content_news" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"body" text NOT NULL,
	"category" text NOT NULL,
	"cover_id" uuid,
	"photo_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"source" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"author_id" uuid,
	"return_reason" text,
	"withdraw_reason" text,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"search" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"issuer" text NOT NULL,
	"doc_number" text,
	"written_on" date,
	"published_on" date NOT NULL,
	"topic" text NOT NULL,
	"level" text NOT NULL,
	"validity" text DEFAULT 'valid' NOT NULL,
	"replaced_by_id" uuid,
	"body" text NOT NULL,
	"attachment_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"org_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"search" "tsvector",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "content_news_public_idx" ON "content_news" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "content_news_region_idx" ON "content_news" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "content_news_org_idx" ON "content_news" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "content_news_search_idx" ON "content_news" USING gin ("search");--> statement-breakpoint
CREATE INDEX "content_policies_published_idx" ON "content_policies" USING btree ("published_on");--> statement-breakpoint
CREATE INDEX "content_policies_region_idx" ON "content_policies" USING btree ("region_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "content_policies_search_idx" ON "content_policies" USING gin ("search");