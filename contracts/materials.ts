import { z } from "zod";
import { listQuery, regionCode, safeLongText, safeText, sortParam, uuid } from "./common.js";

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
  from: dateString.optional(),
  to: dateString.optional(),
  sort: sortParam(["title", "materialDate", "createdAt", "size"]),
});
export type MaterialListQuery = z.infer<typeof materialListQuery>;
