-- The console home page's 申报进展 (applications by stage) is served from a revision cache (insights/home.service.ts,
-- server/core/revisions.ts): a write to the applications bumps 'creation.applications' in the same transaction.
CREATE TRIGGER creation_applications_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "creation_applications"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('creation.applications');
