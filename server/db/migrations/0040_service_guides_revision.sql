-- 服务指南 on the portal (server/modules/services/guides.service.ts) is served from a revision cache: a write to the
-- guides or to the windows it lists bumps 'service_guides' in the same transaction (server/core/revisions.ts).
CREATE TRIGGER service_guides_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_guides"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('service_guides');
--> statement-breakpoint
CREATE TRIGGER service_windows_guides_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "service_windows"
  FOR EACH STATEMENT EXECUTE FUNCTION shiliu_bump_revision('service_guides');
