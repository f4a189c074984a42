-- bases-portal-page: GET /api/public/bases/:id
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "id", "name", "kind", "level", "org_id", "supervising_org_id", "region_code", "address", "lat", "lng", "named_on", "named_by", "term_years", "term_ends_on", "status", "revoke_reason", "opening_hours", "closed_days", "contact_phone_enc", "photo_ids", "document_ids", "description", "published_version", "search", "created_at", "updated_at", coalesce((select "label" from "dict_items" where "dict_type" = $1 and "code" = bases.kind), bases.kind), (select "regions"."name" from "regions" where "regions"."code" = bases.region_code)
  from "bases"
  where ("bases"."id" = $2 and "bases"."status" in ($3, $4));

-- 2
select "id", "base_id", "version", "status", "content", "return_reason", "submitted_at", "published_at", "published_by", "region_code", "org_id", "created_at", "updated_at"
  from "base_pages"
  where ("base_pages"."base_id" = $1 and "base_pages"."status" = $2)
  order by "base_pages"."version" desc
  limit $3;

-- 3
select "id", "base_id", "date", "start_time", "end_time", "capacity", "booked", "max_per_group", "opens_at", "closes_at", "note", "region_code", "org_id", "created_at", "updated_at"
  from "base_sessions"
  where ("base_sessions"."base_id" = $1 and "base_sessions"."date" >= $2 and "base_sessions"."closes_at" >= $3)
  order by "base_sessions"."date" asc, "base_sessions"."start_time" asc
  limit $4;

-- 4
select "id", "title", "file_name", "mime_type", "size"
  from "materials"
  where "materials"."id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31);
