/**
 * 界面翻译 (issue 17 §5): the interface strings in Mongolian, as translators and administrators work on them, in
 * two sets: the portal's fixed text (contracts/portal-i18n) and the console's frame and unit-facing pages
 * (contracts/console-i18n). The keys and their Chinese text are the apps' own; the app ships a first set of each
 * (mn.ts, every string 待校对); strings edited here or imported from the translators' sheet are kept in
 * ui_translations and override the shipped ones. The portal and the console read their effective set
 * (publicTranslations).
 */
import { eq } from "drizzle-orm";
import type { ImportRowError } from "../../../contracts/common.js";
import { consoleMn } from "../../../contracts/console-i18n/mn.js";
import { consoleZh } from "../../../contracts/console-i18n/zh-CN.js";
import {
  entriesOf,
  placeholders,
  setOfKey,
  TRANSLATION_SET_LABELS,
  TRANSLATION_SETS,
  type TranslationLocale,
  type TranslationSet,
  type TranslationState,
  type Translations,
} from "../../../contracts/portal-i18n/keys.js";
import { portalMn } from "../../../contracts/portal-i18n/mn.js";
import { portalZh } from "../../../contracts/portal-i18n/zh-CN.js";
import {
  MAX_TRANSLATION_LENGTH,
  TRANSLATION_COLUMNS,
  TRANSLATION_SET_COLUMN,
  type TranslationCounts,
  type TranslationImportResult,
  type TranslationList,
  type TranslationListQuery,
  type TranslationRow,
  type TranslationUpdate,
  translationState,
  translationTextProblem,
} from "../../../contracts/translations.js";
import type { Ctx } from "../../core/context.js";
import { AppError, errors } from "../../core/errors.js";
import { t } from "../../core/i18n.js";
import { buildXlsx } from "../../core/xlsx.js";
import { readXlsxUpload, type XlsxSheet } from "../../core/xlsx-read.js";
import type { Queryable, Tx } from "../../db/client.js";
import { diff, recordAudit } from "../audit/index.js";
import { uiTranslations } from "./system.schema.js";

const T = uiTranslations;
/** Rows of one import: every key once, with room to spare (the portal has a few hundred keys). */
export const MAX_TRANSLATION_ROWS = 5000;

/**
 * Each locale's source: every key with its Chinese text (in source order: the portal's, then the console's), and
 * the sets shipped with the app. The two key sets never overlap (portal keys begin with "portal.").
 */
const SOURCES: Record<TranslationLocale, { zh: [string, string][]; shipped: Translations; label: string }> = {
  "mn-Mong": {
    zh: [...entriesOf({ portal: portalZh }), ...entriesOf(consoleZh)],
    shipped: { ...portalMn, ...consoleMn },
    label: "蒙古文",
  },
};
const ZH = Object.fromEntries(Object.entries(SOURCES).map(([locale, s]) => [locale, new Map(s.zh)])) as Record<
  TranslationLocale,
  Map<string, string>
>;
const zhOf = (locale: TranslationLocale) => ZH[locale];

export const translationEntityId = (locale: string, key: string) => `${locale}/${key}`;
/** Whether the portal has this key (a translation can be kept for it). */
export const isTranslationKey = (locale: TranslationLocale, key: string) => zhOf(locale).has(key);

/**
 * Every key (of one set, or both) with its effective translation: the database row if there is one, else the
 * shipped string.
 */
async function effectiveRows(
  db: Queryable,
  locale: TranslationLocale,
  set?: TranslationSet,
): Promise<TranslationRow[]> {
  const rows = await db.select().from(T).where(eq(T.locale, locale));
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const { zh, shipped } = SOURCES[locale];
  return zh
    .filter(([key]) => !set || setOfKey(key) === set)
    .map(([key, source]) => {
      const r = byKey.get(key);
      const s = shipped[key];
      const text = r ? r.text : (s?.text ?? "");
      const state: TranslationState = text ? (r ? r.state : (s?.state ?? "待校对")) : "待翻译";
      return {
        key,
        set: setOfKey(key),
        zh: source,
        text: state === "待翻译" ? "" : text,
        state,
        shipped: s?.text || null,
        edited: Boolean(r),
        updatedByName: r?.updatedByName ?? null,
        updatedAt: r?.updatedAt.toISOString() ?? null,
      };
    });
}

