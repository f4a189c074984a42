-- activities-seven-province: GET /api/activity-seven/completion?year=2026
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "code", "label", "sort"
  from "dict_items"
  where ("dict_items"."dict_type" = $1 and "dict_items"."enabled" = $2)
  order by "dict_items"."sort" asc;

-- 2
select "id", "name", "short_name", "type", "region_code", "is_member_unit", "parent_id"
  from "orgs"
  where (("orgs"."region_code" >= $1 and "orgs"."region_code" <= $2) and "orgs"."status" = $3)
  order by "orgs"."region_code" asc, "orgs"."name" asc
  limit $4;

-- 3
select "school_org_id", count(*)::int
  from "activity_school_items"
  where ("activity_school_items"."year" = $1 and ("activity_school_items"."region_code" >= $2 and "activity_school_items"."region_code" <= $3))
  group by "activity_school_items"."school_org_id";
