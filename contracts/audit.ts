import { z } from "zod";
import { safeText, uuid } from "./common.js";

export const auditCategory = z.enum(["data", "auth", "access", "export"]);
export const AUDIT_CATEGORY_LABELS = {
  data: "数据变更",
  auth: "登录认证",
  access: "个人信息访问",
  export: "导出",
} as const;

export const auditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  category: auditCategory.optional(),
  action: z
    .string()
    .regex(/^[a-z_.]{2,50}$/, { message: "操作编码不正确" })
    .optional(),
  entity: z
    .string()
    .regex(/^[a-z_]{2,30}$/, { message: "对象类型不正确" })
    .optional(),
  entityId: safeText(64).optional(),
  actorId: uuid.optional(),
  outcome: z.enum(["success", "failure"]).optional(),
  from: z.iso.datetime({ offset: true, message: "应为 ISO 8601 时间" }).optional(),
  to: z.iso.datetime({ offset: true, message: "应为 ISO 8601 时间" }).optional(),
  q: safeText(50).optional(),
});

export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  category: auditCategory,
  action: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  regionCode: z.string().nullable(),
  orgId: z.string().nullable(),
  /** The entry's organization and region by name, whether or not the reader may see them otherwise. */
  orgName: z.string().nullable(),
  regionName: z.string().nullable(),
  outcome: z.enum(["success", "failure"]),
  summary: z.string().nullable(),
  changes: z.unknown().nullable(),
  /** Names of the organizations, users, roles (by id) and regions (by code) its changes refer to. */
  names: z.record(z.string(), z.string()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const chainProblemKind = z.enum([
  "missing",
  "link",
  "content",
  "downgrade",
  "unknown_key",
  "anchor_mismatch",
  "truncated",
  "anchor_invalid",
]);

/** Result of verifying the audit chain against itself and the anchors kept outside the database. */
export const verifyResult = z.object({
  ok: z.boolean(),
  checked: z.number(),
  lastSeq: z.number(),
  /** Every problem, consecutive entries with the same problem merged into one range (seq … toSeq). */
  problems: z.array(z.object({ seq: z.number(), toSeq: z.number(), kind: chainProblemKind, message: z.string() })),
  problemCount: z.number(),
  firstBad: z.object({ seq: z.number(), reason: z.string() }).nullable(),
  anchors: z.object({
    valid: z.number(),
    invalid: z.number(),
    latestSeq: z.number().nullable(),
    latestAt: z.string().nullable(),
  }),
  anchored: z.object({ seq: z.number(), hash: z.string(), created: z.boolean() }).nullable(),
});
export type VerifyResult = z.infer<typeof verifyResult>;

/** Paging of one record's 操作记录. */
export const historyQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
