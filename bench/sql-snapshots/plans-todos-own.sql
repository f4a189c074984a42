-- plans-todos-own: GET /api/plans/todos
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
SELECT p.id, p.title, p.period_start, p.period_end, p.cycle, p.grace_days, p.remind_days, p.report_from
  FROM plans p
  WHERE p.status = 'active' AND EXISTS (SELECT 1 FROM plan_node_units u WHERE u.plan_id = p.id AND u.org_id = $1);

-- 2
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

-- 3
SELECT r.id, r.plan_id, p.title AS plan_title, r.node_id, r.finding, r.deadline::text AS deadline, r.status, r.org_id AS owner, i.org_id AS inspector, r.escalated_to_org_id AS escalated_to
  FROM plan_rectifications r
  JOIN plans p ON p.id = r.plan_id
  JOIN plan_inspections i ON i.id = r.inspection_id
  WHERE p.status = 'active' AND ((r.status = 'open' AND (r.org_id = $1 OR r.escalated_to_org_id = $2)) OR (r.status = 'closed' AND i.org_id = $3))
  ORDER BY r.deadline, r.created_at
  LIMIT $4;
