import { and, eq, inArray } from "drizzle-orm";
import { dictItems } from "../../core/core.schema.js";
import { registerAuditNameSource } from "../audit/index.js";
import { orgs, regions } from "./org.schema.js";
import { ORG_TYPE_DICT } from "./org.service.js";

/** Audit entries name organizations (by id), regions (by code, full name) and organization types through this. */
registerAuditNameSource(async (db, refs) => {
  const names: Record<string, string> = {};
  const ids = refs.ids; // uuids only: the audit module collects them so
  if (ids.length)
    for (const r of await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids)))
      names[r.id] = r.name;
  if (refs.regionCodes.length)
    for (const r of await db
      .select({ code: regions.code, name: regions.fullName })
      .from(regions)
      .where(inArray(regions.code, refs.regionCodes)))
      names[r.code] = r.name;
  // An organization's type is a code of the editable 机构类型 dictionary: its label.
  if (refs.orgTypeCodes.length)
    for (const r of await db
      .select({ code: dictItems.code, label: dictItems.label })
      .from(dictItems)
      .where(and(eq(dictItems.dictType, ORG_TYPE_DICT), inArray(dictItems.code, refs.orgTypeCodes))))
      names[r.code] = r.label;
  return names;
});
