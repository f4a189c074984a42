-- activities-stats-province: GET /api/activity-stats?year=2026
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select left("activity_records"."region_code", $1) as "k", count(*)::int, coalesce(sum("participant_total"), 0)::int
  from "activity_records"
  where (("activity_records"."status" = $2 and (("activity_records"."region_code" >= $3 and "activity_records"."region_code" <= $4) or ("activity_records"."org_id" = $5 or $6::uuid = any("activity_records"."co_org_ids")))) and ("activity_records"."region_code" >= $7 and "activity_records"."region_code" <= $8) and "activity_records"."start_date" between $9 and $10)
  group by 1
  order by 1;

-- 2
select "activity_records"."type_code" as "k", count(*)::int, coalesce(sum("participant_total"), 0)::int
  from "activity_records"
  where (("activity_records"."status" = $1 and (("activity_records"."region_code" >= $2 and "activity_records"."region_code" <= $3) or ("activity_records"."org_id" = $4 or $5::uuid = any("activity_records"."co_org_ids")))) and ("activity_records"."region_code" >= $6 and "activity_records"."region_code" <= $7) and "activity_records"."start_date" between $8 and $9)
  group by 1
  order by 1;

-- 3
select "activity_records"."domain_code" as "k", count(*)::int, coalesce(sum("participant_total"), 0)::int
  from "activity_records"
  where (("activity_records"."status" = $1 and (("activity_records"."region_code" >= $2 and "activity_records"."region_code" <= $3) or ("activity_records"."org_id" = $4 or $5::uuid = any("activity_records"."co_org_ids")))) and ("activity_records"."region_code" >= $6 and "activity_records"."region_code" <= $7) and "activity_records"."start_date" between $8 and $9)
  group by 1
  order by 1;

-- 4
select extract(month from "activity_records"."start_date")::int as "k", count(*)::int, coalesce(sum("participant_total"), 0)::int
  from "activity_records"
  where (("activity_records"."status" = $1 and (("activity_records"."region_code" >= $2 and "activity_records"."region_code" <= $3) or ("activity_records"."org_id" = $4 or $5::uuid = any("activity_records"."co_org_ids")))) and ("activity_records"."region_code" >= $6 and "activity_records"."region_code" <= $7) and "activity_records"."start_date" between $8 and $9)
  group by 1
  order by 1;

-- 5
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 6
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 7
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 8
select g.key, sum(g.value::int)::int as participants
  from "activity_records", jsonb_each_text("activity_records"."participants") g
  where (("activity_records"."status" = $1 and (("activity_records"."region_code" >= $2 and "activity_records"."region_code" <= $3) or ("activity_records"."org_id" = $4 or $5::uuid = any("activity_records"."co_org_ids")))) and ("activity_records"."region_code" >= $6 and "activity_records"."region_code" <= $7) and "activity_records"."start_date" between $8 and $9)
  group by 1
  order by 1;
