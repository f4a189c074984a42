-- services-stats-city: GET /api/services/stats
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select case when grouping("service_requests"."category") = 0 then $1 when grouping("service_requests"."channel"::text) = 0 then $2 when grouping(left("service_requests"."region_code", 6)) = 0 then $3 when grouping(to_char("service_requests"."created_at" at time zone 'Asia/Shanghai', 'YYYY-MM')) = 0 then $4 when grouping("service_requests"."dept_org_id"::text) = 0 then $5 when grouping("service_requests"."satisfaction"::text) = 0 then $6 else 'total' end as dim, coalesce("service_requests"."category", "service_requests"."channel"::text, left("service_requests"."region_code", 6), to_char("service_requests"."created_at" at time zone 'Asia/Shanghai', 'YYYY-MM'), "service_requests"."dept_org_id"::text, "service_requests"."satisfaction"::text) as key, count(*)::int as total, (count(*) filter (where ("service_requests"."status" in ('answered','closed'))))::int as closed, (count(*) filter (where ("service_requests"."status" in ('answered','closed')) and "service_requests"."answered_on_time"))::int as "onTime", (count(*) filter (where (("service_requests"."status" = 'referred' and "service_requests"."accept_due_on" < $7) or ("service_requests"."status" in ('referred','received') and "service_requests"."due_on" < $8))))::int as "overdueOpen", (count(*) filter (where "service_requests"."partly_solved"))::int as partly, avg(extract(epoch from ("service_requests"."received_at" - "service_requests"."referred_at")) / 3600) as "acceptHours", avg(extract(epoch from ("service_requests"."answered_at" - "service_requests"."created_at")) / 86400) as "answerDays"
  from "service_requests"
  where (((exists (select 1 from "service_windows" w where w.id = "service_requests"."window_id" and w.staff @> $9::jsonb) or ("service_requests"."region_code" >= $10 and "service_requests"."region_code" <= $11)) or exists (select 1 from "service_referrals" rf where rf.request_id = "service_requests"."id" and rf.to_org_id = $12) or ("service_requests"."region_code" >= $13 and "service_requests"."region_code" <= $14)) and ("service_requests"."region_code" >= $15 and "service_requests"."region_code" <= $16))
  group by grouping sets ((), ("service_requests"."category"), ("service_requests"."channel"::text), (left("service_requests"."region_code", 6)), (to_char("service_requests"."created_at" at time zone 'Asia/Shanghai', 'YYYY-MM')), ("service_requests"."dept_org_id"::text), ("service_requests"."satisfaction"::text));

-- 2
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 3
select "id", "name", "region_code", "parent_id", "status"
  from "orgs"
  where "orgs"."id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50);
