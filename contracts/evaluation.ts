import { z } from "zod";
import { activityIdList, activityRef } from "./activities.js";
import { type ImportRowError, importRowError, safeLongText, safeText, uuid } from "./common.js";

/*
 * 测评指标体系与评分 (PRODUCT.md §2.5). Scores are entered in points with at most one decimal place
 * (0.5 steps are common); the scoring engine (server/modules/evaluation/scoring.ts) works in integer
 * tenths so that sums are exact.
 */

/** The largest max score of one indicator, and the largest total of a set, in points. */
export const MAX_NODE_SCORE = 1000;
export const MAX_SET_TOTAL = 10_000;
/** Indicator trees are 一级/二级/三级指标, occasionally deeper; never deeper than this. */
export const MAX_INDICATOR_DEPTH = 6;

/**
 * True when `v` is a finite number with at most one decimal place. JavaScript prints a number with the
 * shortest text that reads back as the same number, so a value typed as "89.9" prints as "89.9" and a value
 * such as 0.1 + 0.2 prints as "0.30000000000000004" and is refused.
 */
export function hasAtMostOneDecimal(v: number): boolean {
  return Number.isFinite(v) && /^-?\d+(\.\d)?$/.test(String(v));
}

export const ONE_DECIMAL_MESSAGE = "最多保留 1 位小数";

/** A score in points: 0..max, at most one decimal place. */
export const points = (max: number) =>
  z.number().min(0).max(max).refine(hasAtMostOneDecimal, { message: ONE_DECIMAL_MESSAGE });

/** Indicator codes: "1", "1.2", "1.2.3"; each segment 1-3 digits; a child's code extends its parent's. */
export const INDICATOR_CODE_PATTERN = /^[1-9]\d{0,2}(\.[1-9]\d{0,2}){0,5}$/;
export const indicatorCode = z.string().trim().regex(INDICATOR_CODE_PATTERN, {
  message: "指标编码应为 1、1.2、1.2.3 这样以点分隔的数字（每段 1-999）",
});

export const SCORING_METHODS = ["score", "yes_no", "grade"] as const;
export const scoringMethod = z.enum(SCORING_METHODS);
export type ScoringMethod = z.infer<typeof scoringMethod>;
export const SCORING_METHOD_LABELS: Record<ScoringMethod, string> = { score: "打分", yes_no: "是否", grade: "等级" };

export const YES_NO = ["yes", "no"] as const;
export const yesNo = z.enum(YES_NO);
export type YesNo = z.infer<typeof yesNo>;
export const YES_NO_LABELS: Record<YesNo, string> = { yes: "是", no: "否" };

export const GRADES = ["A", "B", "C", "D"] as const;
export const grade = z.enum(GRADES);
export type Grade = z.infer<typeof grade>;
export const GRADE_LABELS: Record<Grade, string> = { A: "A（好）", B: "B（较好）", C: "C（一般）", D: "D（差）" };

/** Naming levels (命名级别). */
export const NAMING_LEVELS = ["national", "region", "city", "county"] as const;
export const namingLevel = z.enum(NAMING_LEVELS);
export type NamingLevel = z.infer<typeof namingLevel>;
export const NAMING_LEVEL_LABELS: Record<NamingLevel, string> = {
  national: "国家级",
  region: "自治区级",
  city: "盟市级",
  county: "旗县级",
};

/** An indicator set is edited as a draft; once published it never changes (a change is a new version). */
export const INDICATOR_SET_STATUSES = ["draft", "published"] as const;
export const indicatorSetStatus = z.enum(INDICATOR_SET_STATUSES);
export type IndicatorSetStatus = z.infer<typeof indicatorSetStatus>;
export const INDICATOR_SET_STATUS_LABELS: Record<IndicatorSetStatus, string> = { draft: "草稿", published: "已发布" };

/** Who fills a score sheet. */
export const SHEET_KINDS = ["self", "expert"] as const;
export const sheetKind = z.enum(SHEET_KINDS);
export type SheetKind = z.infer<typeof sheetKind>;
export const SHEET_KIND_LABELS: Record<SheetKind, string> = { self: "自评", expert: "专家评分" };

/** A sheet locks on submit; a reviewer may return it for rework, which unlocks it. */
export const SHEET_STATUSES = ["draft", "submitted", "returned"] as const;
export const sheetStatus = z.enum(SHEET_STATUSES);
export type SheetStatus = z.infer<typeof sheetStatus>;
export const SHEET_STATUS_LABELS: Record<SheetStatus, string> = {
  draft: "草稿",
  submitted: "已提交",
  returned: "已退回",
};

export const FINAL_SCORE_METHODS = ["mean", "trimmed_mean"] as const;
export const finalScoreMethod = z.enum(FINAL_SCORE_METHODS);
export type FinalScoreMethod = z.infer<typeof finalScoreMethod>;
export const FINAL_SCORE_METHOD_LABELS: Record<FinalScoreMethod, string> = {
  mean: "专家评分平均分",
  trimmed_mean: "去掉一个最高分和一个最低分后的平均分",
};

