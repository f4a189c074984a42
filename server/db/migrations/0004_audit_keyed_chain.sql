-- Entries already in the chain were hashed with plain SM3; they keep hash_alg 'sm3'. New entries are keyed
-- (HMAC-SM3, hash_alg 'hmac-sm3', key_id naming the key); the application always sets the column.
ALTER TABLE "audit_log" ADD COLUMN "hash_alg" text DEFAULT 'sm3' NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "hash_alg" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "key_id" text;
