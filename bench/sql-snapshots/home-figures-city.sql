-- home-figures-city: GET /api/home
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "key", "revision"
  from "data_revisions"
  where "data_revisions"."key" in ($1, $2);

-- 2
select "id", "title"
  from "plans"
  where ("plans"."status" = $1 and ("plans"."region_code" >= $2 and "plans"."region_code" <= $3))
  order by "plans"."region_code" = $4 desc, "plans"."created_at" desc
  limit $5;

-- 3
select "id", "title", "doc_number", "issuing_org_id", "region_code", "period_start", "period_end", "cycle", "status", "grace_days", "remind_days", "report_from", "source_file_name", "revision", "created_by", "created_at", "updated_at", "search"
  from "plans"
  where "plans"."id" = $1;

-- 4
select "creation_applications"."id", "creation_applications"."status", (select "orgs"."name" from "orgs" where "orgs"."id" = "creation_applications"."org_id"), "creation_batches"."name", "creation_batches"."id", "creation_batches"."name", "creation_batches"."year", "creation_batches"."level", "creation_batches"."categories", "creation_batches"."set_id", "creation_batches"."category_sets", "creation_batches"."quota", "creation_batches"."notice_days", "creation_batches"."validity_years", "creation_batches"."prerequisite_level", "creation_batches"."submit_deadline", "creation_batches"."review_deadline", "creation_batches"."evaluation_deadline", "creation_batches"."naming_deadline", "creation_batches"."description", "creation_batches"."status", "creation_batches"."organiser_org_id", "creation_batches"."region_code", "creation_batches"."created_by", "creation_batches"."created_at", "creation_batches"."updated_at", "creation_batches"."search"
  from "creation_applications"
  inner join "creation_batches" on "creation_batches"."id" = "creation_applications"."batch_id"
  where ((("creation_applications"."region_code" >= $1 and "creation_applications"."region_code" <= $2) and "creation_applications"."status" <> $3) and "creation_applications"."status" = $4 and "creation_applications"."review_level_code" = $5)
  order by "creation_applications"."updated_at" asc
  limit $6;

-- 5
select "creation_applications"."id", "creation_applications"."status", (select "orgs"."name" from "orgs" where "orgs"."id" = "creation_applications"."org_id"), "creation_batches"."name", "creation_batches"."id", "creation_batches"."name", "creation_batches"."year", "creation_batches"."level", "creation_batches"."categories", "creation_batches"."set_id", "creation_batches"."category_sets", "creation_batches"."quota", "creation_batches"."notice_days", "creation_batches"."validity_years", "creation_batches"."prerequisite_level", "creation_batches"."submit_deadline", "creation_batches"."review_deadline", "creation_batches"."evaluation_deadline", "creation_batches"."naming_deadline", "creation_batches"."description", "creation_batches"."status", "creation_batches"."organiser_org_id", "creation_batches"."region_code", "creation_batches"."created_by", "creation_batches"."created_at", "creation_batches"."updated_at", "creation_batches"."search"
  from "creation_applications"
  inner join "creation_batches" on "creation_batches"."id" = "creation_applications"."batch_id"
  where ((("creation_batches"."region_code" >= $1 and "creation_batches"."region_code" <= $2) and "creation_batches"."region_code" = $3) and "creation_applications"."status" in ($4, $5, $6, $7))
  order by "creation_applications"."updated_at" asc
  limit $8;

-- 6
select "creation_applications"."id", "creation_applications"."status", (select "orgs"."name" from "orgs" where "orgs"."id" = "creation_applications"."org_id"), "creation_batches"."name", "creation_batches"."id", "creation_batches"."name", "creation_batches"."year", "creation_batches"."level", "creation_batches"."categories", "creation_batches"."set_id", "creation_batches"."category_sets", "creation_batches"."quota", "creation_batches"."notice_days", "creation_batches"."validity_years", "creation_batches"."prerequisite_level", "creation_batches"."submit_deadline", "creation_batches"."review_deadline", "creation_batches"."evaluation_deadline", "creation_batches"."naming_deadline", "creation_batches"."description", "creation_batches"."status", "creation_batches"."organiser_org_id", "creation_batches"."region_code", "creation_batches"."created_by", "creation_batches"."created_at", "creation_batches"."updated_at", "creation_batches"."search"
  from "creation_applications"
  inner join "creation_batches" on "creation_batches"."id" = "creation_applications"."batch_id"
  where ((("creation_batches"."region_code" >= $1 and "creation_batches"."region_code" <= $2) and "creation_batches"."region_code" = $3) and "creation_applications"."status" = $4)
  order by "creation_applications"."updated_at" asc
  limit $5;

-- 7
select "application_id", "sheet_id"
  from "creation_expert_assignments"
  where ("creation_expert_assignments"."application_id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43) and "creation_expert_assignments"."status" = $44);

-- 8
select "id", "set_id", "kind", "subject_type", "subject_id", "owner_user_id", "owner_org_id", "region_code", "status", "entries", "summary", "total", "veto_failed", "submitted_at", "returned_reason", "created_at", "updated_at"
  from "score_sheets"
  where ("score_sheets"."subject_type" = $1 and "score_sheets"."subject_id" in ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44));

