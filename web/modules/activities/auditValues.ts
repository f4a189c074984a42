import { ACTIVITY_STATUS_LABELS } from "../../../contracts/activities";
import type { AuditValueMap, ValueFormat } from "../audit/auditValueKit";

/** 参与人数 { group: count } as "group 30；group 5" (codes; the record's page shows the labels). */
const counts: ValueFormat = (v) => {
  if (!v || typeof v !== "object" || Array.isArray(v)) return undefined;
  const total = Object.values(v as Record<string, number>).reduce((a, n) => a + (Number(n) || 0), 0);
  return `共 ${total} 人次`;
};

/** How the activities module's audit entries' values read (see web/app/auditLabels.ts). */
export const activitiesAuditValues: AuditValueMap = {
  activity: {
    fields: { status: ACTIVITY_STATUS_LABELS, participants: counts },
    // Material and organization ids: the record's page names them.
    hidden: ["photoIds", "fileIds", "coOrgIds", "orgId", "planNodeId", "pairId"],
  },
};
