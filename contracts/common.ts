import { z } from "zod";

/**
 * What a text field refuses. Safety against injection comes from parameterised SQL and escaping on output, so
 * every printable character is accepted, ASCII punctuation included (完成率>90%, 一是…; 二是…, "Title").
 * Refused are the characters that hide or disguise text rather than write it.
 */
export const TEXT_MESSAGES = {
  illFormed: "含有无效的 Unicode 字符（不成对的代理项）",
  nul: "不能包含空字符（NUL）",
  control: "不能包含控制字符",
  lineBreak: "不能包含换行符、制表符或其他控制字符",
  bidi: "不能包含双向文本控制字符（如 U+202E 从右至左覆盖）",
  zeroWidth: "不能包含零宽字符（如 U+200B 零宽空格）",
} as const;
export type TextProblem = keyof typeof TEXT_MESSAGES;

/** A lone (unpaired) UTF-16 surrogate: the string is not well-formed Unicode and cannot be stored as is. */
const LONE_SURROGATE = /\p{Cs}/u;
/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** The same without tab and line feed, which long text keeps (CR LF arrives as LF, see `safeLongText`). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this finds
const CONTROL_LONG = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
/** Bidirectional embeddings, overrides, isolates and marks (ALM, LRM, RLM): they reorder how text is shown. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Zero-width space, joiners, word joiner and BOM: invisible, so two names that look the same would differ. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/;

/**
 * The first problem of a string for a field of the given kind, or null when it is acceptable.
 * `raw`: every string input (passwords too): only ill-formed Unicode and NUL. `long`: free text, keeps tab and
 * line feed and zero-width joiners (emoji, Mongolian script). `line`: names, titles, keywords, file names.
 */
export function textProblem(v: string, kind: "raw" | "line" | "long"): TextProblem | null {
  if (LONE_SURROGATE.test(v)) return "illFormed";
  if (v.includes("\u0000")) return "nul";
  if (kind === "raw") return null;
  if ((kind === "line" ? CONTROL : CONTROL_LONG).test(v)) return kind === "line" ? "lineBreak" : "control";
  if (BIDI.test(v)) return "bidi";
  if (kind === "line" && ZERO_WIDTH.test(v)) return "zeroWidth";
  return null;
}

/** A text turned into one a single-line field accepts: each refused character becomes a space (file name → title). */
export function asLineText(v: string): string {
  return v
    .replace(/\p{Cs}/gu, " ")
    .replace(new RegExp(`${CONTROL.source}|${BIDI.source}|${ZERO_WIDTH.source}`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A text turned into one a long-text field accepts: line breaks become LF, other refused characters are dropped. */
export function asLongText(v: string): string {
  return v
    .replace(/\r\n?|[\u2028\u2029]/g, "\n")
    .replace(/\p{Cs}/gu, "")
    .replace(new RegExp(`${CONTROL_LONG.source}|${BIDI.source}`, "g"), "")
    .trim();
}

const checkText = (kind: "line" | "long") => (v: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(v, kind);
  if (problem) ctx.addIssue({ code: "custom", message: TEXT_MESSAGES[problem], input: v });
};

/** A short single-line text (names, titles, keywords): trimmed, length-bounded, printable, one line. */
export const safeText = (max: number, min = 1) => z.string().trim().min(min).max(max).superRefine(checkText("line"));

/**
 * A longer free text (descriptions, narratives, opinions): trimmed, bounded; line feeds and tabs allowed
 * (CR LF and a lone CR become LF), other control characters and bidirectional controls refused.
 */
export const safeLongText = (max: number) =>
  z
    .string()
    .overwrite((v) => v.replace(/\r\n?/g, "\n"))
    .trim()
    .max(max)
    .superRefine(checkText("long"));

export const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, {
  message: "应为 2、4、6、9 或 12 位数字的行政区划代码",
});

export const uuid = z.uuid();

/** A dictionary entry's code (字典编码): stable, stored on the records that use it. */
export const dictCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: "编码应以小写字母开头，只含小写字母、数字和下划线（不超过 40 个字符）" });

/** Query-string boolean: "true"/"false"/"1"/"0". */
export const queryBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: safeText(50).optional(),
});

/**
 * A page of a list. `totalCapped`: the list counted only up to COUNT_CAP rows and has more (`total` is then the
 * cap, shown as “超过 1 万条”): a 旗's 50,000 cases need not be counted on every page.
 */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.boolean().optional(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** How far a capped list count goes (cappedCount in server/core/paging.ts). */
export const COUNT_CAP = 10_000;

export const idParams = z.object({ id: uuid });

/** The rows a user selected on a list (导出所选): ids separated by commas in the query string, at most 200 (as many as a bulk action; the URL stays under 8 KB). */
export const selectedIds = z
  .string()
  .max(8_000, { message: "一次最多导出所选的 200 条" })
  .transform((s) => s.split(",").filter(Boolean))
  .pipe(
    z
      .array(z.uuid({ message: "所选记录的编号格式不正确" }))
      .min(1, { message: "请至少选择一条记录" })
      .max(200, { message: "一次最多导出所选的 200 条" }),
  );
/** A list's export query: its filters without paging, and optionally the selected rows (导出所选). */
export function exportQueryOf<T extends z.ZodObject>(
  listQuery: T,
): z.ZodObject<Omit<T["shape"], "page" | "pageSize"> & { ids: z.ZodOptional<typeof selectedIds> }> {
  const paged = listQuery as unknown as z.ZodObject<{ page: z.ZodType; pageSize: z.ZodType }>;
  return paged.omit({ page: true, pageSize: true }).extend({ ids: selectedIds.optional() }) as never;
}

/** An object and one file of the material library it references (its 佐证材料). */
export const evidenceParams = z.object({ id: uuid, evidenceId: uuid });

export const okResult = z.object({ ok: z.literal(true) });

export const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Sort parameter "field" or "-field" restricted to the given field names. */
export const sortParam = <const F extends readonly [string, ...string[]]>(fields: F) =>
  z
    .string()
    .regex(new RegExp(`^-?(${fields.join("|")})$`), {
      message: `排序字段应为：${fields.join("、")}（前加 - 表示倒序）`,
    })
    .optional();

/**
 * One row's problem in an uploaded spreadsheet (organization and indicator imports): the 1-based sheet row
 * (0 for the file as a whole), the column's header, and what is wrong, in Chinese. Sent as the `errors` of an
 * IMPORT_FAILED error's details.
 */
export const importRowError = z.object({ row: z.number(), field: z.string(), message: z.string() });
export type ImportRowError = z.infer<typeof importRowError>;

/** A bulk action's selection (批量操作): 1–200 objects of one list, each checked and acted on by itself. */
export const bulkIds = z.object({
  ids: z.array(uuid).min(1, { message: "请至少选择一项" }).max(200, { message: "一次最多处理 200 项" }),
});
/** What a bulk action did: every selected object by name, and why each that was not done was refused. */
export const bulkResult = z.object({
  total: z.number().int(),
  succeeded: z.array(z.object({ id: uuid, name: z.string() })),
  failed: z.array(z.object({ id: uuid, name: z.string(), reason: z.string() })),
});
export type BulkResult = z.infer<typeof bulkResult>;
