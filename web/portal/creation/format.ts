/** 2026-11-24 → 2026年11月24日 (dates are calendar days already in Beijing time). */
export function cnDate(day: string | null | undefined): string {
  if (!day) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** An ISO instant as its Beijing calendar day. */
export function cnDateOfInstant(iso: string | null | undefined): string {
  if (!iso) return "";
  const d = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return cnDate(d.toISOString());
}
