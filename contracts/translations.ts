import { z } from "zod";
import { safeText, TEXT_MESSAGES, textProblem } from "./common.js";
import { TRANSLATION_LOCALES, TRANSLATION_SETS, TRANSLATION_STATES } from "./portal-i18n/keys.js";

/**
 * 界面翻译 (issue 17 §5): administrators and translators work on the portal's interface strings in Mongolian —
 * export every key with its Chinese text to .xlsx, translate, import it back (preview, then apply), and edit
 * one string with its state (待翻译/待校对/已校对). Two sets share the workflow: the portal's fixed text and the
 * console's frame and unit-facing pages (界面: 公众门户 / 管理后台); their keys never overlap.
 */

/** The columns of the exported and imported sheet, in order (界面, the set, is for reference: the key decides). */
export const TRANSLATION_COLUMNS = ["键", "中文", "蒙古文", "状态"] as const;
export const TRANSLATION_SET_COLUMN = "界面";
/** Length of one translated string (the portal's longest Chinese text is a few hundred characters). */
export const MAX_TRANSLATION_LENGTH = 2000;

/**
 * What a translated string may not hold, in Chinese, or null: ill-formed Unicode, NUL, control characters
 * (line breaks and tabs included: the portal's strings are single paragraphs) and bidirectional controls. The
 * joiners and variation selectors that Mongolian script needs (U+180B–U+180F, U+200C/U+200D, U+202F) are kept.
 */
export function translationTextProblem(v: string): string | null {
  const problem = textProblem(v, "long");
  if (problem) return TEXT_MESSAGES[problem];
  if (/[\t\n]/.test(v)) return TEXT_MESSAGES.control;
  return null;
}

export const translationLocale = z.enum(TRANSLATION_LOCALES);
export const translationState = z.enum(TRANSLATION_STATES);
export const translationSet = z.enum(TRANSLATION_SETS);
/** A flat interface key ("portal.hero.title"). */
export const translationKey = z
  .string()
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)+$/, { message: "应为界面文案的键，如 portal.hero.title" });
export const translationText = z
  .string()
  .trim()
  .max(MAX_TRANSLATION_LENGTH)
  .superRefine((v, ctx) => {
    const problem = translationTextProblem(v);
    if (problem) ctx.addIssue({ code: "custom", message: problem, input: v });
  });

export const translationListQuery = z.object({
  locale: translationLocale.default("mn-Mong"),
  /** One set (公众门户 or 管理后台); both when absent. */
  set: translationSet.optional(),
  state: translationState.optional(),
  /** Key, Chinese or translated text contains. */
  q: safeText(100).optional(),
});
export type TranslationListQuery = z.infer<typeof translationListQuery>;

export const translationRow = z.object({
  key: z.string(),
  set: translationSet,
  /** The Chinese source text. */
  zh: z.string(),
  /** The effective translation ("" when 待翻译). */
  text: z.string(),
  state: translationState,
  /** The text shipped with the app for this key, if any (what an edit overrides). */
  shipped: z.string().nullable(),
  /** Edited here (a database row) rather than as shipped. */
  edited: z.boolean(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type TranslationRow = z.infer<typeof translationRow>;

export const translationCounts = z.object({
  total: z.number().int(),
  待翻译: z.number().int(),
  待校对: z.number().int(),
  已校对: z.number().int(),
});
export type TranslationCounts = z.infer<typeof translationCounts>;

export const translationList = z.object({
  locale: translationLocale,
  /** Over every key, whatever the filter: 待翻译 is the missing-string count (those keys show in Chinese). */
  counts: translationCounts,
  /** The same counts for each set (the missing strings of the portal and of the console). */
  sets: z.array(z.object({ set: translationSet, label: z.string(), counts: translationCounts })),
  items: z.array(translationRow),
});
export type TranslationList = z.infer<typeof translationList>;

export const translationUpdate = z.strictObject({
  locale: translationLocale.default("mn-Mong"),
  translationKey,
  /** "" with 待翻译: the key shows in Chinese (a shipped string is withdrawn). */
  translation: translationText,
  translationState,
});
export type TranslationUpdate = z.infer<typeof translationUpdate>;

export const translationExportQuery = z.object({
  locale: translationLocale.default("mn-Mong"),
  /** One set; both when absent. */
  set: translationSet.optional(),
});
/** The effective set the portal (portal) or the console (console) shows. */
export const publicTranslationQuery = z.object({ set: translationSet.default("portal") });

const importRowError = z.object({ row: z.number().int(), field: z.string(), message: z.string() });
const textAndState = z.object({ text: z.string(), state: translationState });
/** What an import would change (preview) or changed (apply). */
export const translationImportResult = z.object({
  locale: translationLocale,
  /** Rows read (header excluded). */
  total: z.number().int(),
  /** Rows that change a string (text or state). */
  changes: z.array(
    z.object({ row: z.number().int(), key: z.string(), zh: z.string(), before: textAndState, after: textAndState }),
  ),
  unchanged: z.number().int(),
  /** Each refused row with its column (empty when the file is accepted; a file with errors changes nothing). */
  errors: z.array(importRowError),
  /** Whether the changes were saved (false for a preview and for a file with errors). */
  applied: z.boolean(),
  counts: translationCounts,
});
export type TranslationImportResult = z.infer<typeof translationImportResult>;
