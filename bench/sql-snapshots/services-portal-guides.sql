-- services-portal-guides: GET /api/public/services/guides?region=150522
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);
