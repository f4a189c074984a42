import { z } from "zod";
import { listQuery, regionCode } from "../common.js";
import { namingLevel } from "../evaluation.js";
import { categoryCode } from "./categories.js";
import { queryYear } from "./fields.js";
import { noticeSchema } from "./notices.js";

// ---------------------------------------------------------------------------------------------------------
// Public portal (no sign-in): published notices and the named-units directory

export const publicNoticeQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(10),
});
export const publicNoticeSchema = noticeSchema.omit({ objections: true, status: true });
export const publicUnitQuery = listQuery.extend({
  regionCode: regionCode.optional(),
  level: namingLevel.optional(),
  category: categoryCode.optional(),
  year: queryYear.optional(),
});
export type PublicUnitQuery = z.infer<typeof publicUnitQuery>;
export const publicUnitSchema = z.object({
  id: z.string(),
  unitName: z.string(),
  /** The unit's 蒙古文名称 (from 组织机构), "" when none: the portal shows it to visitors who chose Mongolian. */
  unitNameMn: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  category: z.string(),
  categoryLabel: z.string(),
  level: namingLevel,
  certificateNo: z.string(),
  namedOn: z.string(),
  validUntil: z.string(),
});
export const publicMapQuery = z.object({
  regionCode: regionCode.optional(),
  level: namingLevel.optional(),
  category: categoryCode.optional(),
});
export const publicMapSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  points: z.array(z.object({ regionCode: z.string(), regionName: z.string(), count: z.number() })),
  total: z.number(),
});
