import { inArray } from "drizzle-orm";
import { registerAuditNameSource } from "../audit/index.js";
import { roles, users } from "./identity.schema.js";

/** Audit entries name users and roles (by id) and roles by their code (a role's 编码 reads as its name). */
registerAuditNameSource(async (db, refs) => {
  const names: Record<string, string> = {};
  if (refs.roleCodes.length)
    for (const r of await db
      .select({ code: roles.code, name: roles.name })
      .from(roles)
      .where(inArray(roles.code, refs.roleCodes)))
      names[r.code] = r.name;
  const ids = refs.ids; // uuids only: the audit module collects them so
  if (ids.length) {
    for (const r of await db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, ids)))
      names[r.id] = r.name;
    for (const r of await db.select({ id: roles.id, name: roles.name }).from(roles).where(inArray(roles.id, ids)))
      names[r.id] = r.name;
  }
  return names;
});
