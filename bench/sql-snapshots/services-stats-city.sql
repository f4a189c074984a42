-- services-stats-city: GET /api/services/stats
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "category", count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $3::jsonb) or ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $6) or ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and ("service_requests"."region_code" >= $9 and "service_requests"."region_code" <= $10))
  group by 1
  order by 1;

-- 2
select "channel", count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $3::jsonb) or ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $6) or ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and ("service_requests"."region_code" >= $9 and "service_requests"."region_code" <= $10))
  group by 1
  order by 1;

-- 3
select left("region_code", $1), count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $2) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $3))))::int
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $4::jsonb) or ("service_requests"."region_code" >= $5 and "service_requests"."region_code" <= $6)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $7) or ("service_requests"."region_code" >= $8 and "service_requests"."region_code" <= $9)) and ("service_requests"."region_code" >= $10 and "service_requests"."region_code" <= $11))
  group by 1
  order by 1;

-- 4
select to_char("created_at" at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $3::jsonb) or ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $6) or ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and ("service_requests"."region_code" >= $9 and "service_requests"."region_code" <= $10))
  group by 1
  order by 1;

-- 5
select "dept_org_id"::text, count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $3::jsonb) or ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $6) or ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and ("service_requests"."region_code" >= $9 and "service_requests"."region_code" <= $10))
  group by 1
  order by 1;

-- 6
select count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int, (count(*) filter (where "partly_solved"))::int, avg(extract(epoch from ("received_at" - "referred_at")) / 3600), avg(extract(epoch from ("answered_at" - "created_at")) / 86400)
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $3::jsonb) or ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $6) or ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and ("service_requests"."region_code" >= $9 and "service_requests"."region_code" <= $10));

-- 7
select "satisfaction", count(*)::int
  from "service_requests"
  where ((((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $1::jsonb) or ("service_requests"."region_code" >= $2 and "service_requests"."region_code" <= $3)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $4) or ("service_requests"."region_code" >= $5 and "service_requests"."region_code" <= $6)) and ("service_requests"."region_code" >= $7 and "service_requests"."region_code" <= $8)) and "service_requests"."satisfaction" is not null)
  group by "service_requests"."satisfaction";

-- 8
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 9
select "id", "name", "region_code", "parent_id", "status"
  from "orgs"
  where "orgs"."id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50);
