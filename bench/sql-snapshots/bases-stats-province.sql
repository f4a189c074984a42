-- bases-stats-province: GET /api/bases/stats?year=2026
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select substr("bases"."region_code", 1, $1), sum("base_reports"."total")::int, count(distinct "base_reports"."base_id")::int
  from "base_reports"
  inner join "bases" on "bases"."id" = "base_reports"."base_id"
  where ((("bases"."region_code" >= $2 and "bases"."region_code" <= $3) or "bases"."org_id" = $4 or ("bases"."region_code" >= $5 and "bases"."region_code" <= $6)) and "base_reports"."status" = $7 and "base_reports"."month" >= $8 and "base_reports"."month" <= $9 and ("bases"."region_code" >= $10 and "bases"."region_code" <= $11))
  group by 1
  order by 1;

-- 2
select "bases"."level", sum("base_reports"."total")::int, count(distinct "base_reports"."base_id")::int
  from "base_reports"
  inner join "bases" on "bases"."id" = "base_reports"."base_id"
  where ((("bases"."region_code" >= $1 and "bases"."region_code" <= $2) or "bases"."org_id" = $3 or ("bases"."region_code" >= $4 and "bases"."region_code" <= $5)) and "base_reports"."status" = $6 and "base_reports"."month" >= $7 and "base_reports"."month" <= $8 and ("bases"."region_code" >= $9 and "bases"."region_code" <= $10))
  group by 1
  order by 1;

-- 3
select "bases"."kind", sum("base_reports"."total")::int, count(distinct "base_reports"."base_id")::int
  from "base_reports"
  inner join "bases" on "bases"."id" = "base_reports"."base_id"
  where ((("bases"."region_code" >= $1 and "bases"."region_code" <= $2) or "bases"."org_id" = $3 or ("bases"."region_code" >= $4 and "bases"."region_code" <= $5)) and "base_reports"."status" = $6 and "base_reports"."month" >= $7 and "base_reports"."month" <= $8 and ("bases"."region_code" >= $9 and "bases"."region_code" <= $10))
  group by 1
  order by 1;

-- 4
select "base_reports"."month", sum("base_reports"."total")::int, count(distinct "base_reports"."base_id")::int
  from "base_reports"
  inner join "bases" on "bases"."id" = "base_reports"."base_id"
  where ((("bases"."region_code" >= $1 and "bases"."region_code" <= $2) or "bases"."org_id" = $3 or ("bases"."region_code" >= $4 and "bases"."region_code" <= $5)) and "base_reports"."status" = $6 and "base_reports"."month" >= $7 and "base_reports"."month" <= $8 and ("bases"."region_code" >= $9 and "bases"."region_code" <= $10))
  group by 1
  order by 1;

-- 5
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;
