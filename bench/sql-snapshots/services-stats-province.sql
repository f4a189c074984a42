-- services-stats-province: GET /api/services/stats
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "category", count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where ((false or false or false) and ("service_requests"."region_code" >= $3 and "service_requests"."region_code" <= $4))
  group by 1
  order by 1;

-- 2
select "channel", count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where ((false or false or false) and ("service_requests"."region_code" >= $3 and "service_requests"."region_code" <= $4))
  group by 1
  order by 1;

-- 3
select left("region_code", $1), count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $2) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $3))))::int
  from "service_requests"
  where ((false or false or false) and ("service_requests"."region_code" >= $4 and "service_requests"."region_code" <= $5))
  group by 1
  order by 1;

-- 4
select to_char("created_at" at time zone 'Asia/Shanghai', 'YYYY-MM'), count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where ((false or false or false) and ("service_requests"."region_code" >= $3 and "service_requests"."region_code" <= $4))
  group by 1
  order by 1;

-- 5
select "dept_org_id"::text, count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int
  from "service_requests"
  where ((false or false or false) and ("service_requests"."region_code" >= $3 and "service_requests"."region_code" <= $4))
  group by 1
  order by 1;

-- 6
select count(*)::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "answered_on_time"))::int, (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $1) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $2))))::int, (count(*) filter (where "partly_solved"))::int, avg(extract(epoch from ("received_at" - "referred_at")) / 3600), avg(extract(epoch from ("answered_at" - "created_at")) / 86400)
  from "service_requests"
  where ((false or false or false) and ("service_requests"."region_code" >= $3 and "service_requests"."region_code" <= $4));

-- 7
select "satisfaction", count(*)::int
  from "service_requests"
  where (((false or false or false) and ("service_requests"."region_code" >= $1 and "service_requests"."region_code" <= $2)) and "service_requests"."satisfaction" is not null)
  group by "service_requests"."satisfaction";

-- 8
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;
