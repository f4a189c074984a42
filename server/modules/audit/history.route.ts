import { auditEntrySchema, historyQuery } from "../../../contracts/audit.js";
import { idParams, pageOf } from "../../../contracts/common.js";
import type { Permission } from "../../../contracts/identity.js";
import type { Ctx, Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { type AuditFilter, findAudit } from "./audit.service.js";

/**
 * `GET …/:id/history`: one object's audit entries (操作记录), newest first. `load` reads the object as the caller
 * (404 when it is outside their scope) so nobody learns the history of what they may not see.
 */
export function historyRoute(
  app: App,
  deps: Deps,
  def: {
    path: `${string}/:id/history`;
    permission: Permission;
    tags: string[];
    summary: string;
    entity: string;
    load?: (ctx: Ctx, id: string) => Promise<unknown>;
    categories?: AuditFilter["categories"];
  },
) {
  app.get(
    def.path,
    {
      config: { permission: def.permission },
      schema: {
        tags: def.tags,
        summary: def.summary,
        params: idParams,
        querystring: historyQuery,
        response: { 200: pageOf(auditEntrySchema) },
      },
    },
    async (req) => {
      await def.load?.(ctxOf(deps, req), req.params.id);
      return findAudit(
        deps.db,
        { entity: def.entity, entityId: req.params.id, categories: def.categories },
        req.query.page,
        req.query.pageSize,
      );
    },
  );
}
