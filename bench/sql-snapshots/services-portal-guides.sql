-- services-portal-guides: GET /api/public/services/guides?region=150522
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "region_code", count(*)::int
  from "service_guides"
  where "service_guides"."status" = $1
  group by "service_guides"."region_code"
  order by "service_guides"."region_code" asc;

-- 2
select "code", "label", "sort"
  from "dict_items"
  where ("dict_items"."dict_type" = $1 and "dict_items"."enabled" = $2)
  order by "dict_items"."sort" asc;

-- 3
select "id", "org_id", "region_code", "name", "address", "hours", "staff", "active", "created_at", "updated_at", (select "orgs"."name" from "orgs" where "orgs"."id" = "service_windows"."org_id"), (select "regions"."name" from "regions" where "regions"."code" = "service_windows"."region_code")
  from "service_windows"
  where ("service_windows"."active" = $1 and "service_windows"."region_code" like $2)
  order by "service_windows"."region_code" asc, "service_windows"."name" asc;

-- 4
select "id", "org_id", "region_code", "category", "content", "published", "status", "version", "published_at", "withdraw_reason", "created_by", "created_at", "updated_at", (select "orgs"."name" from "orgs" where "orgs"."id" = "service_guides"."org_id"), (select "regions"."name" from "regions" where "regions"."code" = "service_guides"."region_code")
  from "service_guides"
  where ("service_guides"."status" = $1 and "service_guides"."region_code" in ($2, $3, $4));

-- 5
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;
