import { INDICATOR_SET_STATUS_LABELS, NAMING_LEVEL_LABELS, SHEET_STATUS_LABELS } from "../../../contracts/evaluation";
import { type AuditValueMap, CATEGORY_LABELS } from "../audit/auditValueKit";

/** How the evaluation module's audit entries' values read (see web/app/auditLabels.ts). */
export const evaluationAuditValues: AuditValueMap = {
  indicator_set: {
    fields: { status: INDICATOR_SET_STATUS_LABELS, levels: NAMING_LEVEL_LABELS, categories: CATEGORY_LABELS },
  },
  score_sheet: {
    fields: { status: SHEET_STATUS_LABELS },
  },
};
