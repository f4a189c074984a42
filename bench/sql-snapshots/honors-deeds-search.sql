-- honors-deeds-search: GET /api/public/honors/deeds?q=%E5%9B%A2%E7%BB%93&pageSize=12
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "honor_awards"."id", "honor_awards"."campaign_id", "honor_awards"."nomination_id", "honor_awards"."kind", "honor_awards"."honoree_name", "honor_awards"."honoree_unit", "honor_awards"."org_id", "honor_awards"."region_code", "honor_awards"."decision_no", "honor_awards"."certificate_no", "honor_awards"."awarded_on", "honor_awards"."summary", "honor_awards"."public_fields", "honor_awards"."material_ids", "honor_awards"."status", "honor_awards"."revoked_reason", "honor_awards"."revoked_doc_no", "honor_awards"."revoked_at", "honor_awards"."search", "honor_awards"."created_at", "honor_awards"."updated_at", "honor_campaigns"."title", "honor_campaigns"."year"
  from "honor_awards"
  inner join "honor_campaigns" on "honor_campaigns"."id" = "honor_awards"."campaign_id"
  where ("honor_awards"."status" = $1 and "honor_awards"."search" @@ $2::tsquery)
  order by "honor_awards"."awarded_on" desc, "honor_awards"."certificate_no" asc
  limit $3;

-- 2
select count(*)::int
  from "honor_awards"
  inner join "honor_campaigns" on "honor_campaigns"."id" = "honor_awards"."campaign_id"
  where ("honor_awards"."status" = $1 and "honor_awards"."search" @@ $2::tsquery);

-- 3
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1
  order by "dict_items"."sort" asc, "dict_items"."code" asc;
