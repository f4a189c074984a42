import { evidenceParams } from "../../../contracts/common.js";
import type { Permission } from "../../../contracts/identity.js";
import type { Material } from "../../../contracts/materials.js";
import type { Ctx, Deps } from "../../core/context.js";
import { type App, ctxOf } from "../../core/http.js";
import { materialFileHeaders } from "./materials.service.js";

type Mode = "download" | "preview";

/**
 * `…/:id/evidence/:evidenceId/preview` and `/download`: a file another object references (an application, a
 * plan), opened through that object rather than the library. `read` applies the owning module's rule (404 unless
 * the caller sees a reference) and audits downloads; the responses are never cached, since that access can end.
 */
export function evidenceRoutes(
  app: App,
  deps: Deps,
  def: {
    path: `${string}/:id/evidence/:evidenceId`;
    /** null: any signed-in user, for objects whose `read` decides who may see them (an announcement's audience). */
    permission: Permission | null;
    tags: string[];
    summaries: Record<Mode, string>;
    read: (ctx: Ctx, id: string, evidenceId: string, mode: Mode) => Promise<{ material: Material; content: Buffer }>;
  },
) {
  for (const mode of ["preview", "download"] as const) {
    app.get(
      `${def.path}/${mode}`,
      {
        config: def.permission ? { permission: def.permission } : { signedIn: true as const },
        schema: { tags: def.tags, summary: def.summaries[mode], params: evidenceParams },
      },
      async (req, reply) => {
        const { material, content } = await def.read(ctxOf(deps, req), req.params.id, req.params.evidenceId, mode);
        return reply.headers(materialFileHeaders(material, mode, { noStore: true })).send(content);
      },
    );
  }
}
