-- insights-dashboard-province: GET /api/insights/dashboard
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 2
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 3
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 4
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 5
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 6
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 7
select "id", "title"
  from "plans"
  where ("plans"."status" = $1 and "plans"."region_code" = $2)
  order by "plans"."region_code" = $3 desc, "plans"."created_at" desc
  limit $4;

-- 8
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 9
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

-- 10
select "key", "value", "updated_at"
  from "settings"
  where "settings"."key" = $1;

-- 11
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1);

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
select "region_maps"."id", "region_maps"."approval_no", "region_maps"."source", "region_maps"."level", "region_maps"."uploaded_at", count(*)::int
  from "region_map_features"
  inner join "region_maps" on "region_maps"."id" = "region_map_features"."map_id"
  where "region_map_features"."parent_code" = $1
  group by "region_maps"."id"
  order by count(*) desc
  limit $2;
