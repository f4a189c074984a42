-- disputes-cases-banner: GET /api/disputes/cases
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select count(*)::int as n
  from (select 1 from "dispute_cases" where ((("dispute_cases"."region_code" >= $1 and "dispute_cases"."region_code" <= $2) and char_length("dispute_cases"."handling_region") <= $3) or ("dispute_cases"."org_id" = $4 or "dispute_cases"."recorded_by_org_id" = $5)) limit $6) s;

-- 2
select "id", "code", "source", "category", "region_code", "occurred_on", "party_count", "summary", "risk_level", "org_id", "recorded_by_org_id", "created_by", "status", "result", "result_note", "transferred_to", "resolve_by", "report_by", "handling_region", "escalated_at", "overdue_escalated_at", "ethnic_factor", "ethnic_reason", "ethnic_by", "ethnic_at", "created_at", "updated_at", coalesce((select "label" from "dict_items" where "dict_type" = $1 and "code" = "source"), "source"), coalesce((select "label" from "dict_items" where "dict_type" = $2 and "code" = "category"), "category"), (select "orgs"."name" from "orgs" where "orgs"."id" = "dispute_cases"."org_id"), (select "orgs"."name" from "orgs" where "orgs"."id" = "dispute_cases"."recorded_by_org_id")
  from "dispute_cases"
  where ((("dispute_cases"."region_code" >= $3 and "dispute_cases"."region_code" <= $4) and char_length("dispute_cases"."handling_region") <= $5) or ("dispute_cases"."org_id" = $6 or "dispute_cases"."recorded_by_org_id" = $7))
  order by "dispute_cases"."occurred_on" desc, "dispute_cases"."id" desc
  limit $8;
