-- creation-targets-province: GET /api/creation/targets?regionCode=15&pageSize=200
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 2
select "id", "region_code", "level", "year", "category", "target_count", "note", "org_id", "created_by", "created_at", "updated_at", (select count(*)::int from "creation_designations" d where d.status in ('valid', 'reverifying') and d.valid_until >= $1 and d.level = creation_targets.level and d.region_code >= creation_targets.region_code and d.region_code <= rpad(creation_targets.region_code, 12, '9') and d.named_on <= make_date(creation_targets.year, 12, 31) and (creation_targets.category = '' or d.category = creation_targets.category))
  from "creation_targets"
  where (("creation_targets"."region_code" >= $2 and "creation_targets"."region_code" <= $3) and ("creation_targets"."region_code" >= $4 and "creation_targets"."region_code" <= $5))
  order by "creation_targets"."region_code" asc, "creation_targets"."year" asc, "creation_targets"."level" asc, "creation_targets"."category" asc
  limit $6;

-- 3
select count(*)::int
  from "creation_targets"
  where (("creation_targets"."region_code" >= $1 and "creation_targets"."region_code" <= $2) and ("creation_targets"."region_code" >= $3 and "creation_targets"."region_code" <= $4));
