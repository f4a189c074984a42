import { z } from "zod";
import { dictCode, safeText } from "./common.js";

/** A YYYY-MM-DD date that exists. */
export const calendarDate = z.iso.date({ message: "应为有效日期（YYYY-MM-DD）" });

export const specialDayKind = z.enum(["holiday", "workday"]);
export const SPECIAL_DAY_KIND_LABELS: Record<z.infer<typeof specialDayKind>, string> = {
  holiday: "放假",
  workday: "调休上班",
};
export const CALENDAR_SOURCE_LABELS: Record<"official" | "manual", string> = {
  official: "国务院通知（内置）",
  manual: "管理员录入",
};

export const specialDay = z.object({
  date: calendarDate,
  kind: specialDayKind,
  name: z.string(),
  source: z.enum(["official", "manual"]),
  weekday: z.string(),
  updatedAt: z.string(),
});
export type SpecialDayRow = z.infer<typeof specialDay>;

export const calendarQuery = z.object({
  year: z.coerce.number().int().min(2000, { message: "年份应在 2000–2100 之间" }).max(2100, {
    message: "年份应在 2000–2100 之间",
  }),
});

export const calendarYear = z.object({
  year: z.number().int(),
  /** The year's official days are in the calendar (at least one holiday listed). */
  covered: z.boolean(),
  coveredYears: z.array(z.number().int()),
  workingDays: z.number().int(),
  days: z.array(specialDay),
});

export const specialDayUpsert = z.strictObject({
  kind: specialDayKind,
  name: safeText(30),
});
export const calendarDateParams = z.object({ date: calendarDate });

export const workingDayQuery = z.object({
  from: calendarDate,
  days: z.coerce.number().int().min(1, { message: "应为 1–365 的整数" }).max(365, { message: "应为 1–365 的整数" }),
});
export const workingDayResult = z.object({
  from: z.string(),
  days: z.number().int(),
  /** The `days`-th working day after `from`. */
  date: z.string(),
  /** A 公示 window of `days` working days starting on or after `from`. */
  window: z.object({ startsOn: z.string(), endsOn: z.string() }),
  skipped: z.array(specialDay.pick({ date: true, kind: true, name: true })),
});

/* ——— 字典管理 ——— */

/** A dictionary type code ("org_type", "creation_category", each module's own). */
export const dictTypeCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: "字典类型编码不正确" });
export const dictTypeRow = z.object({
  type: z.string(),
  /** The registered Chinese name; the code itself for a type no module registered. */
  name: z.string(),
  module: z.string().nullable(),
  entries: z.number().int(),
  enabled: z.number().int(),
});
export const dictEntryRow = z.object({
  code: z.string(),
  label: z.string(),
  labelMn: z.string().nullable(),
  sort: z.number().int(),
  enabled: z.boolean(),
  /** Records using the code; null when the owning module does not count them (then it cannot be deleted). */
  usage: z.number().int().nullable(),
});
export type DictTypeRow = z.infer<typeof dictTypeRow>;
export type DictEntryRow = z.infer<typeof dictEntryRow>;

export const dictTypeParams = z.object({ type: dictTypeCode });
export const dictEntryParams = z.object({ type: dictTypeCode, code: dictCode });
export const dictEntryCreate = z.strictObject({
  code: dictCode,
  label: safeText(40),
  labelMn: safeText(80).optional(),
});
export const dictEntryUpdate = z.strictObject({
  label: safeText(40).optional(),
  /** "" clears the Mongolian label. */
  labelMn: safeText(80, 0).optional(),
  enabled: z.boolean().optional(),
});
export const dictOrder = z.strictObject({
  codes: z.array(dictCode).min(1).max(500),
});

/* ——— 参数设置 ——— */

