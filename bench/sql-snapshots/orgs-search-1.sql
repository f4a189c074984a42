-- orgs-search-1: GET /api/orgs?pageSize=20&q=%E6%97%97
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select count(*)::int as n
  from (select 1 from "orgs" where (("orgs"."region_code" >= $1 and "orgs"."region_code" <= $2) and ("orgs"."search" @@ $3::tsquery or "orgs"."uscc" = $4)) limit $5) s;

-- 2
select "orgs"."id", "orgs"."name", "orgs"."short_name", "orgs"."name_mn", "orgs"."type", coalesce("dict_items"."label", "orgs"."type"), "orgs"."region_code", coalesce("regions"."name", ''), "orgs"."parent_id", "parent_org"."name", "orgs"."uscc", "orgs"."is_ethnic_affairs_dept", "orgs"."is_member_unit", "orgs"."address", "orgs"."contact_phone", "orgs"."status", "orgs"."sort", "orgs"."created_at", "orgs"."updated_at"
  from "orgs"
  left join "regions" on "regions"."code" = "orgs"."region_code"
  left join "dict_items" on ("dict_items"."dict_type" = $1 and "dict_items"."code" = "orgs"."type")
  left join "orgs" "parent_org" on "parent_org"."id" = "orgs"."parent_id"
  where (("orgs"."region_code" >= $2 and "orgs"."region_code" <= $3) and ("orgs"."search" @@ $4::tsquery or "orgs"."uscc" = $5))
  order by "orgs"."region_code" asc, "orgs"."sort" asc, "orgs"."name" asc
  limit $6;
