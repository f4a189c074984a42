import { useSyncExternalStore } from "react";
import {
  entriesOf,
  flatKeys,
  lookup,
  type TranslationState,
  type Translations,
} from "../../contracts/portal-i18n/keys";
import { portalZh } from "./zh-CN";

export { flatKeys, type Translation, type TranslationState, type Translations } from "../../contracts/portal-i18n/keys";

/**
 * The portal's t(): same keys as the console ("portal.…") but only the portal's own strings are bundled, so the
 * public page stays small. Chinese is the source language; the Mongolian (traditional script) set lives in mn.ts,
 * loaded with its font only when a visitor chooses it. A key the Mongolian set lacks falls back to Chinese and
 * is counted (missingUsed()).
 */
export type Locale = "zh-CN" | "mn-Mong";
export const LOCALES: Locale[] = ["zh-CN", "mn-Mong"];

const resources = { portal: portalZh };
const STORAGE_KEY = "shiliu.portal.lang";

let locale: Locale = "zh-CN";
let mongolian: Translations | null = null;
const missing = new Set<string>();

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

/**
 * Content entered by staff in both languages (a news title, a unit's name, a notice title): the Mongolian text when
 * the visitor chose Mongolian and staff entered one, else the Chinese. `lang` goes on the element showing it, so
 * a Chinese fallback inside a Mongolian page is still read (and hyphenated, spoken) as Chinese.
 */
export function localized(zh: string, mn?: string | null): { text: string; lang: Locale } {
  const m = mn?.trim();
  return locale === "mn-Mong" && m ? { text: m, lang: "mn-Mong" } : { text: zh, lang: "zh-CN" };
}

/** Every Chinese key with its Chinese text, flat. */
export function chineseEntries(): [string, string][] {
  return entriesOf(resources);
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

/** Where the portal reads its Mongolian strings: the shipped set overridden by what administrators edited. */
export const MONGOLIAN_URL = "/api/public/i18n/mn-Mong";

/**
 * The Mongolian strings: the effective set from the server (translations edited or imported by administrators),
 * or, when that request fails, the set shipped with the app (its own chunk, fetched only then).
 */
export async function loadMongolian(fetcher: typeof fetch = fetch): Promise<Translations> {
  try {
    const res = await fetcher(MONGOLIAN_URL, { headers: { accept: "application/json" } });
    if (res.ok) {
      const data: unknown = await res.json();
      if (data && typeof data === "object" && !Array.isArray(data)) return data as Translations;
    }
  } catch {}
  return (await import("./mn")).portalMn;
}

/**
 * Switches the language. Mongolian first loads its strings (from the server, else the shipped chunk) and the font (a separate chunk), fetched only now, so
 * the page never shows Mongolian text in a fallback font's boxes.
 */
export async function setLocale(next: Locale): Promise<void> {
  if (next === "mn-Mong" && !mongolian) {
    const [strings] = await Promise.all([loadMongolian(), import("@fontsource/noto-sans-mongolian/mongolian-400.css")]);
    mongolian = strings;
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
