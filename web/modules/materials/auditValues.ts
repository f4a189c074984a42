import { type AuditValueMap, hash } from "../audit/auditValueKit";
import { materialsZh } from "./zh-CN";

/** How the materials module's audit entries' values read (see web/app/auditLabels.ts). */
export const materialsAuditValues: AuditValueMap = {
  material: {
    fields: { status: materialsZh.statuses, fileHash: hash },
  },
};
