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
select "region_code", count(*)::int
  from "bases"
  where ((("bases"."region_code" >= $1 and "bases"."region_code" <= $2) or "bases"."org_id" = $3 or ("bases"."region_code" >= $4 and "bases"."region_code" <= $5)) and ("bases"."region_code" >= $6 and "bases"."region_code" <= $7) and "bases"."status" = $8)
  group by "bases"."region_code";

-- 4
select "region_code", count(*)::int
  from "honor_awards"
  where ((("honor_awards"."region_code" >= $1 and "honor_awards"."region_code" <= $2) OR "honor_awards"."org_id" = $3) and "honor_awards"."status" = $4 and ("honor_awards"."region_code" >= $5 and "honor_awards"."region_code" <= $6))
  group by "honor_awards"."region_code";

-- 5
select "region_code", count(*)::int
  from "activity_records"
  where ((("activity_records"."status" <> 'draft' and (("activity_records"."org_id" = $1 or $2::uuid = any("activity_records"."co_org_ids")) or ("activity_records"."region_code" >= $3 and "activity_records"."region_code" <= $4))) or ("activity_records"."status" = 'draft' and "activity_records"."org_id" = $5)) and "activity_records"."status" = $6 and "activity_records"."region_code" between $7 and $8 and "activity_records"."start_date" between $9 and $10)
  group by 1;

-- 6
select "region_code", count(*)::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $3::jsonb) or ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $6) or ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and "service_requests"."status" in ($9, $10, $11) and ("service_requests"."region_code" >= $12 and "service_requests"."region_code" <= $13))
  group by 1;

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
select to_char("start_date", 'YYYY-MM'), count(*)::int
  from "activity_records"
  where ((("activity_records"."status" <> 'draft' and (("activity_records"."org_id" = $1 or $2::uuid = any("activity_records"."co_org_ids")) or ("activity_records"."region_code" >= $3 and "activity_records"."region_code" <= $4))) or ("activity_records"."status" = 'draft' and "activity_records"."org_id" = $5)) and "activity_records"."status" = $6 and "activity_records"."region_code" between $7 and $8 and "activity_records"."start_date" >= $9)
  group by 1;

-- 14
select to_char("created_at" at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $3::jsonb) or ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $6) or ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and ("service_requests"."region_code" >= $9 and "service_requests"."region_code" <= $10))
  group by 1;

-- 15
select to_char("occurred_on", 'YYYY-MM'), '', count(*)::int
  from "dispute_cases"
  where (((("dispute_cases"."region_code" >= $1 and "dispute_cases"."region_code" <= $2) and char_length("dispute_cases"."handling_region") <= $3) or ("dispute_cases"."org_id" = $4 or "dispute_cases"."recorded_by_org_id" = $5)) and "dispute_cases"."region_code" >= $6 and "dispute_cases"."region_code" <= $7 and "dispute_cases"."occurred_on" >= $8)
  group by 1;
