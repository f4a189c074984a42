-- bases-stats-province: GET /api/bases/stats?year=2026
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 2
with g as (select "base_reports"."month" as month, substr("bases"."region_code", 1, $1) as region, "bases"."level" as level, "bases"."kind" as kind, sum("base_reports"."total") as visitors, count(*) as n, grouping("base_reports"."month") as by_base from "base_reports" inner join "bases" on "bases"."id" = "base_reports"."base_id" where ((("bases"."region_code" >= $2 and "bases"."region_code" <= $3) or "bases"."org_id" = $4 or ("bases"."region_code" >= $5 and "bases"."region_code" <= $6)) and "base_reports"."status" = $7 and "base_reports"."month" >= $8 and "base_reports"."month" <= $9 and ("bases"."region_code" >= $10 and "bases"."region_code" <= $11)) group by grouping sets (("base_reports"."month"), ("base_reports"."base_id", "bases"."region_code", "bases"."level", "bases"."kind"))) select 'month' as dim, month as key, sum(visitors)::int as visitors, sum(n)::int as bases
  from g
  where by_base = 0
  group by month
  union all select case when grouping(region) = 0 then 'region' when grouping(level) = 0 then 'level' else 'kind' end, coalesce(region, level, kind), sum(visitors)::int, count(*)::int
  from g
  where by_base = 1
  group by grouping sets ((region), (level), (kind))
  order by 1, 2;
