-- disputes-compliance-province: GET /api/disputes/compliance?kind=zero
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 2
select case when char_length("dispute_report_units"."region_code") > $1 then left("dispute_report_units"."region_code", $2) else "dispute_report_units"."region_code" end as child, count(*)::int as units
  from "dispute_report_units"
  where ("dispute_report_units"."region_code" >= $3 and "dispute_report_units"."region_code" <= $4)
  group by 1;

-- 3
select case when char_length(r.region_code) > $1 then left(r.region_code, $2) else r.region_code end as child, count(*)::int as received, count(*) filter (where r.first_received_at <= p.deadline)::int as on_time
  from "dispute_reports" r
  join (values ($3::text, $4::timestamptz), ($5::text, $6::timestamptz), ($7::text, $8::timestamptz), ($9::text, $10::timestamptz), ($11::text, $12::timestamptz), ($13::text, $14::timestamptz), ($15::text, $16::timestamptz), ($17::text, $18::timestamptz), ($19::text, $20::timestamptz), ($21::text, $22::timestamptz), ($23::text, $24::timestamptz), ($25::text, $26::timestamptz)) as p(period, deadline) on p.period = r.period
  where r.kind = $27 and r.region_code >= $28 and r.region_code <= $29 and exists (select 1 from "dispute_report_units" u where u.org_id = r.org_id)
  group by 1;
