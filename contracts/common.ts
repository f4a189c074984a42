import { z } from "zod";

/** Characters never accepted in names, titles and search keywords: markup, quotes, statement separators, controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this rejects
const UNSAFE_TEXT = /[<>'";\\\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this rejects
const UNSAFE_LONG_TEXT = /[<>'";\\\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const UNSAFE_TEXT_MESSAGE = "含有不允许的字符（如 < > ' \" ; \\ 或控制字符）";

/** A short single-line text (names, titles): trimmed, length-bounded, free of markup and quotes. */
export const safeText = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !UNSAFE_TEXT.test(v), { message: UNSAFE_TEXT_MESSAGE });

/**
 * A longer free text (addresses, descriptions): line breaks allowed; markup, ASCII quotes, semicolons,
 * backslashes and control characters refused (Chinese text uses full-width “”；).
 */
export const safeLongText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !UNSAFE_LONG_TEXT.test(v), { message: UNSAFE_TEXT_MESSAGE });

export const regionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, {
  message: "应为 2、4、6、9 或 12 位数字的行政区划代码",
});

export const uuid = z.uuid();

/** Query-string boolean: "true"/"false"/"1"/"0". */
export const queryBool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const listQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: safeText(50).optional(),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const idParams = z.object({ id: uuid });
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
