-- Live tallies for the 零报告/季报 compliance roll-up (see disputes.schema.ts): kept by statement triggers in the
-- writing transaction, deltas summed per key and applied in key order (concurrent writers lock the same rows in
-- the same order); a report's day is the Beijing day of first_received_at − 1 µs, whose end is its first deadline met.
CREATE TABLE "dispute_report_tally" (
	"kind" text NOT NULL,
	"depth" smallint NOT NULL,
	"prefix" text NOT NULL,
	"period" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "dispute_report_tally_kind_depth_prefix_period_day_pk" PRIMARY KEY("kind","depth","prefix","period","day")
);
--> statement-breakpoint
CREATE TABLE "dispute_report_unit_tally" (
	"depth" smallint NOT NULL,
	"prefix" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "dispute_report_unit_tally_depth_prefix_pk" PRIMARY KEY("depth","prefix")
);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shiliu_region_prefixes(code text) RETURNS TABLE (depth smallint, prefix text) AS $$
  SELECT l::smallint, left(code, l) FROM unnest(ARRAY[0, 2, 4, 6, 9]) AS l WHERE l < char_length(code)
  UNION ALL SELECT char_length(code)::smallint, code
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION shiliu_report_day(t timestamptz) RETURNS date AS $$
  SELECT ((t AT TIME ZONE 'UTC') + interval '8 hours' - interval '1 microsecond')::date
$$ LANGUAGE sql IMMUTABLE;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dispute_report_tally_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM dispute_report_tally;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO dispute_report_tally AS t (kind, depth, prefix, period, day, n)
      SELECT x.kind, p.depth, p.prefix, x.period, shiliu_report_day(x.first_received_at), count(*)::int
      FROM new_rows x, shiliu_region_prefixes(x.region_code) p
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (kind, depth, prefix, period, day) DO UPDATE SET n = t.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO dispute_report_tally AS t (kind, depth, prefix, period, day, n)
      SELECT x.kind, p.depth, p.prefix, x.period, shiliu_report_day(x.first_received_at), -count(*)::int
      FROM old_rows x, shiliu_region_prefixes(x.region_code) p
      GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (kind, depth, prefix, period, day) DO UPDATE SET n = t.n + excluded.n;
  ELSE
    INSERT INTO dispute_report_tally AS t (kind, depth, prefix, period, day, n)
      SELECT x.kind, p.depth, p.prefix, x.period, shiliu_report_day(x.first_received_at), sum(x.d)::int
      FROM (SELECT kind, region_code, period, first_received_at, 1 AS d FROM new_rows
            UNION ALL SELECT kind, region_code, period, first_received_at, -1 FROM old_rows) x,
           shiliu_region_prefixes(x.region_code) p
      GROUP BY 1, 2, 3, 4, 5 HAVING sum(x.d) <> 0 ORDER BY 1, 2, 3, 4, 5
      ON CONFLICT (kind, depth, prefix, period, day) DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER dispute_reports_tally_ins AFTER INSERT ON "dispute_reports"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_tally_apply();
--> statement-breakpoint
CREATE TRIGGER dispute_reports_tally_upd AFTER UPDATE ON "dispute_reports"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_tally_apply();
--> statement-breakpoint
CREATE TRIGGER dispute_reports_tally_del AFTER DELETE ON "dispute_reports"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_tally_apply();
--> statement-breakpoint
CREATE TRIGGER dispute_reports_tally_trunc AFTER TRUNCATE ON "dispute_reports"
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_tally_apply();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dispute_report_unit_tally_apply() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM dispute_report_unit_tally;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO dispute_report_unit_tally AS t (depth, prefix, n)
      SELECT p.depth, p.prefix, count(*)::int FROM new_rows x, shiliu_region_prefixes(x.region_code) p
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (depth, prefix) DO UPDATE SET n = t.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO dispute_report_unit_tally AS t (depth, prefix, n)
      SELECT p.depth, p.prefix, -count(*)::int FROM old_rows x, shiliu_region_prefixes(x.region_code) p
      GROUP BY 1, 2 ORDER BY 1, 2
      ON CONFLICT (depth, prefix) DO UPDATE SET n = t.n + excluded.n;
  ELSE
    INSERT INTO dispute_report_unit_tally AS t (depth, prefix, n)
      SELECT p.depth, p.prefix, sum(x.d)::int
      FROM (SELECT region_code, 1 AS d FROM new_rows UNION ALL SELECT region_code, -1 FROM old_rows) x,
           shiliu_region_prefixes(x.region_code) p
      GROUP BY 1, 2 HAVING sum(x.d) <> 0 ORDER BY 1, 2
      ON CONFLICT (depth, prefix) DO UPDATE SET n = t.n + excluded.n;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER dispute_report_units_tally_ins AFTER INSERT ON "dispute_report_units"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_unit_tally_apply();
--> statement-breakpoint
CREATE TRIGGER dispute_report_units_tally_upd AFTER UPDATE ON "dispute_report_units"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_unit_tally_apply();
--> statement-breakpoint
CREATE TRIGGER dispute_report_units_tally_del AFTER DELETE ON "dispute_report_units"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_unit_tally_apply();
--> statement-breakpoint
CREATE TRIGGER dispute_report_units_tally_trunc AFTER TRUNCATE ON "dispute_report_units"
  FOR EACH STATEMENT EXECUTE FUNCTION dispute_report_unit_tally_apply();
--> statement-breakpoint
INSERT INTO dispute_report_tally (kind, depth, prefix, period, day, n)
  SELECT x.kind, p.depth, p.prefix, x.period, shiliu_report_day(x.first_received_at), count(*)::int
  FROM dispute_reports x, shiliu_region_prefixes(x.region_code) p GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO dispute_report_unit_tally (depth, prefix, n)
  SELECT p.depth, p.prefix, count(*)::int FROM dispute_report_units x, shiliu_region_prefixes(x.region_code) p GROUP BY 1, 2;