export const settingFieldView = z.object({
  name: z.string(),
  label: z.string(),
  help: z.string(),
  unit: z.string().nullable(),
  type: z.enum(["number", "boolean", "string"]),
  value: z.union([z.number(), z.boolean(), z.string()]),
  default: z.union([z.number(), z.boolean(), z.string()]),
  min: z.number().nullable(),
  max: z.number().nullable(),
});
export const settingGroupView = z.object({
  key: z.string(),
  name: z.string(),
  permission: z.string(),
  fields: z.array(settingFieldView),
});
export type SettingGroupView = z.infer<typeof settingGroupView>;
export type SettingFieldView = z.infer<typeof settingFieldView>;
export const settingGroupParams = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: "参数组不正确" }),
});
/** A group's fields by name; each is checked against its own definition (errors name the field in Chinese). */
export const settingGroupUpdate = z.record(
  z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, { message: "参数名不正确" }),
  z.union([z.number(), z.boolean(), safeText(200, 0)]),
);

/* ——— 定时任务 ——— */

/** Chinese names of the platform's job kinds; a kind not listed shows its code. */
export const JOB_KIND_LABELS: Record<string, string> = {
  "sessions.purge": "清理过期会话",
  "jobs.purge": "清理后台任务记录",
  "audit.anchor": "审计链锚定",
  "plans.escalate": "规划任务逾期督办",
  "creation.designation.expire": "命名到期处理",
  "creation.reverification.open": "开启到期复验",
  "disputes.escalate": "矛盾纠纷与零报告逾期提醒",
  "notify.digest": "消息每日汇总",
  "services.escalate": "服务诉求超时提醒",
  "services.purge_files": "清理超期服务档案个人信息",
  "ops.backup": "定时备份",
  "bases.booking.remind": "参观预约前一日提醒",
};
export const jobKindParams = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_.]{1,59}$/, { message: "任务类型不正确" }),
});
export const jobKindRow = z.object({
  kind: z.string(),
  name: z.string(),
  /** Seconds between scheduled runs; null for a kind only queued on demand. */
  intervalSeconds: z.number().int().nullable(),
  nextRunAt: z.string().nullable(),
  lastStartedAt: z.string().nullable(),
  lastDurationMs: z.number().int().nullable(),
  lastOk: z.boolean().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number().int(),
  runs: z.number().int(),
  failures: z.number().int(),
  queued: z.number().int(),
  /** Failed at least the alert threshold (参数设置) times in a row. */
  alert: z.boolean(),
});
export const jobOverview = z.object({ alertThreshold: z.number().int(), kinds: z.array(jobKindRow) });
export const jobRunRow = z.object({
  id: z.string(),
  status: z.enum(["queued", "running", "done", "failed"]),
  attempts: z.number().int(),
  runAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  manual: z.boolean(),
});
export type JobKindRow = z.infer<typeof jobKindRow>;
export type JobRunRow = z.infer<typeof jobRunRow>;

/* ——— 导入中心 ——— */

/** Every import of the platform: where it is done, its template, and who may run it. */
export const IMPORT_KINDS = {
  orgs: {
    label: "组织机构",
    permission: "org:import",
    page: "/orgs",
    templateUrl: "/api/orgs/import-template",
    note: "按模板填写 .xlsx，逐行校验；有一行错误则一行也不导入，可下载错误明细修改后重新导入",
  },
  indicator_sets: {
    label: "指标体系",
    permission: "evaluation:manage",
    page: "/evaluation/indicator-sets",
    templateUrl: "/api/indicator-sets/import-template",
    note: "按模板填写指标（.xlsx），导入后生成草稿，核对后发布",
  },
  plans: {
    label: "规划文本",
    permission: "plan:manage",
    page: "/plans/import",
    templateUrl: null,
    note: "上传规划的 .docx 或 .txt，识别章节、任务和责任单位，预览核对后确认导入",
  },
  translations: {
    label: "界面翻译",
    permission: "system:settings",
    page: "/system/translations",
    templateUrl: "/api/system/translations/export",
    note: "导出全部界面文案（键、中文、蒙古文、状态）交翻译人员填写，导入前预览；有一行错误则一条也不导入",
  },
} as const satisfies Record<
  string,
  { label: string; permission: string; page: string; templateUrl: string | null; note: string }
