-- plans-todos-own: GET /api/plans/todos
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
SELECT p.id, p.title, p.period_start, p.period_end, p.cycle, p.grace_days, p.remind_days, p.report_from
  FROM plans p
  WHERE p.status = 'active' AND EXISTS (SELECT 1 FROM plan_node_units u WHERE u.plan_id = p.id AND u.org_id = $1);

-- 2
SELECT o.plan_id, u.node_id, n.number, n.title, o.period, o.due_at, count(*) OVER ()::int AS total
  FROM jsonb_to_recordset($1::jsonb) AS o(plan_id uuid, period text, due_at timestamptz)
  JOIN plan_node_units u ON u.plan_id = o.plan_id AND u.org_id = $2
  JOIN plan_nodes n ON n.id = u.node_id AND n.deleted_at IS NULL AND n.kind = 'task'
  WHERE NOT EXISTS (SELECT 1 FROM plan_reports r WHERE r.node_id = u.node_id AND r.org_id = u.org_id AND r.period = o.period)
  ORDER BY o.due_at, o.plan_id, ((SELECT array_agg(a.sort ORDER BY x.ord) FROM unnest(n.ancestors) WITH ORDINALITY AS x(id, ord) JOIN plan_nodes a ON a.id = x.id) || n.sort)
  LIMIT $3;

-- 3
SELECT r.id, r.plan_id, p.title AS plan_title, r.node_id, r.finding, r.deadline::text AS deadline, r.status, r.org_id AS owner, i.org_id AS inspector, r.escalated_to_org_id AS escalated_to
  FROM plan_rectifications r
  JOIN plans p ON p.id = r.plan_id
  JOIN plan_inspections i ON i.id = r.inspection_id
  WHERE p.status = 'active' AND ((r.status = 'open' AND (r.org_id = $1 OR r.escalated_to_org_id = $2)) OR (r.status = 'closed' AND i.org_id = $3))
  ORDER BY r.deadline, r.created_at
  LIMIT $4;
