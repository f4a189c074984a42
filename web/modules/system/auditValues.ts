import { CALENDAR_SOURCE_LABELS, SPECIAL_DAY_KIND_LABELS } from "../../../contracts/system";
import type { AuditValueMap } from "../audit/auditValueKit";

/** How the 系统设置 audit entries' values read (see web/app/auditLabels.ts). */
export const systemAuditValues: AuditValueMap = {
  calendar_day: { fields: { kind: SPECIAL_DAY_KIND_LABELS, source: CALENDAR_SOURCE_LABELS } },
};
