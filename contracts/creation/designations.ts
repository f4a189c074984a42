import { z } from "zod";
import { listQuery, queryBool, regionCode, safeLongText, safeText, sortParam, uuid } from "../common.js";
import { namingLevel } from "../evaluation.js";
import { categoryCode } from "./categories.js";
import { dateString, idList, queryYear, year } from "./fields.js";

// ---------------------------------------------------------------------------------------------------------
// Naming decisions (命名决定) and designations (命名)

export const decisionCreate = z.strictObject({
  batchId: uuid,
  /** 文号, e.g. 通民委发〔2026〕12号 */
  docNumber: safeText(60),
  title: safeText(150).optional(),
  namedOn: dateString,
  applicationIds: idList(2000, 1),
});
export type DecisionCreate = z.infer<typeof decisionCreate>;

export const DESIGNATION_STATUSES = ["valid", "reverifying", "revoked", "expired"] as const;
export const designationStatus = z.enum(DESIGNATION_STATUSES);
export type DesignationStatus = z.infer<typeof designationStatus>;
export const DESIGNATION_STATUS_LABELS: Record<DesignationStatus, string> = {
  valid: "有效",
  reverifying: "复验中",
  revoked: "已撤销",
  expired: "已到期",
};
/** Statuses that count: a designation under 复验 is still valid until its expiry. */
export const LIVE_DESIGNATION_STATUSES = ["valid", "reverifying"] as const satisfies readonly DesignationStatus[];

export const REVOKE_REASONS = [
  "fraud",
  "major_incident",
  "reverification_failed",
  "voluntary",
  "merged",
  "other",
] as const;
export const revokeReason = z.enum(REVOKE_REASONS);
export type RevokeReason = z.infer<typeof revokeReason>;
export const REVOKE_REASON_LABELS: Record<RevokeReason, string> = {
  fraud: "弄虚作假",
  major_incident: "发生影响民族团结的重大事件",
  reverification_failed: "复验不合格",
  voluntary: "主动申请退出",
  merged: "单位撤并",
  other: "其他",
};

export const DESIGNATION_EVENT_KINDS = [
  "named",
  "registered",
  "self_check",
  "reverification_opened",
  "reverification_submitted",
  "renewed",
  "reverification_failed",
  "expired",
  "revoked",
] as const;
export type DesignationEventKind = (typeof DESIGNATION_EVENT_KINDS)[number];
export const DESIGNATION_EVENT_LABELS: Record<DesignationEventKind, string> = {
  named: "命名",
  registered: "录入历史命名",
  self_check: "提交年度自查",
  reverification_opened: "启动复验",
  reverification_submitted: "提交复验自查",
  renewed: "复验通过，有效期延续",
  reverification_failed: "复验不合格",
  expired: "到期",
  revoked: "撤销",
};

export const revokeBody = z.strictObject({
  reasonCategory: revokeReason,
  /** 撤销文件文号 */
  docNumber: safeText(60),
  /** 撤销文件 from the material library. */
  materialId: uuid.optional(),
  note: safeLongText(1000).default(""),
});
export type RevokeBody = z.infer<typeof revokeBody>;

/** A designation named before the platform (录入历史命名), so its validity, 复验 and counts are managed here. */
export const designationRegister = z.strictObject({
  orgId: uuid,
  category: categoryCode,
  level: namingLevel,
  certificateNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{3,40}$/, { message: "证书编号应为 3-40 位字母、数字或横线" }),
  docNumber: safeText(60),
  namedOn: dateString,
  validityYears: z.number().int().min(1).max(10).default(5),
  /** The indicator set for its yearly self-checks and 复验. */
  setId: uuid,
});
export type DesignationRegister = z.infer<typeof designationRegister>;

export const designationSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  unitName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  level: namingLevel,
  certificateNo: z.string(),
  docNumber: z.string().nullable(),
  namedOn: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: designationStatus,
  issuerRegionCode: z.string(),
  decisionId: z.string().nullable(),
  applicationId: z.string().nullable(),
  renewals: z.number(),
  revokedAt: z.string().nullable(),
  revokeReason: revokeReason.nullable(),
  revokeDocNumber: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Designation = z.infer<typeof designationSchema>;

export const SELF_CHECK_STATUSES = ["draft", "submitted"] as const;
export const SELF_CHECK_STATUS_LABELS = { draft: "填写中", submitted: "已提交" } as const;
export const selfCheckSchema = z.object({
  id: z.string(),
  designationId: z.string(),
  year: z.number(),
  sheetId: z.string(),
  status: z.enum(SELF_CHECK_STATUSES),
  total: z.number().nullable(),
  passed: z.boolean().nullable(),
  vetoFailed: z.array(z.string()),
  submittedAt: z.string().nullable(),
});
export const selfCheckCreate = z.strictObject({ year });

export const REVERIFICATION_STATUSES = ["open", "submitted", "passed", "failed", "lapsed", "cancelled"] as const;
export const reverificationStatus = z.enum(REVERIFICATION_STATUSES);
export type ReverificationStatus = z.infer<typeof reverificationStatus>;
export const REVERIFICATION_STATUS_LABELS: Record<ReverificationStatus, string> = {
  open: "待单位自查",
  submitted: "待审核",
  passed: "复验通过",
  failed: "复验不合格",
  lapsed: "逾期未完成",
  cancelled: "已终止",
};
export const reverificationSchema = z.object({
  id: z.string(),
  designationId: z.string(),
  sheetId: z.string().nullable(),
  status: reverificationStatus,
  openedAt: z.string(),
  dueOn: z.string(),
  total: z.number().nullable(),
  sheetPassed: z.boolean().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  note: z.string().nullable(),
});
export const reverificationDecide = z.strictObject({ passed: z.boolean(), note: safeLongText(1000).optional() });

export const designationDetail = designationSchema.extend({
  revokeNote: z.string().nullable(),
  revokeMaterialId: z.string().nullable(),
  events: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      kindLabel: z.string(),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    }),
  ),
  selfChecks: z.array(selfCheckSchema),
  reverifications: z.array(reverificationSchema),
});

export const designationListQuery = listQuery.extend({
  status: designationStatus.optional(),
  /** Only designations that count (有效 or 复验中). */
  live: queryBool.optional(),
  level: namingLevel.optional(),
  category: categoryCode.optional(),
  regionCode: regionCode.optional(),
  orgId: uuid.optional(),
  /** Named in this year. */
  year: queryYear.optional(),
  /** Expiring within this many days. */
  expiringWithinDays: z.coerce.number().int().min(1).max(3650).optional(),
  sort: sortParam(["namedOn", "validUntil", "certificateNo", "regionCode"]),
});
export type DesignationListQuery = z.infer<typeof designationListQuery>;

export const decisionSchema = z.object({
  id: z.string(),
  batchId: z.string(),
  batchName: z.string(),
  level: namingLevel,
  docNumber: z.string(),
  title: z.string(),
  namedOn: z.string(),
  issuerOrgName: z.string(),
  regionCode: z.string(),
  createdAt: z.string(),
  designations: z.array(
    z.object({
      id: z.string(),
      certificateNo: z.string(),
      unitName: z.string(),
      regionName: z.string(),
      category: z.string(),
      categoryLabel: z.string(),
    }),
  ),
});
export type Decision = z.infer<typeof decisionSchema>;
export const decisionListQuery = listQuery.extend({ batchId: uuid.optional() });
