ALTER TABLE "publicity_notices" ADD COLUMN "search" "tsvector";--> statement-breakpoint
ALTER TABLE "publicity_objections" ADD COLUMN "effect" text;--> statement-breakpoint
CREATE INDEX "publicity_notices_search_idx" ON "publicity_notices" USING gin ("search");--> statement-breakpoint
-- 示范创建's 公示/异议 move onto the shared publicity module (owner 'creation'): same ids and tracking codes, so
-- creation_applications.notice_id, links and tracking codes keep working.
INSERT INTO "publicity_notices" ("id", "owner", "owner_ref", "stage", "title", "body", "status", "working_days",
  "starts_on", "ends_on", "published_at", "org_id", "region_code", "created_by", "created_at", "updated_at", "search")
SELECT n."id", 'creation', n."batch_id", coalesce(b."level", ''), n."title", n."body", n."status", n."working_days",
  n."starts_on", n."ends_on", n."published_at", n."org_id", n."region_code", n."created_by", n."created_at",
  n."updated_at", n."search"
FROM "creation_notices" n LEFT JOIN "creation_batches" b ON b."id" = n."batch_id";--> statement-breakpoint
INSERT INTO "publicity_notice_items" ("notice_id", "item_id", "sort", "label", "detail")
SELECT i."notice_id", i."application_id", i."sort", coalesce(o."name", ''),
  jsonb_build_array(
    jsonb_build_object('label', '所在地区', 'value', coalesce((
      SELECT string_agg(r."name", '' ORDER BY length(r."code"))
      FROM "regions" r
      WHERE length(r."code") > 2 AND length(r."code") <= length(a."region_code")
        AND left(a."region_code", length(r."code")) = r."code"), '')),
    jsonb_build_object('label', '创建类别', 'value', coalesce(d."label", a."category", ''))
  )
FROM "creation_notice_items" i
LEFT JOIN "creation_applications" a ON a."id" = i."application_id"
LEFT JOIN "orgs" o ON o."id" = a."org_id"
LEFT JOIN "dict_items" d ON d."dict_type" = 'creation_category' AND d."code" = a."category";--> statement-breakpoint
INSERT INTO "publicity_objections" ("id", "notice_id", "item_id", "owner", "name_enc", "phone_enc", "content", "status",
  "investigation", "reply", "outcome", "effect", "tracking_code", "handled_by", "answered_at", "org_id", "region_code",
  "created_at", "updated_at")
SELECT "id", "notice_id", "application_id", 'creation', "name_enc", "phone_enc", "content", "status", "investigation",
  "reply", CASE WHEN "effect" IS NULL THEN NULL WHEN "effect" = 'none' THEN 'dismissed' ELSE 'upheld' END, "effect",
  "tracking_code", "handled_by", "answered_at", "org_id", "region_code", "created_at", "updated_at"
FROM "creation_objections";--> statement-breakpoint
-- An upheld objection (撤回申请 / 不予命名) took its application off the list.
UPDATE "publicity_notice_items" i SET "removed_at" = o."answered_at", "removed_reason" = o."reply"
FROM "publicity_objections" o
WHERE o."owner" = 'creation' AND o."outcome" = 'upheld' AND o."item_id" = i."item_id" AND i."removed_at" IS NULL;--> statement-breakpoint
DROP TABLE "creation_notice_items" CASCADE;--> statement-breakpoint
DROP TABLE "creation_notices" CASCADE;--> statement-breakpoint
DROP TABLE "creation_objections" CASCADE;
