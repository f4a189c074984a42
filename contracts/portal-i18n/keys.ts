/**
 * The portal's interface strings as keys, shared by the portal (t()) and the server (the translation workflow:
 * export, import, the administrators' list, the effective set served to the portal). Chinese (zh-CN.ts) is the
 * source; the shipped Mongolian set is mn.ts, loaded by the portal only when a visitor chooses it. This file
 * holds no strings, so importing it costs the portal's first page nothing.
 */

/** The languages the portal's interface is translated into (Chinese is the source, not a translation). */
export const TRANSLATION_LOCALES = ["mn-Mong"] as const;
export type TranslationLocale = (typeof TRANSLATION_LOCALES)[number];
export const TRANSLATION_LOCALE_LABELS: Record<TranslationLocale, string> = { "mn-Mong": "蒙古文（传统蒙古文）" };

/**
 * The interface's translated sets: the portal's fixed text (keys "portal.…", contracts/portal-i18n) and the
 * console's frame and unit-facing pages (contracts/console-i18n). A key belongs to one set by its first part.
 */
export const TRANSLATION_SETS = ["portal", "console"] as const;
export type TranslationSet = (typeof TRANSLATION_SETS)[number];
export const TRANSLATION_SET_LABELS: Record<TranslationSet, string> = { portal: "公众门户", console: "管理后台" };
export const setOfKey = (key: string): TranslationSet => (key.startsWith("portal.") ? "portal" : "console");

/** A translation's state, as administrators see it: not yet translated, translated but unchecked, checked. */
export const TRANSLATION_STATES = ["待翻译", "待校对", "已校对"] as const;
export type TranslationState = (typeof TRANSLATION_STATES)[number];
/** One translated string with its state (a string that is not there is 待翻译). */
export type Translation = { text: string; state: Exclude<TranslationState, "待翻译"> };
/** Flat keys ("portal.news.lead") to their translated text. */
export type Translations = Record<string, Translation>;

/** Every key of a message tree, flat ("portal.hero.title"), in source order. */
export function flatKeys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : flatKeys(v as Record<string, unknown>, `${prefix}${k}.`),
  );
}

/** The string at a flat key of a message tree, if there is one. */
export function lookup(tree: unknown, key: string): string | undefined {
  let node = tree;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

/** Every key with its source text, flat, in source order. */
export function entriesOf(tree: Record<string, unknown>): [string, string][] {
  return flatKeys(tree).map((k) => [k, lookup(tree, k) as string]);
}

/** The placeholders of a string ("{name}", "{n}"), sorted: a translation must keep those of its source. */
export function placeholders(s: string): string[] {
  return [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}
