ALTER TABLE "api_tokens" ADD COLUMN "permissions" text[];--> statement-breakpoint
ALTER TABLE "api_tokens" ADD COLUMN "read_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;