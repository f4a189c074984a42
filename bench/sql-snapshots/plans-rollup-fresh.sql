-- plans-rollup-fresh: GET /api/plans/:id/rollup?fresh=true
-- The statements the route's service sends, in order; parameters as $n.
-- Checked by bench/sql-snapshots.test.ts; update: UPDATE_SNAPSHOTS=1 npx vitest run bench/sql-snapshots.test.ts

-- 1
select "id", "title", "doc_number", "issuing_org_id", "region_code", "period_start", "period_end", "cycle", "status", "grace_days", "remind_days", "report_from", "source_file_name", "revision", "created_by", "created_at", "updated_at", "search"
  from "plans"
  where "plans"."id" = $1;

-- 2
WITH tl AS MATERIALIZED (SELECT n.id, n.ancestors, n.weight::float8 AS w, n.completion AS c, n.completed AS done, n.idle, ex.e, (NOT n.completed AND n.lagging_reported) AS by_status, (NOT n.completed AND n.completion < ex.e - $1::float8) AS behind FROM plan_nodes n CROSS JOIN LATERAL (SELECT CASE WHEN n.deadline IS NULL THEN $2::float8 ELSE extract(epoch FROM (n.deadline + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::float8 END AS ee) d CROSS JOIN LATERAL (SELECT round(10 * CASE WHEN $3::float8 <= $4::float8 THEN 0 WHEN $5::float8 >= d.ee THEN 100 WHEN jsonb_array_length(n.milestones) = 0 THEN 100 * ($6::float8 - $7::float8) / (d.ee - $8::float8) ELSE (WITH pts(t, v) AS (SELECT $9::float8, 0::float8 UNION ALL SELECT mt.t, (m->>'percent')::float8 FROM jsonb_array_elements(n.milestones) m CROSS JOIN LATERAL (SELECT extract(epoch FROM make_date((m->>'year')::int + 1, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai')::float8 AS t) mt WHERE jsonb_typeof(m->'percent') = 'number' AND mt.t > $10::float8 AND mt.t < d.ee UNION ALL SELECT d.ee, 100::float8) SELECT p0.v + (p1.v - p0.v) * ($11::float8 - p0.t) / (p1.t - p0.t) FROM (SELECT t, v FROM pts WHERE t <= $12::float8 ORDER BY t DESC LIMIT 1) p0, (SELECT t, v FROM pts WHERE t > $13::float8 ORDER BY t LIMIT 1) p1) END) / 10 AS e) ex WHERE n.plan_id = $14 AND n.kind = 'task' AND n.deleted_at IS NULL), ua AS (SELECT u.org_id, min(u.region_code) AS region, count(*) AS tasks, count(*) FILTER (WHERE u.role = 'lead') AS lead, sum(tl.w) AS w, sum(tl.w * coalesce(u.percent, 0)) AS wp, count(*) FILTER (WHERE u.status = 'completed') AS done, count(*) FILTER (WHERE u.status IS DISTINCT FROM 'completed' AND (u.status = 'lagging' OR coalesce(u.percent, 0) < tl.e - $15::float8)) AS lag, coalesce(sum(u.late_count), 0) AS late, count(*) FILTER (WHERE CASE WHEN $16::boolean THEN u.latest_period >= $17::text ELSE u.latest_period IS NOT NULL END) AS reported, count(*) FILTER (WHERE $18::boolean AND (u.latest_period IS NULL OR u.latest_period < $19::text)) AS missing FROM plan_node_units u JOIN tl ON tl.id = u.node_id WHERE u.plan_id = $20 GROUP BY u.org_id) SELECT json_build_object('summary', (SELECT json_build_object('tasks', count(*), 'w', sum(w), 'wc', sum(w * c), 'we', sum(w * e), 'done', count(*) FILTER (WHERE done), 'active', count(*) FILTER (WHERE NOT done AND NOT idle AND NOT (by_status OR behind)), 'idle', count(*) FILTER (WHERE NOT done AND idle AND NOT (by_status OR behind)), 'lag', count(*) FILTER (WHERE by_status OR behind)) FROM tl), 'heads', (SELECT coalesce(json_agg(json_build_array(h.id, h.tasks, h.w, h.wc, h.done, h.lag)), '[]'::json) FROM (-- Tasks grouped by their path first (a few hundred paths), then each path credited to its headings. SELECT a.id, sum(p.tasks) AS tasks, sum(p.w) AS w, sum(p.wc) AS wc, sum(p.done) AS done, sum(p.lag) AS lag FROM (SELECT ancestors, count(*) AS tasks, sum(w) AS w, sum(w * c) AS wc, count(*) FILTER (WHERE done) AS done, count(*) FILTER (WHERE by_status OR behind) AS lag FROM tl GROUP BY ancestors) p CROSS JOIN LATERAL unnest(p.ancestors) AS a(id) GROUP BY a.id) h), 'units', (SELECT coalesce(json_agg(json_build_array(org_id, region, tasks, lead, w, wp, done, lag, late, reported, missing)), '[]'::json) FROM ua), 'lagging', (SELECT coalesce(json_agg(json_build_array(l.id, n.number, n.title, ch.title, l.c, l.e, l.by_status, l.behind, n.lead_org_id, (SELECT coalesce(array_agg(x.org_id ORDER BY x.role, x.org_id), '{}') FROM plan_node_units x WHERE x.node_id = l.id)) ORDER BY l.c - l.e, l.id), '[]'::json) FROM (SELECT * FROM tl WHERE by_status OR behind ORDER BY c - e, id LIMIT 500) l -- Both joins name the plan: read by id or from the plan's own nodes, never by hashing every plan's nodes -- (a seq scan that grew with the country's plans: 127,750 nodes at nation scale).
        JOIN plan_nodes n ON n.id = l.id AND n.plan_id = $21
        LEFT JOIN plan_nodes ch ON ch.id = l.ancestors[1] AND ch.plan_id = $22),
      'rects', (SELECT coalesce(json_agg(json_build_array(r.org_id, r.total, r.open, r.closed, r.verified, r.overdue,
          r.escalated)), '[]'::json) FROM (
          SELECT org_id, count(*) AS total, count(*) FILTER (WHERE status = 'open') AS open,
            count(*) FILTER (WHERE status = 'closed') AS closed, count(*) FILTER (WHERE status = 'verified') AS verified,
            count(*) FILTER (WHERE status = 'open' AND deadline < $23::date) AS overdue,
            count(*) FILTER (WHERE esc) AS escalated
          FROM (SELECT org_id, deadline, escalated_at IS NOT NULL AS esc, status
        FROM plan_rectifications WHERE plan_id = $24) x GROUP BY org_id) r)
    )::text AS doc;

-- 3
select "id", "parent_id", "kind", "number", "title", "sort", cardinality("ancestors")
  from "plan_nodes"
  where ("plan_nodes"."plan_id" = $1 and "plan_nodes"."deleted_at" is null and "plan_nodes"."kind" in ($2, $3, $4));

-- 4
select "id", "name", "region_code", "parent_id", "status"
  from "orgs"
  where "orgs"."id" in ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50, $51, $52, $53, $54, $55, $56, $57, $58, $59, $60, $61, $62, $63, $64, $65, $66, $67, $68, $69, $70, $71, $72, $73, $74, $75, $76, $77, $78, $79, $80, $81, $82, $83, $84, $85, $86, $87, $88, $89, $90, $91, $92);
