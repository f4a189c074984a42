CREATE TABLE "activity_photo_matches" (
	"activity_id" uuid NOT NULL,
	"material_id" uuid NOT NULL,
	"other_activity_id" uuid NOT NULL,
	"other_material_id" uuid NOT NULL,
	"distance" smallint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_photos" ADD COLUMN "phash" bigint;--> statement-breakpoint
ALTER TABLE "activity_photos" ADD COLUMN "phash_bands" integer[];--> statement-breakpoint
CREATE UNIQUE INDEX "activity_photo_matches_uq" ON "activity_photo_matches" USING btree ("activity_id","material_id","other_activity_id","other_material_id");--> statement-breakpoint
CREATE INDEX "activity_photo_matches_other_idx" ON "activity_photo_matches" USING btree ("other_activity_id");--> statement-breakpoint
CREATE INDEX "activity_photos_bands_idx" ON "activity_photos" USING gin ("phash_bands");