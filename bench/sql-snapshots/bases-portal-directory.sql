-- bases-portal-directory: GET /api/public/bases?page=1&pageSize=20
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "code", "label", "sort"
  from "dict_items"
  where ("dict_items"."dict_type" = $1 and "dict_items"."enabled" = $2)
  order by "dict_items"."sort" asc;

-- 2
select "id", "name", coalesce((select "label" from "dict_items" where "dict_type" = $1 and "code" = bases.kind), bases.kind), "level", (select "regions"."name" from "regions" where "regions"."code" = bases.region_code), "address", "opening_hours", "published_version" is not null, (select p.content->'galleryIds'->>0 from "base_pages" p where p.base_id = bases.id and p.status = 'published' limit 1), coalesce((select p.content->>'nameMn' from "base_pages" p where p.base_id = bases.id and p.status = 'published' limit 1), ''), null::float8
  from "bases"
  where "bases"."status" in ($2, $3)
  order by "bases"."region_code" asc, "bases"."name" asc, "bases"."id" asc
  limit $4;

-- 3
select count(*)::int
  from "bases"
  where "bases"."status" in ($1, $2);

-- 4
select substr("region_code", 1, $1), count(*)::int
  from "bases"
  where "bases"."status" in ($2, $3)
  group by 1
  order by 1;
