-- insights-dashboard-province: GET /api/insights/dashboard
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1, $2, $3, $4, $5, $6);

-- 2
select "id", "title"
  from "plans"
  where ("plans"."status" = $1 and "plans"."region_code" = $2)
  order by "plans"."region_code" = $3 desc, "plans"."created_at" desc
  limit $4;

-- 3
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 4
select "prefix", "n"
  from "dispute_report_unit_tally"
  where (("dispute_report_unit_tally"."depth" = $1 and "dispute_report_unit_tally"."prefix" = $2) or ("dispute_report_unit_tally"."depth" = $3 and "dispute_report_unit_tally"."prefix" >= $4 and "dispute_report_unit_tally"."prefix" <= $5));

-- 5
select "dispute_report_tally"."prefix" as prefix, sum("dispute_report_tally"."n")::int as received, coalesce(sum("dispute_report_tally"."n") filter (where "dispute_report_tally"."day" <= p.last_day), 0)::int as on_time
  from "dispute_report_tally"
  join (values ($1::text, $2::date), ($3::text, $4::date), ($5::text, $6::date), ($7::text, $8::date), ($9::text, $10::date), ($11::text, $12::date), ($13::text, $14::date), ($15::text, $16::date), ($17::text, $18::date), ($19::text, $20::date), ($21::text, $22::date), ($23::text, $24::date)) as p(period, last_day) on p.period = "dispute_report_tally"."period"
  where "dispute_report_tally"."kind" = $25 and (("dispute_report_tally"."depth" = $26 and "dispute_report_tally"."prefix" = $27) or ("dispute_report_tally"."depth" = $28 and "dispute_report_tally"."prefix" >= $29 and "dispute_report_tally"."prefix" <= $30))
  group by "dispute_report_tally"."prefix";

-- 6
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 7
select "prefix", "n"
  from "dispute_report_unit_tally"
  where (("dispute_report_unit_tally"."depth" = $1 and "dispute_report_unit_tally"."prefix" = $2) or ("dispute_report_unit_tally"."depth" = $3 and "dispute_report_unit_tally"."prefix" >= $4 and "dispute_report_unit_tally"."prefix" <= $5));

-- 8
select "dispute_report_tally"."prefix" as prefix, sum("dispute_report_tally"."n")::int as received, coalesce(sum("dispute_report_tally"."n") filter (where "dispute_report_tally"."day" <= p.last_day), 0)::int as on_time
  from "dispute_report_tally"
  join (values ($1::text, $2::date)) as p(period, last_day) on p.period = "dispute_report_tally"."period"
  where "dispute_report_tally"."kind" = $3 and (("dispute_report_tally"."depth" = $4 and "dispute_report_tally"."prefix" = $5) or ("dispute_report_tally"."depth" = $6 and "dispute_report_tally"."prefix" >= $7 and "dispute_report_tally"."prefix" <= $8))
  group by "dispute_report_tally"."prefix";

-- 9
select "region_maps"."id", "region_maps"."approval_no", "region_maps"."source", "region_maps"."level", "region_maps"."uploaded_at", count(*)::int
  from "region_map_features"
  inner join "region_maps" on "region_maps"."id" = "region_map_features"."map_id"
  where "region_map_features"."parent_code" = $1
  group by "region_maps"."id"
  order by count(*) desc
  limit $2;
