import {
  APPLICATION_STATUS_LABELS,
  BATCH_STATUS_LABELS,
  CANDIDATE_STATUS_LABELS,
  DESIGNATION_STATUS_LABELS,
  NAMING_LEVEL_LABELS,
  NOTICE_STATUS_LABELS,
  OBJECTION_EFFECT_LABELS,
  OBJECTION_STATUS_LABELS,
  REVERIFICATION_STATUS_LABELS,
  REVOKE_REASON_LABELS,
  SELF_CHECK_STATUS_LABELS,
} from "../../../contracts/creation";
import { type AuditValueMap, CATEGORY_LABELS, categoryKeys, reviewLevels } from "../audit/auditValueKit";

const level = NAMING_LEVEL_LABELS;
const category = CATEGORY_LABELS;

/** How the creation module's audit entries' values read, per object (see web/app/auditLabels.ts). */
export const creationAuditValues: AuditValueMap = {
  creation_candidate: {
    fields: { status: CANDIDATE_STATUS_LABELS, category, targetLevel: level },
  },
  creation_batch: {
    fields: {
      status: BATCH_STATUS_LABELS,
      level,
      prerequisiteLevel: level,
      categories: category,
      category,
      categorySets: categoryKeys,
    },
  },
  creation_application: {
    fields: {
      status: APPLICATION_STATUS_LABELS,
      level,
      category,
      reviewChain: reviewLevels,
      reviewLevelCode: reviewLevels,
    },
    // The batch is named in the summary ("填写申报：<批次>").
    hidden: ["batchId"],
  },
  creation_notice: {
    fields: { status: NOTICE_STATUS_LABELS },
  },
  creation_objection: {
    fields: { status: OBJECTION_STATUS_LABELS, effect: OBJECTION_EFFECT_LABELS },
  },
  creation_decision: {
    fields: { batchStatus: BATCH_STATUS_LABELS },
  },
  creation_designation: {
    fields: { status: DESIGNATION_STATUS_LABELS, level, category, revokeReason: REVOKE_REASON_LABELS },
  },
  creation_self_check: {
    fields: { status: SELF_CHECK_STATUS_LABELS },
  },
  creation_reverification: {
    fields: { status: REVERIFICATION_STATUS_LABELS },
  },
  creation_target: {
    fields: { level, category },
  },
};
