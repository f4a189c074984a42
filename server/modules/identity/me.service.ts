import { eq } from "drizzle-orm";
import { DATA_SCOPE_LABELS, type Me, type Permission } from "../../../contracts/identity.js";
import { permissionsOf, scopeFor, scopeRoot, toScope, widestScope } from "../../core/access.js";
import type { Ctx } from "../../core/context.js";
import { getRegion } from "../org/index.js";
import { passwordExpiresAt } from "./auth.service.js";
import { users } from "./identity.schema.js";
import { getPolicy } from "./policy.service.js";

/** What the console needs about the signed-in user: who, roles, allowed actions, data scope, stage. */
export async function buildMe(ctx: Ctx): Promise<Me> {
  const { actor } = ctx;
  const [[user], policy, region] = await Promise.all([
    ctx.db
      .select({ totpEnabled: users.totpEnabled, passwordChangedAt: users.passwordChangedAt })
      .from(users)
      .where(eq(users.id, actor.userId)),
    getPolicy(ctx.db),
    getRegion(ctx.db, actor.regionCode),
  ]);
  const kind = widestScope(actor);
  const root = scopeRoot(toScope(actor, kind));
  const rootRegion = root === actor.regionCode ? region : root ? await getRegion(ctx.db, root) : null;
  const regionName = rootRegion?.fullName ?? "全部区划";
  const target = kind === "org" ? actor.orgName : kind === "self" ? actor.displayName : regionName;
  const label = kind === "all" ? "全部数据" : `${DATA_SCOPE_LABELS[kind]}：${target}`;
  return {
    user: {
      id: actor.userId,
      username: actor.username,
      displayName: actor.displayName,
      orgId: actor.orgId,
      orgName: actor.orgName,
      regionCode: actor.regionCode,
      regionName: region?.fullName ?? actor.regionCode,
      totpEnabled: user?.totpEnabled ?? false,
    },
    roles: actor.roles.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      dataScope: r.dataScope,
      adminKind: r.adminKind,
    })),
    permissions: [...permissionsOf(actor)].sort(),
    scopes: Object.fromEntries(
      [...permissionsOf(actor)].sort().map((p) => [p, scopeFor(actor, p as Permission)?.kind ?? "self"]),
    ),
    dataScope: { kind, label, regionCode: root, regionName },
    stage: actor.stage,
    passwordExpiresAt: user
      ? (passwordExpiresAt(user.passwordChangedAt, policy.expiryDays)?.toISOString() ?? null)
      : null,
  };
}