/** The fraction of an indicator's max score each grade earns: 0..1, at most two decimals, A ≥ B ≥ C ≥ D. */
const gradeFraction = z
  .number()
  .min(0)
  .max(1)
  .refine((v) => Number.isFinite(v) && /^\d(\.\d{1,2})?$/.test(String(v)), { message: "最多保留 2 位小数" });

export const DEFAULT_GRADE_SCALE = { A: 1, B: 0.8, C: 0.6, D: 0 } as const;

export const gradeScale = z
  .strictObject({ A: gradeFraction, B: gradeFraction, C: gradeFraction, D: gradeFraction })
  .refine((g) => g.A >= g.B && g.B >= g.C && g.C >= g.D, { message: "等级得分比例应满足 A ≥ B ≥ C ≥ D" });
export type GradeScale = z.infer<typeof gradeScale>;

/**
 * One indicator (指标) as entered. Only leaves (末级指标) are scored: a leaf needs a method and a max score;
 * a parent needs neither (a max score given on a parent must equal the sum of its leaves). A veto leaf
 * (一票否决) is always a 是否 item: “否” fails it, and any failure means not passed whatever the total.
 * The code and level may be left out: they are generated from the position ("1", "1.2", …).
 */
export type IndicatorNodeInput = {
  code?: string | undefined;
  level?: number | undefined;
  title: string;
  standard?: string | undefined;
  maxScore?: number | null | undefined;
  method?: ScoringMethod | null | undefined;
  evidence?: string | undefined;
  veto?: boolean | undefined;
  children?: IndicatorNodeInput[] | undefined;
};

export const indicatorNodeInput: z.ZodType<IndicatorNodeInput> = z.strictObject({
  code: indicatorCode.optional(),
  level: z.number().int().min(1).max(MAX_INDICATOR_DEPTH).optional(),
  title: safeText(200),
  /** 评分标准 */
  standard: safeLongText(2000).optional(),
  /** 分值 */
  maxScore: points(MAX_NODE_SCORE).nullish(),
  /** 评分方式 */
  method: scoringMethod.nullish(),
  /** 应提供的佐证材料 */
  evidence: safeLongText(1000).optional(),
  /** 一票否决 */
  veto: z.boolean().optional(),
  get children() {
    return z.array(indicatorNodeInput).max(100).optional();
  },
});

const categoryCode = z.string().regex(/^[a-z][a-z0-9_]{1,29}$/, { message: "类别编码不正确" });

const indicatorSetFields = {
  name: safeText(100),
  /** 版本号, e.g. "2024版" or "v2". */
  versionLabel: safeText(30),
  description: safeLongText(2000).optional(),
  /** The unit categories (创建类别 dictionary codes) the set applies to. */
  categories: z
    .array(categoryCode)
    .max(50)
    .refine((a) => new Set(a).size === a.length, { message: "类别不能重复" })
    .default([]),
  /** The naming levels the set applies to. */
  levels: z
    .array(namingLevel)
    .min(1)
    .refine((a) => new Set(a).size === a.length, { message: "命名级别不能重复" }),
  /** 总分: must equal the sum of the leaves' max scores. */
  total: points(MAX_SET_TOTAL).refine((v) => v > 0, { message: "总分应大于 0" }),
  /** 合格线: passed when the score is at least this (and no veto item failed). */
  passLine: points(MAX_SET_TOTAL),
  gradeScale: gradeScale.default({ ...DEFAULT_GRADE_SCALE }),
  nodes: z.array(indicatorNodeInput).min(1).max(100),
};

/** The set's fields without the cross-field rule, for `.partial()` / `.extend()` in routes. */
export const indicatorSetBase = z.strictObject(indicatorSetFields);

export const indicatorSetInput = indicatorSetBase.refine((s) => s.passLine <= s.total, {
  message: "合格线不能高于总分",
  path: ["passLine"],
});
export type IndicatorSetInput = z.infer<typeof indicatorSetInput>;

/** Copying a published set to a new draft version. */
export const indicatorSetCopy = z.strictObject({ versionLabel: safeText(30) });

/** One leaf's score on a sheet: exactly the field that matches the leaf's method, or none yet. */
export const leafScoreEntry = z
  .strictObject({
    nodeCode: indicatorCode,
    /** 打分: 0..max score, at most one decimal. */
    score: points(MAX_NODE_SCORE).optional(),
    /** 是否: 是 → full max score, 否 → 0 (and a failure for a veto item). */
    answer: yesNo.optional(),
    /** 等级: A/B/C/D → the set's grade scale fraction of the max score. */
    grade: grade.optional(),
    comment: safeLongText(1000).optional(),
    evidenceIds: z
      .array(uuid)
      .max(50)
      .refine((a) => new Set(a).size === a.length, { message: "佐证材料不能重复" })
      .optional(),
    /** Activity records (活动) cited as this item's evidence (填一次，多处用): submitted or confirmed, readable by the filler. */
    activityIds: activityIdList.optional(),
  })
  .refine((e) => [e.score, e.answer, e.grade].filter((v) => v !== undefined).length <= 1, {
    message: "分数、是否、等级只能填写其中一项",
  });
