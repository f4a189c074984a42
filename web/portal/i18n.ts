import { useSyncExternalStore } from "react";
import { portalZh } from "./zh-CN";

/**
 * The portal's t(): same keys as the console ("portal.…") but only the portal's own strings are bundled, so the
 * public page stays small. Chinese is the source language; the Mongolian (traditional script) set lives in mn.ts,
 * loaded with its font only when a visitor chooses it. A key the Mongolian set lacks falls back to Chinese and
 * is counted (missingUsed()).
 */
export type Locale = "zh-CN" | "mn-Mong";
export const LOCALES: Locale[] = ["zh-CN", "mn-Mong"];
/** A translation's state, as administrators see it: not yet translated, translated but unchecked, checked. */
export type TranslationState = "待翻译" | "待校对" | "已校对";
/** One Mongolian string with its state (a string that is not there is 待翻译). */
export type Translation = { text: string; state: Exclude<TranslationState, "待翻译"> };
/** Flat keys ("portal.news.lead") to their Mongolian text. */
export type Translations = Record<string, Translation>;

const resources = { portal: portalZh };
const STORAGE_KEY = "shiliu.portal.lang";

let locale: Locale = "zh-CN";
let mongolian: Translations | null = null;
const missing = new Set<string>();

function lookup(tree: unknown, key: string): string | undefined {
  let node = tree;
  for (const part of key.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : undefined;
}

export function t(key: string, params: Record<string, string | number> = {}): string {
  let text: string | undefined;
  if (locale === "mn-Mong" && mongolian) {
    text = mongolian[key]?.text;
    if (text === undefined) missing.add(key);
  }
  text ??= lookup(resources, key);
  if (text === undefined) {
    if (import.meta.env.DEV) console.warn(`缺少文案：${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** Every key of a message tree, flat ("portal.hero.title"), in source order. */
export function flatKeys(tree: Record<string, unknown>, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : flatKeys(v as Record<string, unknown>, `${prefix}${k}.`),
  );
}

/** Every Chinese key with its Chinese text, flat. */
export function chineseEntries(): [string, string][] {
  return flatKeys(resources).map((k) => [k, lookup(resources, k) as string]);
}

/**
 * The keys a translation set lacks (they show in Chinese): how many and which. Keys the set has that Chinese no
 * longer has are listed as stale (left over from a renamed string).
 */
export function missingTranslations(
  translations: Translations,
  keys: string[] = flatKeys(resources),
): { count: number; total: number; missing: string[]; stale: string[] } {
  const known = new Set(keys);
  const absent = keys.filter((k) => !translations[k]?.text);
  return {
    count: absent.length,
    total: keys.length,
    missing: absent,
    stale: Object.keys(translations).filter((k) => !known.has(k)),
  };
}

/** Each key's state: 待翻译 when the set lacks it, else the state recorded with it. */
export function translationStates(
  translations: Translations,
  keys: string[] = flatKeys(resources),
): Record<string, TranslationState> {
  return Object.fromEntries(keys.map((k) => [k, translations[k]?.text ? translations[k].state : "待翻译"]));
}

/** The keys shown in Chinese on a Mongolian page since it was chosen (what the visitor actually met). */
export function missingUsed(): string[] {
  return [...missing];
}

// ---- The chosen language: remembered on this device, <html lang>, re-render on change ----------------------

const listeners = new Set<() => void>();

function stored(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "mn-Mong" ? "mn-Mong" : "zh-CN";
  } catch {
    return "zh-CN";
  }
}

/**
 * Switches the language. Mongolian first loads its strings and the font (separate chunks, fetched only now), so
 * the page never shows Mongolian text in a fallback font's boxes.
 */
export async function setLocale(next: Locale): Promise<void> {
  if (next === "mn-Mong" && !mongolian) {
    const [{ portalMn }] = await Promise.all([
      import("./mn"),
      import("@fontsource/noto-sans-mongolian/mongolian-400.css"),
    ]);
    mongolian = portalMn;
    // Start the font download now (a face is fetched only when text needs it) and wait for it briefly.
    await Promise.race([
      document.fonts?.load('1rem "Noto Sans Mongolian"', "ᠮᠣᠩᠭᠣᠯ").catch(() => undefined),
      new Promise((r) => setTimeout(r, 3000)),
    ]);
  }
  selectTranslations(next, mongolian);
  const html = document.documentElement;
  html.lang = next;
  html.classList.toggle("lang-mn", next === "mn-Mong");
  try {
    if (next === "mn-Mong") localStorage.setItem(STORAGE_KEY, next);
    else localStorage.removeItem(STORAGE_KEY);
  } catch {}
  for (const l of listeners) l();
}

/** Makes `next` the language of t() with its translations (no page effects; setLocale does those). */
export function selectTranslations(next: Locale, translations: Translations | null) {
  locale = next;
  mongolian = translations;
  missing.clear();
}

/** Restores the language chosen on this device before the first render. */
export function initLocale(): Promise<void> {
  return stored() === "mn-Mong" ? setLocale("mn-Mong").catch(() => undefined) : Promise.resolve();
}

export function getLocale(): Locale {
  return locale;
}

export function useLocale(): Locale {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => locale,
  );
}
