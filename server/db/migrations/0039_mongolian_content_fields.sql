ALTER TABLE "content_news" ADD COLUMN "title_mn" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "content_news" ADD COLUMN "body_mn" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "name_mn" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "publicity_notices" ADD COLUMN "title_mn" text DEFAULT '' NOT NULL;