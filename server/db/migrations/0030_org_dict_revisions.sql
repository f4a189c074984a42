-- Data revisions (server/core/revisions.ts) for figures that count organizations or read dictionary items: the
-- 七个一 completion counts the schools of a region (orgs) against the enabled items (dict_items). Statement
-- triggers, so an import of thousands of organizations bumps the key once.
CREATE TRIGGER orgs_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "orgs"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('org');
--> statement-breakpoint
CREATE TRIGGER dict_items_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "dict_items"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('dicts');
