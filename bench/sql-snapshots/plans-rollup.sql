-- plans-rollup: GET /api/plans/:id/rollup
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "id", "title", "doc_number", "issuing_org_id", "region_code", "period_start", "period_end", "cycle", "status", "grace_days", "remind_days", "report_from", "source_file_name", "revision", "created_by", "created_at", "updated_at", "search"
  from "plans"
  where "plans"."id" = $1;
