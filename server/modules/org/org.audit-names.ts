import { inArray } from "drizzle-orm";
import { registerAuditNameSource } from "../audit/index.js";
import { orgs, regions } from "./org.schema.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Audit entries name organizations (by id) and regions (by code, full name) through this. */
registerAuditNameSource(async (db, refs) => {
  const names: Record<string, string> = {};
  const ids = refs.ids.filter((id) => UUID.test(id));
  if (ids.length)
    for (const r of await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids)))
      names[r.id] = r.name;
  if (refs.regionCodes.length)
    for (const r of await db
      .select({ code: regions.code, name: regions.fullName })
      .from(regions)
      .where(inArray(regions.code, refs.regionCodes)))
      names[r.code] = r.name;
  return names;
});
