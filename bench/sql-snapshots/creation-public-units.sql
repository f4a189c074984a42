-- creation-public-units: GET /api/public/creation/units?pageSize=20&regionCode=15
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 2
select "id", "org_id", "unit_name", "region_code", "category", "level", "issuer_region_code", "set_id", "certificate_no", "doc_number", "named_on", "valid_from", "valid_until", "validity_years", "status", "application_id", "decision_id", "batch_id", "renewals", "revoked_at", "revoke_reason", "revoke_doc_number", "revoke_material_id", "revoke_note", "search", "created_at", "updated_at"
  from "creation_designations"
  where (("creation_designations"."status" in ('valid', 'reverifying') and "creation_designations"."valid_until" >= $1) and ("creation_designations"."region_code" >= $2 and "creation_designations"."region_code" <= $3))
  order by "creation_designations"."named_on" desc, "creation_designations"."id" desc
  limit $4;

-- 3
select count(*)::int
  from "creation_designations"
  where (("creation_designations"."status" in ('valid', 'reverifying') and "creation_designations"."valid_until" >= $1) and ("creation_designations"."region_code" >= $2 and "creation_designations"."region_code" <= $3));

-- 4
select "id", "name_mn"
  from "orgs"
  where ("orgs"."id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) and "orgs"."name_mn" <> $21);
