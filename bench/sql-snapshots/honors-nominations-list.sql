-- honors-nominations-list: GET /api/honors/nominations?campaignId=:id&pageSize=20
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "id"
  from "honor_nominations"
  where (("honor_nominations"."org_id" = $1 OR ("honor_nominations"."status" <> 'draft' AND (("honor_nominations"."region_code" >= $2 and "honor_nominations"."region_code" <= $3) OR ("honor_nominations"."region_code" >= $4 and "honor_nominations"."region_code" <= $5) OR ("honor_nominations"."region_code" >= $6 and "honor_nominations"."region_code" <= $7))) OR ("honor_nominations"."status" in ($8, $9, $10, $11, $12) AND exists (select 1 from "honor_panel_members" where "honor_panel_members"."campaign_id" = "honor_nominations"."campaign_id" and "honor_panel_members"."user_id" = $13))) and "honor_nominations"."campaign_id" = $14)
  order by "honor_nominations"."created_at" desc, "honor_nominations"."id" asc
  limit $15;

-- 2
select count(*)::int
  from "honor_nominations"
  where (("honor_nominations"."org_id" = $1 OR ("honor_nominations"."status" <> 'draft' AND (("honor_nominations"."region_code" >= $2 and "honor_nominations"."region_code" <= $3) OR ("honor_nominations"."region_code" >= $4 and "honor_nominations"."region_code" <= $5) OR ("honor_nominations"."region_code" >= $6 and "honor_nominations"."region_code" <= $7))) OR ("honor_nominations"."status" in ($8, $9, $10, $11, $12) AND exists (select 1 from "honor_panel_members" where "honor_panel_members"."campaign_id" = "honor_nominations"."campaign_id" and "honor_panel_members"."user_id" = $13))) and "honor_nominations"."campaign_id" = $14);

-- 3
select "honor_nominations"."id", "honor_nominations"."campaign_id", "honor_nominations"."kind", "honor_nominations"."org_id", "honor_nominations"."region_code", "honor_nominations"."quota_region", "honor_nominations"."nominee_org_id", "honor_nominations"."name_enc", "honor_nominations"."gender_enc", "honor_nominations"."position_enc", "honor_nominations"."unit_enc", "honor_nominations"."sensitive_enc", "honor_nominations"."consent_publish", "honor_nominations"."consent_note", "honor_nominations"."consent_at", "honor_nominations"."summary", "honor_nominations"."deeds", "honor_nominations"."material_ids", "honor_nominations"."status", "honor_nominations"."status_reason", "honor_nominations"."notice_id", "honor_nominations"."search", "honor_nominations"."created_by", "honor_nominations"."created_at", "honor_nominations"."updated_at", "honor_campaigns"."title", (select "orgs"."name" from "orgs" where "orgs"."id" = "honor_nominations"."org_id"), (select "orgs"."name" from "orgs" where "orgs"."id" = "honor_nominations"."nominee_org_id"), (select count(*)::int from "honor_reviews" r where r.nomination_id = honor_nominations.id), (select avg(r.score)::float from "honor_reviews" r where r.nomination_id = honor_nominations.id), (select count(*)::int from "honor_reviews" r where r.nomination_id = honor_nominations.id and r.vote = 'agree'), (select count(*)::int from "honor_reviews" r where r.nomination_id = honor_nominations.id and r.vote = 'disagree'), (select count(*)::int from "honor_reviews" r where r.nomination_id = honor_nominations.id and r.vote = 'abstain')
  from "honor_nominations"
  inner join "honor_campaigns" on "honor_campaigns"."id" = "honor_nominations"."campaign_id"
  where "honor_nominations"."id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)
  order by "honor_nominations"."created_at" desc, "honor_nominations"."id" asc;

-- 4
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1
  order by "dict_items"."sort" asc, "dict_items"."code" asc;

-- 5
select "id", "form_fields"
  from "honor_campaigns"
  where "honor_campaigns"."id" in ($1);