-- 9
select "creation_applications"."id", (select "orgs"."name" from "orgs" where "orgs"."id" = "creation_applications"."org_id"), "creation_batches"."name", "creation_batches"."naming_deadline"
  from "creation_applications"
  inner join "creation_batches" on "creation_batches"."id" = "creation_applications"."batch_id"
  where ((("creation_batches"."region_code" >= $1 and "creation_batches"."region_code" <= $2) and "creation_batches"."region_code" = $3) and "creation_applications"."status" = $4 and (select "publicity_notices"."ends_on" from "publicity_notices" where "publicity_notices"."id" = "creation_applications"."notice_id") < $5)
  limit $6;

-- 10
select "publicity_objections"."id", "publicity_notices"."title", "publicity_notices"."ends_on"
  from "publicity_objections"
  inner join "publicity_notices" on "publicity_notices"."id" = "publicity_objections"."notice_id"
  where ("publicity_objections"."owner" = $1 and (("publicity_objections"."region_code" >= $2 and "publicity_objections"."region_code" <= $3) and "publicity_objections"."region_code" = $4) and "publicity_objections"."status" in ($5, $6))
  order by "publicity_objections"."created_at" asc
  limit $7;

-- 11
select "creation_reverifications"."id", "creation_designations"."unit_name", "creation_reverifications"."due_on"
  from "creation_reverifications"
  inner join "creation_designations" on "creation_designations"."id" = "creation_reverifications"."designation_id"
  where ((("creation_designations"."issuer_region_code" >= $1 and "creation_designations"."issuer_region_code" <= $2) and "creation_designations"."issuer_region_code" = $3) and "creation_reverifications"."status" = $4)
  limit $5;

-- 12
select "id", "unit_name", "valid_until"
  from "creation_designations"
  where ((("creation_designations"."issuer_region_code" >= $1 and "creation_designations"."issuer_region_code" <= $2) and "creation_designations"."issuer_region_code" = $3) and ("creation_designations"."status" in ('valid', 'reverifying') and "creation_designations"."valid_until" >= $4) and "creation_designations"."valid_until" <= $5)
  order by "creation_designations"."valid_until" asc
  limit $6;

-- 13
select "id", "unit_name"
  from "creation_designations"
  where ((("creation_designations"."issuer_region_code" >= $1 and "creation_designations"."issuer_region_code" <= $2) and "creation_designations"."issuer_region_code" = $3) and ("creation_designations"."status" in ('valid', 'reverifying') and "creation_designations"."valid_until" >= $4) and "creation_designations"."named_on" < $5 and not exists (select 1 from "creation_self_checks" s where s.designation_id = creation_designations.id and s.year = $6 and s.status = 'submitted'))
  order by "creation_designations"."named_on" asc
  limit $7;

-- 14
select "id", "name", "submit_deadline"
  from "creation_batches"
  where ((("creation_batches"."region_code" >= $1 and "creation_batches"."region_code" <= $2) and "creation_batches"."region_code" = $3) and "creation_batches"."status" = $4 and "creation_batches"."submit_deadline" between $5 and $6)
  limit $7;

-- 15
SELECT p.id, p.title, p.period_start, p.period_end, p.cycle, p.grace_days, p.remind_days, p.report_from
  FROM plans p
  WHERE p.status = 'active' AND EXISTS (SELECT 1 FROM plan_node_units u WHERE u.plan_id = p.id AND u.org_id = $1);

-- 16
WITH o AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($1::jsonb) AS o(plan_id uuid, period text, due_at timestamptz)), -- Each of the organization's tasks with the periods it has reported, read once per task (one index range),
      -- rather than one probe of plan_reports per task and owed period (20 quarters × 75 tasks = 1,500 probes).
      u AS MATERIALIZED (
        SELECT u.plan_id, u.node_id,
          coalesce((SELECT array_agg(r.period) FROM plan_reports r WHERE r.node_id = u.node_id AND r.org_id = u.org_id),
            '{}') AS reported
        FROM plan_node_units u
        WHERE u.org_id = $2 AND u.plan_id IN (SELECT plan_id FROM o)
      )
      SELECT o.plan_id, u.node_id, n.number, n.title, o.period, o.due_at, count(*) OVER ()::int AS total
      FROM o
      JOIN u ON u.plan_id = o.plan_id
      JOIN plan_nodes n ON n.id = u.node_id AND n.deleted_at IS NULL AND n.kind = 'task'
      WHERE NOT (o.period = ANY (u.reported))
      ORDER BY o.due_at, o.plan_id, ((SELECT array_agg(a.sort ORDER BY x.ord) FROM unnest(n.ancestors) WITH ORDINALITY AS x(id, ord)
    JOIN plan_nodes a ON a.id = x.id) || n.sort)
      LIMIT $3;

-- 17
SELECT r.id, r.plan_id, p.title AS plan_title, r.node_id, r.finding, r.deadline::text AS deadline, r.status, r.org_id AS owner, i.org_id AS inspector, r.escalated_to_org_id AS escalated_to
  FROM plan_rectifications r
  JOIN plans p ON p.id = r.plan_id
  JOIN plan_inspections i ON i.id = r.inspection_id
  WHERE p.status = 'active' AND ((r.status = 'open' AND (r.org_id = $1 OR r.escalated_to_org_id = $2)) OR (r.status = 'closed' AND i.org_id = $3))
  ORDER BY r.deadline, r.created_at
  LIMIT $4;