export type LeafScoreEntry = z.infer<typeof leafScoreEntry>;

export const scoreSheetSave = z.strictObject({
  entries: z
    .array(leafScoreEntry)
    .max(2000)
    .refine((a) => new Set(a.map((e) => e.nodeCode)).size === a.length, { message: "同一指标只能评分一次" }),
  /** 总体评价 */
  summary: safeLongText(2000).optional(),
});
export type ScoreSheetSave = z.infer<typeof scoreSheetSave>;

/** A reviewer returns a submitted sheet for rework with a reason. */
export const scoreSheetReturn = z.strictObject({ reason: safeLongText(500).pipe(z.string().min(1)) });

/** A row-level problem of an .xlsx import: row number (1 = header), column header, Chinese message. */
/** An indicator import's row error: the shared import row error (contracts/common.ts). */
export const indicatorImportError = importRowError;
export type IndicatorImportError = ImportRowError;

/** Column headers of the indicator sheet (.xlsx), in order; 四级指标… are added only for deeper trees. */
export const INDICATOR_XLSX_COLUMNS = [
  "编码",
  "一级指标",
  "二级指标",
  "三级指标",
  "评分标准",
  "分值",
  "评分方式",
  "佐证材料",
  "一票否决",
] as const;
export const INDICATOR_LEVEL_HEADERS = [
  "一级指标",
  "二级指标",
  "三级指标",
  "四级指标",
  "五级指标",
  "六级指标",
] as const;

// ---------------------------------------------------------------------------------------------------------
// API shapes of stored sets and sheets

/** A stored indicator node: the normalised tree the engine returns (codes and levels filled in). */
export type IndicatorNodeView = {
  code: string;
  level: number;
  parentCode: string | null;
  title: string;
  standard: string;
  maxScore: number | null;
  method: ScoringMethod | null;
  evidence: string;
  veto: boolean;
  children: IndicatorNodeView[];
};
const indicatorNodeView: z.ZodType<IndicatorNodeView> = z.object({
  code: z.string(),
  level: z.number(),
  parentCode: z.string().nullable(),
  title: z.string(),
  standard: z.string(),
  maxScore: z.number().nullable(),
  method: scoringMethod.nullable(),
  evidence: z.string(),
  veto: z.boolean(),
  get children() {
    return z.array(indicatorNodeView);
  },
});

export const indicatorSetSummary = z.object({
  id: z.string(),
  familyId: z.string(),
  version: z.number(),
  versionLabel: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  categories: z.array(z.string()),
  /** The categories' names, in the same order (readers without the 创建类别 dictionary see names too). */
  categoryLabels: z.array(z.string()),
  levels: z.array(namingLevel),
  total: z.number(),
  passLine: z.number(),
  status: indicatorSetStatus,
  ownerOrgId: z.string(),
  ownerOrgName: z.string(),
  regionCode: z.string(),
  leafCount: z.number(),
  vetoCount: z.number(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IndicatorSetSummary = z.infer<typeof indicatorSetSummary>;
export const indicatorSetView = indicatorSetSummary.extend({ gradeScale, nodes: z.array(indicatorNodeView) });
export type IndicatorSetView = z.infer<typeof indicatorSetView>;

export const indicatorSetListQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: safeText(50).optional(),
  status: indicatorSetStatus.optional(),
  level: namingLevel.optional(),
  category: categoryCode.optional(),
});

export const scoreSheetView = z.object({
  id: z.string(),
  setId: z.string(),
  kind: sheetKind,
  subjectType: z.string(),
  subjectId: z.string(),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  ownerOrgId: z.string(),
  status: sheetStatus,
  entries: z.array(
    z.object({
      nodeCode: z.string(),
      score: z.number().optional(),
      answer: yesNo.optional(),
      grade: grade.optional(),
      comment: z.string().optional(),
      evidenceIds: z.array(z.string()).optional(),
      activityIds: z.array(z.string()).optional(),
      /** The cited records as they were when the item was saved (title, date, organizer). */
      activities: z.array(activityRef).optional(),
    }),
  ),
  summary: z.string().nullable(),
  /** Live score of what is entered so far (for a draft) or the locked score (submitted). */
  total: z.number(),
  byNode: z.record(z.string(), z.number()),
  vetoFailed: z.array(z.string()),
  missing: z.array(z.string()),
  passed: z.boolean(),
  submittedAt: z.string().nullable(),
  returnedReason: z.string().nullable(),
  updatedAt: z.string(),
});
export type ScoreSheetView = z.infer<typeof scoreSheetView>;
