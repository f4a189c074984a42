import { lookup, type Translations } from "../../contracts/portal-i18n/keys";
import { zhCN } from "./locales/zh-CN";

export type { Translation, Translations } from "../../contracts/portal-i18n/keys";

/**
 * Every string the console shows goes through t(). Chinese is the source; Mongolian (traditional script) covers
 * the frame and the unit-facing pages (contracts/console-i18n), loaded with its font only when the user chooses
 * it. A key the Mongolian set lacks falls back to Chinese and is counted (missingUsed()).
 *
 * The language is fixed for one page load: switching stores the choice and reloads, so every memoised column,
 * menu and antd locale is built once in the chosen language.
 */
export type ConsoleLocale = "zh-CN" | "mn-Mong";

let locale: ConsoleLocale = "zh-CN";
let mongolian: Translations | null = null;
const missing = new Set<string>();

export function t(key: string, params: Record<string, string | number> = {}): string {
  let text: string | undefined;
  if (locale === "mn-Mong" && mongolian) {
    text = mongolian[key]?.text;
    if (text === undefined) missing.add(key);
  }
  text ??= lookup(zhCN, key);
  if (text === undefined) {
    if (import.meta.env.DEV) console.warn(`缺少文案：${key}`);
    return key;
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** The keys shown in Chinese on a Mongolian page since it loaded (what the user actually met). */
export function missingUsed(): string[] {
  return [...missing];
}

export function getLocale(): ConsoleLocale {
  return locale;
}

/** Makes `next` the language of t() with its translations (no page effects). */
export function selectTranslations(next: ConsoleLocale, translations: Translations | null) {
  locale = next;
  mongolian = translations;
  missing.clear();
}

// ---- The chosen language: remembered on this device per user, and the last choice for the sign-in page -------

const LAST_KEY = "shiliu.console.lang";
const userKey = (username: string) => `shiliu.console.lang.${username}`;

function read(key: string): ConsoleLocale | null {
  try {
    const v = localStorage.getItem(key);
    return v === "mn-Mong" || v === "zh-CN" ? v : null;
  } catch {
    return null;
  }
}
function write(key: string, v: ConsoleLocale) {
  try {
    localStorage.setItem(key, v);
  } catch {}
}

/** Where the console reads its Mongolian strings: the shipped set overridden by what administrators edited. */
export const MONGOLIAN_URL = "/api/public/i18n/mn-Mong?set=console";

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
  return (await import("./locales/mn")).consoleMn;
}

/**
 * Before the first render: the language last chosen on this device. Mongolian loads its strings and the font
 * (separate chunks, fetched only now) so the console never shows Mongolian in a fallback font's boxes; if they
 * cannot be loaded the console opens in Chinese.
 */
export async function initLocale(): Promise<void> {
  if (read(LAST_KEY) !== "mn-Mong") return;
  try {
    const [strings] = await Promise.all([loadMongolian(), import("@fontsource/noto-sans-mongolian/mongolian-400.css")]);
    await Promise.race([
      document.fonts?.load('1rem "Noto Sans Mongolian"', "ᠮᠣᠩᠭᠣᠯ").catch(() => undefined),
      new Promise((r) => setTimeout(r, 3000)),
    ]);
    selectTranslations("mn-Mong", strings);
    document.documentElement.lang = "mn-Mong";
    document.documentElement.classList.add("lang-mn");
  } catch {
    selectTranslations("zh-CN", null);
  }
}

/** Chooses the console's language for this user on this device, and reloads the page in it. */
export function switchLocale(next: ConsoleLocale, username?: string) {
  write(LAST_KEY, next);
  if (username) write(userKey(username), next);
  window.location.reload();
}

/**
 * After sign-in: the user's own choice (another user may have chosen differently on this shared device). Reloads
 * only when it differs from the language the page loaded in; a user who never chose keeps the current one.
 */
export function applyUserLocale(username: string) {
  const own = read(userKey(username));
  if (own && own !== locale) switchLocale(own, username);
}
