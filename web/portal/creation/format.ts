import { getLocale } from "../i18n";

/**
 * 2026-11-24 → 2026年11月24日 (dates are calendar days already in Beijing time); on Mongolian pages 2026.11.24,
 * the numeric form Mongolian documents use.
 */
export function cnDate(day: string | null | undefined): string {
  if (!day) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  if (!m) return day;
  return getLocale() === "mn-Mong" ? `${m[1]}.${m[2]}.${m[3]}` : `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** An ISO instant as its Beijing calendar day. */
export function cnDateOfInstant(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return cnDate(d.toISOString());
}
