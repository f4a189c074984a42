-- creation-coverage-city: GET /api/creation/coverage?regionCode=1505
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "code", "label", "sort"
  from "dict_items"
  where ("dict_items"."dict_type" = $1 and "dict_items"."enabled" = $2)
  order by "dict_items"."sort", "dict_items"."code";

-- 2
select substr("region_code", 1, $1), "category", count(*)::int
  from "creation_designations"
  where (("creation_designations"."status" in ('valid', 'reverifying') and "creation_designations"."valid_until" >= $2) and ("creation_designations"."region_code" >= $3 and "creation_designations"."region_code" <= $4) and ("creation_designations"."region_code" >= $5 and "creation_designations"."region_code" <= $6))
  group by 1, "creation_designations"."category";
