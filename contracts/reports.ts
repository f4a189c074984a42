/**
 * 报表中心: the standard reports of every module in one place — what each asks for, generated as .docx/.xlsx, and
 * the history of the files the user generated.
 */
import { z } from "zod";
import { pageOf, uuid } from "./common.js";

export const REPORT_FORMATS = ["xlsx", "docx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const REPORT_PARAM_KINDS = ["select", "year", "date"] as const;
export type ReportParamKind = (typeof REPORT_PARAM_KINDS)[number];

export const reportParamView = z.object({
  name: z.string(),
  label: z.string(),
  kind: z.enum(REPORT_PARAM_KINDS),
  required: z.boolean(),
  help: z.string().nullable(),
  options: z.array(z.object({ value: z.string(), label: z.string() })).nullable(),
  initial: z.string().nullable(),
});
export const reportDefinitionView = z.object({
  key: z.string(),
  group: z.string(),
  title: z.string(),
  description: z.string(),
  format: z.enum(REPORT_FORMATS),
  params: z.array(reportParamView),
});
export type ReportDefinitionView = z.infer<typeof reportDefinitionView>;

export const reportKeyParams = z.object({ key: z.string().regex(/^[a-z]+\.[a-z-]+$/, { message: "报表代码无效" }) });
/** The values of a report's parameters, by name (each checked against the report's own list). */
export const reportRunBody = z.strictObject({
  params: z.record(z.string().max(40), z.string().max(200)).default({}),
});

export const reportRunView = z.object({
  id: uuid,
  reportKey: z.string(),
  title: z.string(),
  format: z.enum(REPORT_FORMATS),
  /** The parameters as the user chose them, in words (名称, not ids). */
  paramsText: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
});
export type ReportRunView = z.infer<typeof reportRunView>;
export const reportRunPage = pageOf(reportRunView);
export const reportRunQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