function countsOf(rows: TranslationRow[]): TranslationCounts {
  const counts: TranslationCounts = { total: rows.length, 待翻译: 0, 待校对: 0, 已校对: 0 };
  for (const r of rows) counts[r.state]++;
  return counts;
}

/**
 * 界面翻译 list: every key (filtered by set, state and text), with the counts by state over all keys and per set
 * (待翻译 is each set's missing-string count).
 */
export async function listTranslations(ctx: Ctx, q: TranslationListQuery): Promise<TranslationList> {
  const rows = await effectiveRows(ctx.db, q.locale);
  const needle = q.q?.toLowerCase();
  const sets = TRANSLATION_SETS.map((set) => ({
    set,
    label: TRANSLATION_SET_LABELS[set],
    counts: countsOf(rows.filter((r) => r.set === set)),
  }));
  const items = rows.filter(
    (r) =>
      (!q.set || r.set === q.set) &&
      (!q.state || r.state === q.state) &&
      (!needle || [r.key, r.zh, r.text].some((s) => s.toLowerCase().includes(needle))),
  );
  return { locale: q.locale, counts: countsOf(rows), sets, items };
}

/**
 * The set the portal (or the console) shows: every key of it that has a translation (待校对 or 已校对); the
 * others show in Chinese.
 */
export async function publicTranslations(
  ctx: Pick<Ctx, "db">,
  locale: TranslationLocale,
  set: TranslationSet = "portal",
): Promise<Translations> {
  const rows = await effectiveRows(ctx.db, locale, set);
  const out: Translations = {};
  for (const r of rows) if (r.state !== "待翻译") out[r.key] = { text: r.text, state: r.state };
  return out;
}

/**
 * What is wrong with a translation of `zh` (text already free of refused characters), or null: text and state
 * agree (empty ⇔ 待翻译), and a translation keeps the placeholders of its Chinese text.
 */
function translationProblem(
  zh: string,
  text: string,
  state: TranslationState,
): { on: "text" | "state"; message: string } | null {
  if (!text && state !== "待翻译") return { on: "text", message: t("system.translation_text_required", { state }) };
  if (text && state === "待翻译") return { on: "state", message: t("system.translation_state_untranslated") };
  if (text) {
    const want = placeholders(zh);
    const have = placeholders(text);
    if (want.join() !== have.join())
      return {
        on: "text",
        message: t("system.translation_placeholders", {
          want: want.map((p) => `{${p}}`).join("、") || "无",
          have: have.map((p) => `{${p}}`).join("、") || "无",
        }),
      };
  }
  return null;
}

async function write(
  ctx: Ctx,
  tx: Tx,
  locale: TranslationLocale,
  before: TranslationRow,
  text: string,
  state: TranslationState,
  action: "translation.update" | "translation.import",
) {
  const now = ctx.clock.now();
  const values = {
    text,
    state,
    updatedBy: ctx.actor.userId,
    updatedByName: ctx.actor.displayName,
    updatedAt: now,
  };
  await tx
    .insert(T)
    .values({ locale, key: before.key, ...values })
    .onConflictDoUpdate({ target: [T.locale, T.key], set: values });
  await recordAudit(tx, ctx.clock, ctx.actor, {
    category: "data",
    action,
    entity: "ui_translation",
    entityId: translationEntityId(locale, before.key),
    summary: `${action === "translation.import" ? "导入" : "修改"}${SOURCES[locale].label}译文“${before.zh.slice(0, 30)}”（${before.key}）`,
    changes: diff({ text: before.text, state: before.state }, { text, state }),
  });
}

