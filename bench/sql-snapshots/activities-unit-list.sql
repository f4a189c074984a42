-- activities-unit-list: GET /api/activities?orgId=:id&pageSize=20
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "id", "type_code", "domain_code", "title", "start_date", "end_date", "region_code", "address", "org_id", "co_org_ids", "participants", "participant_total", "summary", "photo_ids", "file_ids", "media_links", "plan_node_id", "pair_id", "is_public", "status", "return_reason", "confirmed_by", "confirmed_at", "revision", "search", "created_by", "created_at", "updated_at", coalesce((select "label" from "dict_items" where "dict_type" = $1 and "code" = "type_code"), "type_code"), coalesce((select "label" from "dict_items" where "dict_type" = $2 and "code" = "domain_code"), "domain_code"), (select "orgs"."name" from "orgs" where "orgs"."id" = "activity_records"."org_id"), (select "regions"."name" from "regions" where "regions"."code" = "activity_records"."region_code")
  from "activity_records"
  where ((("activity_records"."status" <> 'draft' and (("activity_records"."org_id" = $3 or $4::uuid = any("activity_records"."co_org_ids")) or ("activity_records"."region_code" >= $5 and "activity_records"."region_code" <= $6))) or ("activity_records"."status" = 'draft' and "activity_records"."org_id" = $7)) and "activity_records"."org_id" = $8)
  order by "activity_records"."start_date" desc, "activity_records"."id" asc
  limit $9;

-- 2
select count(*)::int
  from "activity_records"
  where ((("activity_records"."status" <> 'draft' and (("activity_records"."org_id" = $1 or $2::uuid = any("activity_records"."co_org_ids")) or ("activity_records"."region_code" >= $3 and "activity_records"."region_code" <= $4))) or ("activity_records"."status" = 'draft' and "activity_records"."org_id" = $5)) and "activity_records"."org_id" = $6);

-- 3
select "activity_id", "material_id", "file_hash", "taken_at"
  from "activity_photos"
  where "activity_photos"."activity_id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20);

-- 4
select "activity_photo_matches"."activity_id", "activity_photo_matches"."material_id", "activity_photo_matches"."other_activity_id", "activity_records"."title", (select "orgs"."name" from "orgs" where "orgs"."id" = "activity_records"."org_id")
  from "activity_photo_matches"
  inner join "activity_records" on "activity_records"."id" = "activity_photo_matches"."other_activity_id"
  where ("activity_photo_matches"."activity_id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) and "activity_records"."status" <> $21);
