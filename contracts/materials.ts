import { z } from "zod";
import { listQuery, queryBool, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";
import { beijingDate } from "./dates.js";

/** Upload limit of one evidence file. */
export const MAX_MATERIAL_BYTES = 20 * 1024 * 1024;

export const MATERIAL_KIND_LABELS = {
  image: "图片",
  pdf: "PDF",
  office: "Office 文档",
  video: "视频",
  text: "文本",
} as const;
export type MaterialKind = keyof typeof MATERIAL_KIND_LABELS;

const tag = safeText(20);
const dateString = z.iso.date({ message: "应为 YYYY-MM-DD 格式的日期" });

/**
 * A list's date bound: a date, or an ISO timestamp (what the console's date range filter sends: the start or
 * end of a day in Beijing time) read as its date in Beijing time.
 */
const dateBound = z
  .string()
  .max(40)
  .transform((v) => {
    if (!v.includes("T")) return v;
    const ms = Date.parse(v);
    return Number.isNaN(ms) ? v : beijingDate(ms);
  })
  .pipe(dateString);

/** The form fields sent with an upload (multipart), besides the file itself. */
export const materialUploadFields = z.strictObject({
  title: safeText(100),
  materialDate: dateString.optional(),
  tags: z.array(tag).max(10).default([]),
  description: safeLongText(500).optional(),
  orgId: uuid.optional(),
});

export const materialUpdate = z.strictObject({
  title: safeText(100).optional(),
  materialDate: dateString.nullable().optional(),
  tags: z.array(tag).max(10).optional(),
  description: safeLongText(500).nullable().optional(),
});

export const materialSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  regionCode: z.string(),
  ownerId: z.string(),
  ownerName: z.string(),
  title: z.string(),
  materialDate: z.string().nullable(),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  fileName: z.string(),
  fileHash: z.string(),
  mimeType: z.string(),
  kind: z.enum(["image", "pdf", "office", "video", "text"]),
  size: z.number(),
  previewable: z.boolean(),
  status: z.enum(["active", "archived"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Material = z.infer<typeof materialSchema>;

export const materialUploadResult = materialSchema.extend({ duplicate: z.boolean() });

export const materialListQuery = listQuery.extend({
  orgId: uuid.optional(),
  regionCode: regionCode.optional(),
  tag: tag.optional(),
  kind: z.enum(["image", "pdf", "office", "video", "text"]).optional(),
  status: z.enum(["active", "archived"]).default("active"),
  /** Only what the caller uploaded. */
  mine: queryBool.optional(),
  from: dateBound.optional(),
  to: dateBound.optional(),
  sort: sortParam(["title", "materialDate", "createdAt", "size"]),
});
export type MaterialListQuery = z.infer<typeof materialListQuery>;
