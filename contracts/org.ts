import { z } from "zod";
import { importRowError, listQuery, queryBool, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";
import { checkUscc, USCC_PATTERN } from "./uscc.js";

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  fullName: z.string(),
  hasChildren: z.boolean(),
});
export type Region = z.infer<typeof regionSchema>;

export const regionQuery = z.object({
  parent: regionCode.optional(),
  q: safeText(30).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const regionDetail = regionSchema.extend({ ancestors: z.array(regionSchema) });

export const REGION_LEVEL_LABELS: Record<number, string> = { 1: "省级", 2: "地市级", 3: "县级", 4: "乡级", 5: "村级" };

export const orgStatus = z.enum(["active", "disabled"]);
export const ORG_STATUS_LABELS = { active: "启用", disabled: "停用" } as const;

const orgFields = {
  name: safeText(100),
  shortName: safeText(50).nullish(),
  /** 蒙古文名称 (Mongolian script, optional): shown on the portal to visitors who chose Mongolian. */
  nameMn: safeText(200, 0).optional(),
  type: z.string().regex(/^[a-z_]{2,30}$/, { message: "机构类型编码不正确" }),
  regionCode,
  parentId: uuid.nullish(),
  uscc: z
    .string()
    .trim()
    .toUpperCase()
    .regex(USCC_PATTERN, { message: "应为 18 位数字或大写字母（不含 I、O、Z、S、V）" })
    .refine((v) => checkUscc(v) === "ok", { message: "统一社会信用代码校验位不正确" })
    .nullish()
    .or(z.literal("").transform(() => null)),
  isEthnicAffairsDept: z.boolean().default(false),
  isMemberUnit: z.boolean().default(false),
  address: safeLongText(200).nullish(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^[0-9\-+ ]{5,20}$/, { message: "应为 5-20 位数字（可含 - 和空格）" })
    .nullish()
    .or(z.literal("").transform(() => null)),
  sort: z.number().int().min(0).max(99999).default(0),
};

export const orgCreate = z.strictObject(orgFields);
export type OrgCreate = z.infer<typeof orgCreate>;

export const orgUpdate = z.strictObject({
  name: orgFields.name.optional(),
  shortName: orgFields.shortName,
  nameMn: orgFields.nameMn,
  type: orgFields.type.optional(),
  regionCode: regionCode.optional(),
  parentId: orgFields.parentId,
  uscc: orgFields.uscc,
  isEthnicAffairsDept: z.boolean().optional(),
  isMemberUnit: z.boolean().optional(),
  address: orgFields.address,
  contactPhone: orgFields.contactPhone,
  sort: z.number().int().min(0).max(99999).optional(),
});
export type OrgUpdate = z.infer<typeof orgUpdate>;

export const orgSchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  nameMn: z.string(),
  type: z.string(),
  typeLabel: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  uscc: z.string().nullable(),
  isEthnicAffairsDept: z.boolean(),
  isMemberUnit: z.boolean(),
  address: z.string().nullable(),
  contactPhone: z.string().nullable(),
  status: orgStatus,
  sort: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Org = z.infer<typeof orgSchema>;

export const orgListQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  /** true: the region and everything below it (default); false: that region only. */
  includeSubRegions: queryBool.default(true),
  type: z
    .string()
    .regex(/^[a-z_]{2,30}$/, { message: "机构类型编码不正确" })
    .optional(),
  status: orgStatus.optional(),
  isEthnicAffairsDept: queryBool.optional(),
  isMemberUnit: queryBool.optional(),
  sort: sortParam(["name", "regionCode", "createdAt", "sort"]),
});
export type OrgListQuery = z.infer<typeof orgListQuery>;

export const dictItemSchema = z.object({ code: z.string(), label: z.string(), sort: z.number() });

export const orgImportResult = z.object({
  imported: z.number(),
  errors: z.array(importRowError),
});

/** Column headers of the organization import template, in order. */
export const ORG_IMPORT_COLUMNS = [
  "机构名称",
  "简称",
  "机构类型",
  "行政区划代码",
  "统一社会信用代码",
  "上级机构名称",
  "民族工作部门",
  "委员单位",
  "地址",
  "联系电话",
] as const;

// ---------------------------------------------------------------------------------------------
// 单位简称词典: the usual short forms of organization names ("民委" → "民族事务委员会")

export const orgAbbreviation = z.object({
  id: z.string(),
  abbreviation: z.string(),
  /** The full form without region and "中共": 民族事务委员会, 统一战线工作部, 共青团委员会. */
  fullForm: z.string(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type OrgAbbreviation = z.infer<typeof orgAbbreviation>;

export const orgAbbreviationInput = z.strictObject({
  abbreviation: safeText(30),
  fullForm: safeText(60).refine((v) => v.length >= 2, { message: "至少 2 个字" }),
  note: safeText(100).nullish(),
});
export type OrgAbbreviationInput = z.infer<typeof orgAbbreviationInput>;

export const orgAbbreviationQuery = z.object({ q: safeText(30).optional() });
