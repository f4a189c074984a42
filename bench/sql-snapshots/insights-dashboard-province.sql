-- insights-dashboard-province: GET /api/insights/dashboard
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "region_code", count(*)
  from "creation_designations"
  where (("creation_designations"."region_code" >= $1 and "creation_designations"."region_code" <= $2) and ("creation_designations"."status" in ('valid', 'reverifying') and "creation_designations"."valid_until" >= $3) and ("creation_designations"."region_code" >= $4 and "creation_designations"."region_code" <= $5))
  group by "creation_designations"."region_code";

-- 2
select "region_code", sum("target_count")::int
  from "creation_targets"
  where ("creation_targets"."region_code" in ($1) and "creation_targets"."year" = $2)
  group by "creation_targets"."region_code";

-- 3
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 4
select "region_code", count(*)::int
  from "honor_awards"
  where ((("honor_awards"."region_code" >= $1 and "honor_awards"."region_code" <= $2) OR "honor_awards"."org_id" = $3) and "honor_awards"."status" = $4 and ("honor_awards"."region_code" >= $5 and "honor_awards"."region_code" <= $6))
  group by "honor_awards"."region_code";

-- 5
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 6
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 7
select "region_code", "risk_level", count(*)::int
  from "dispute_cases"
  where (((("dispute_cases"."region_code" >= $1 and "dispute_cases"."region_code" <= $2) and char_length("dispute_cases"."handling_region") <= $3) or ("dispute_cases"."org_id" = $4 or "dispute_cases"."recorded_by_org_id" = $5)) and "dispute_cases"."region_code" >= $6 and "dispute_cases"."region_code" <= $7 and "dispute_cases"."status" in ($8, $9))
  group by "dispute_cases"."region_code", "dispute_cases"."risk_level";

-- 8
select "id", "title"
  from "plans"
  where ("plans"."status" = $1 and "plans"."region_code" = $2)
  order by "plans"."region_code" = $3 desc, "plans"."created_at" desc
  limit $4;

-- 9
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 10
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 11
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 12
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 13
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 14
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 15
select to_char("occurred_on", 'YYYY-MM'), '', count(*)::int
  from "dispute_cases"
  where (((("dispute_cases"."region_code" >= $1 and "dispute_cases"."region_code" <= $2) and char_length("dispute_cases"."handling_region") <= $3) or ("dispute_cases"."org_id" = $4 or "dispute_cases"."recorded_by_org_id" = $5)) and "dispute_cases"."region_code" >= $6 and "dispute_cases"."region_code" <= $7 and "dispute_cases"."occurred_on" >= $8)
  group by 1;