>;
export type ImportKind = keyof typeof IMPORT_KINDS;
export const importRunQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  kind: z.enum(Object.keys(IMPORT_KINDS) as [ImportKind, ...ImportKind[]]).optional(),
});
export const importRunRow = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  userName: z.string(),
  orgName: z.string(),
  fileName: z.string(),
  startedAt: z.string(),
  durationMs: z.number().int(),
  status: z.enum(["succeeded", "failed"]),
  totalRows: z.number().int(),
  importedRows: z.number().int(),
  errorRows: z.number().int(),
  summary: z.string(),
});
export type ImportRunRow = z.infer<typeof importRunRow>;
export const importCenter = z.object({
  kinds: z.array(
    z.object({
      kind: z.string(),
      label: z.string(),
      page: z.string(),
      templateUrl: z.string().nullable(),
      note: z.string(),
    }),
  ),
  runs: z.object({
    items: z.array(importRunRow),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  }),
});
export type ImportCenter = z.infer<typeof importCenter>;

/**
 * 地图数据: a licensed boundary file (GeoJSON FeatureCollection) an administrator loads for one level of the
 * division tree, with its 审图号 and source. Without one the dashboard draws the tile view.
 */
export const REGION_MAP_LEVELS = {
  province: { label: "省级", length: 2 },
  city: { label: "盟市", length: 4 },
  county: { label: "旗县", length: 6 },
  town: { label: "苏木乡镇", length: 9 },
} as const;
export type RegionMapLevel = keyof typeof REGION_MAP_LEVELS;
export const regionMapLevel = z.enum(["province", "city", "county", "town"], {
  message: "应为 省级、盟市、旗县 或 苏木乡镇",
});
/** The limits of an upload: the file, its features and the positions of all its rings together. */
export const REGION_MAP_LIMITS = { maxBytes: 20 * 1024 * 1024, maxFeatures: 5000, maxPositions: 2_000_000 } as const;

/** The text fields beside the file (multipart). */
export const regionMapUpload = z.strictObject({
  mapLevel: regionMapLevel,
  /** The feature property holding the 行政区划代码 (adcode, code, …). */
  codeProperty: z
    .string()
    .trim()
    .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,39}$/, { message: "应为字母开头的属性名，如 adcode、code（不超过 40 个字符）" })
    .default("adcode"),
  approvalNo: safeText(60),
  source: safeText(100),
  /** "true": check and report only, nothing saved. */
  preview: z.enum(["true", "false"]).default("false"),
});
export type RegionMapUpload = z.infer<typeof regionMapUpload>;

export const regionMapRow = z.object({
  id: z.string(),
  mapLevel: regionMapLevel,
  levelLabel: z.string(),
  codeProperty: z.string(),
  approvalNo: z.string(),
  source: z.string(),
  fileName: z.string(),
  featureCount: z.number().int(),
  bytes: z.number().int(),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
});
export type RegionMapRow = z.infer<typeof regionMapRow>;

/** A feature left out: its name and code as the file has them, and why. */
export const regionMapSkipped = z.object({
  index: z.number().int(),
  name: z.string(),
  code: z.string(),
  reason: z.string(),
});
export type RegionMapSkipped = z.infer<typeof regionMapSkipped>;

export const regionMapUploadResult = z.object({
  saved: z.boolean(),
  /** Features whose code is a region of the chosen level in the division tree. */
  matched: z.number().int(),
  /** Matched regions by their name in the division tree (first 50). */
  matchedNames: z.array(z.string()),
  skipped: z.array(regionMapSkipped),
  map: regionMapRow.nullable(),
});
export type RegionMapUploadResult = z.infer<typeof regionMapUploadResult>;
