-- services-department-queue: GET /api/services/requests?view=department
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "id", "tracking_code", "category", "channel", "description", "language", "window_id", "org_id", "region_code", "green", "legal_basis", "name_enc", "phone_enc", "phone_idx", "id_number_enc", "id_number_idx", "status", "dept_org_id", "referral_id", "accept_due_on", "due_on", "referred_at", "received_at", "answer", "answered_at", "answered_on_time", "closed_at", "satisfaction", "partly_solved", "rated_at", "reopen_count", "created_by", "created_at", "updated_at", coalesce((select "label" from "dict_items" where "dict_type" = $1 and "code" = "category"), "category"), (select "name" from "service_windows" where "id" = "window_id"), (select "orgs"."name" from "orgs" where "orgs"."id" = "service_requests"."org_id"), (select "regions"."name" from "regions" where "regions"."code" = "service_requests"."region_code"), case when "dept_org_id" is null then null else (select "orgs"."name" from "orgs" where "orgs"."id" = "service_requests"."dept_org_id") end, (("status" = 'referred' and "accept_due_on" < $2) or ("status" in ('referred','received') and "due_on" < $3))
  from "service_requests"
  where "service_requests"."dept_org_id" = $4
  order by "service_requests"."green" desc, "service_requests"."due_on" asc nulls last, "service_requests"."created_at" asc, "service_requests"."id" asc
  limit $5;

-- 2
select count(*)::int
  from "service_requests"
  where "service_requests"."dept_org_id" = $1;
