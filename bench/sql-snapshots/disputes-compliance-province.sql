-- disputes-compliance-province: GET /api/disputes/compliance?kind=zero
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 2
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);
