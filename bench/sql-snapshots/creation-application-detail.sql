-- creation-application-detail: GET /api/creation/applications/:id
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "creation_applications"."id", "creation_applications"."batch_id", "creation_applications"."org_id", "creation_applications"."region_code", "creation_applications"."category", "creation_applications"."level", "creation_applications"."set_id", "creation_applications"."title", "creation_applications"."statement", "creation_applications"."evidence_ids", "creation_applications"."status", "creation_applications"."review_chain", "creation_applications"."review_index", "creation_applications"."review_level_code", "creation_applications"."self_sheet_id", "creation_applications"."final_score", "creation_applications"."final_method", "creation_applications"."veto_failed", "creation_applications"."passed", "creation_applications"."result_note", "creation_applications"."decided_at", "creation_applications"."notice_id", "creation_applications"."designation_id", "creation_applications"."candidate_id", "creation_applications"."created_by", "creation_applications"."submitted_at", "creation_applications"."accepted_at", "creation_applications"."search", "creation_applications"."created_at", "creation_applications"."updated_at", (select "orgs"."name" from "orgs" where "orgs"."id" = "creation_applications"."org_id"), "creation_batches"."name", "creation_batches"."year"
  from "creation_applications"
  inner join "creation_batches" on "creation_batches"."id" = "creation_applications"."batch_id"
  where ("creation_applications"."id" = $1 and (("creation_applications"."region_code" >= $2 and "creation_applications"."region_code" <= $3) and "creation_applications"."status" <> $4));

-- 2
select "region_code"
  from "creation_batches"
  where "creation_batches"."id" = $1;

-- 3
select "code", "label"
  from "dict_items"
  where "dict_items"."dict_type" = $1;

-- 4
select "id", "set_id", "kind", "subject_type", "subject_id", "owner_user_id", "owner_org_id", "region_code", "status", "entries", "summary", "total", "veto_failed", "submitted_at", "returned_reason", "created_at", "updated_at"
  from "score_sheets"
  where ("score_sheets"."subject_type" = $1 and "score_sheets"."subject_id" in ($2));

-- 5
select "id", "family_id", "version", "version_label", "name", "description", "categories", "levels", "total", "pass_line", "grade_scale", "nodes", "status", "owner_org_id", "region_code", "published_at", "created_at", "updated_at"
  from "indicator_sets"
  where "indicator_sets"."id" = $1;

-- 6
select "id", "application_id", "visited_on", "members", "notes", "evidence_ids", "recorded_by", "created_at", (select "users"."display_name" from "users" where "users"."id" = "creation_site_visits"."recorded_by")
  from "creation_site_visits"
  where "creation_site_visits"."application_id" = $1
  order by "creation_site_visits"."visited_on" asc, "creation_site_visits"."created_at" asc;

-- 7
select "id", "seq", "application_id", "action", "from_status", "to_status", "level_code", "actor_id", "actor_name", "note", "at"
  from "creation_application_events"
  where "creation_application_events"."application_id" = $1
  order by "creation_application_events"."seq" asc;

-- 8
select "id", "application_id", "user_id", "sheet_id", "status", "assigned_by", "assigned_at", "withdrawn_at", "withdraw_reason", (select "users"."display_name" from "users" where "users"."id" = "creation_expert_assignments"."user_id")
  from "creation_expert_assignments"
  where "creation_expert_assignments"."application_id" = $1
  order by "creation_expert_assignments"."assigned_at" asc, (select "users"."display_name" from "users" where "users"."id" = "creation_expert_assignments"."user_id") asc;