/** Edits one string: its text and state, checked like an imported row; audited with the change. */
export async function updateTranslation(ctx: Ctx, input: TranslationUpdate): Promise<TranslationRow> {
  const { locale, translationKey: key, translation: text, translationState: state } = input;
  const zh = zhOf(locale).get(key);
  if (zh === undefined) throw errors.field("translationKey", "system.translation_key_unknown", { key });
  const problem = translationProblem(zh, text, state);
  if (problem) {
    const field = problem.on === "text" ? "translation" : "translationState";
    throw new AppError(400, "VALIDATION_FAILED", t("errors.validation", { detail: problem.message }), {
      fields: [{ field, label: problem.on === "text" ? "译文" : "翻译状态", message: problem.message }],
    });
  }
  await ctx.db.transaction(async (tx) => {
    const before = (await effectiveRows(tx, locale)).find((r) => r.key === key)!;
    if (before.text === text && before.state === state) return;
    await write(ctx, tx, locale, before, text, state, "translation.update");
  });
  return (await effectiveRows(ctx.db, locale)).find((r) => r.key === key)!;
}

/**
 * Every key (of one set, or both) with its Chinese text, translation and state, as .xlsx for translators (键, 中文,
 * 蒙古文, 状态, and 界面 naming the set for reference).
 */
export async function exportTranslations(ctx: Ctx, locale: TranslationLocale, set?: TranslationSet) {
  const rows = await effectiveRows(ctx.db, locale, set);
  const [key, zh, text, state] = TRANSLATION_COLUMNS;
  const content = await buildXlsx(
    `${SOURCES[locale].label}翻译`,
    [
      { header: key, width: 36, value: (r: TranslationRow) => r.key },
      { header: zh, width: 50, value: (r: TranslationRow) => r.zh },
      { header: text, width: 50, value: (r: TranslationRow) => r.text },
      { header: state, width: 10, value: (r: TranslationRow) => r.state },
      { header: TRANSLATION_SET_COLUMN, width: 10, value: (r: TranslationRow) => TRANSLATION_SET_LABELS[r.set] },
    ],
    rows,
  );
  await ctx.db.transaction((tx) =>
    recordAudit(tx, ctx.clock, ctx.actor, {
      category: "export",
      action: "translation.export",
      entity: "ui_translation",
      entityId: locale,
      summary: `导出${SOURCES[locale].label}界面翻译${set ? `（${TRANSLATION_SET_LABELS[set]}）` : ""} ${rows.length} 条`,
      changes: { locale: [null, locale], ...(set ? { set: [null, set] } : {}) },
    }),
  );
  const suffix = set ? `-${TRANSLATION_SET_LABELS[set]}` : "";
  return { fileName: `界面翻译-${SOURCES[locale].label}${suffix}.xlsx`, content, count: rows.length };
}

/** Text as exported: a leading apostrophe that the export put before = + - @ (formula neutralising) is removed. */
const unneutralised = (v: string) => v.replace(/^'(?=[=+\-@])/, "");

/**
 * Reads the translators' sheet and checks every row: a known key, once; no control, bidirectional or ill-formed
 * characters in 键, 蒙古文 or 状态; a state of 待翻译/待校对/已校对 (empty: 待校对 when translated, else 待翻译) that
 * agrees with the text; the Chinese text's placeholders kept. With `apply` and no error, the changed strings are
 * saved in one transaction, each audited; with any error nothing is saved (apply: a 400 with every row's error).
 */
export async function importTranslations(
  ctx: Ctx,
  locale: TranslationLocale,
  content: Buffer,
  apply: boolean,
): Promise<TranslationImportResult> {
  let sheet: XlsxSheet;
  try {
    sheet = await readXlsxUpload(content, { maxRows: MAX_TRANSLATION_ROWS * 2 });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw errors.field("file", "system.translation_bad_file");
  }
  const missing = TRANSLATION_COLUMNS.filter((c) => c !== "中文" && !sheet.headers.includes(c));
  if (missing.length) throw errors.field("file", "system.translation_header", { columns: missing.join("、") });
  if (sheet.rows.length === 0) throw errors.field("file", "system.translation_empty");
  if (sheet.rows.length > MAX_TRANSLATION_ROWS)
    throw errors.field("file", "errors.upload_too_many_rows", { max: MAX_TRANSLATION_ROWS });

  const col = (cells: string[], name: (typeof TRANSLATION_COLUMNS)[number]) => cells[sheet.headers.indexOf(name)] ?? "";
  const current = new Map((await effectiveRows(ctx.db, locale)).map((r) => [r.key, r]));
  const seen = new Map<string, number>();
  const problems: ImportRowError[] = [];
  const changes: TranslationImportResult["changes"] = [];
  let unchanged = 0;
  for (const { rowNumber: row, cells } of sheet.rows) {
    const bad = (field: string, message: string) => problems.push({ row, field, message });
    const key = col(cells, "键");
    const text = unneutralised(col(cells, "蒙古文"));
    const stateText = col(cells, "状态");
    let refused = false;
    for (const [field, value] of [
      ["键", key],
      ["蒙古文", text],
      ["状态", stateText],
    ] as const) {
      const problem = translationTextProblem(value);
      if (problem) {
        bad(field, problem);
        refused = true;
      }
    }
    if (refused) continue;
    const before = current.get(key);
    if (!key) {
      bad("键", "键不能为空");
      continue;
    }
    if (!before) {
      bad("键", `${t("system.translation_key_unknown", { key: key.slice(0, 80) })}，请使用最新导出的表格`);
      continue;
    }
    if (seen.has(key)) {
      bad("键", `键“${key}”在第 ${seen.get(key)} 行已出现`);
      continue;
    }
    seen.set(key, row);
    if (text.length > MAX_TRANSLATION_LENGTH) {
      bad("蒙古文", `不能超过 ${MAX_TRANSLATION_LENGTH} 个字符`);
      continue;
    }
    const parsedState = translationState.safeParse(stateText || (text ? "待校对" : "待翻译"));
    if (!parsedState.success) {
      bad("状态", `“${stateText.slice(0, 20)}”不是有效的状态，应为“待翻译”“待校对”或“已校对”`);
      continue;
    }
    const state = parsedState.data;
    const problem = translationProblem(before.zh, text, state);
    if (problem) {
      bad(problem.on === "text" ? "蒙古文" : "状态", problem.message);
      continue;
    }
    if (before.text === text && before.state === state) unchanged++;
    else
      changes.push({
        row,
        key,
        zh: before.zh,
        before: { text: before.text, state: before.state },
        after: { text, state },
      });
  }
  problems.sort((a, b) => a.row - b.row);
  const result = (applied: boolean, counts: TranslationCounts): TranslationImportResult => ({
    locale,
    total: sheet.rows.length,
    changes,
    unchanged,
    errors: problems,
    applied,
    counts,
  });
  if (!apply) {
    // The counts as they would be after the import (as they are now, when the file has errors).
    const after = [...current.values()].map((r) => {
      const c = problems.length ? undefined : changes.find((x) => x.key === r.key);
      return c ? { ...r, ...c.after } : r;
    });
    return result(false, countsOf(after));
  }
  if (problems.length) {
    const first = problems[0];
    throw new AppError(
      400,
      "IMPORT_FAILED",
      t("system.translation_has_errors", {
        count: new Set(problems.map((p) => p.row)).size,
        row: first.row,
        column: first.field,
        message: first.message,
      }),
      { imported: 0, errors: problems },
    );
  }
  await ctx.db.transaction(async (tx) => {
    for (const c of changes) {
      const before = current.get(c.key)!;
      await write(ctx, tx, locale, before, c.after.text, c.after.state, "translation.import");
    }
  });
  return result(true, countsOf(await effectiveRows(ctx.db, locale)));
}
