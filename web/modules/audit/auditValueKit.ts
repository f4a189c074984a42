import { DEFAULT_CREATION_CATEGORIES, REVIEW_LEVEL_LABELS } from "../../../contracts/creation";

/*
 * The building blocks of the per-module audit value maps (web/modules/<module>/auditValues.ts), combined in
 * web/app/auditLabels.ts: how the values inside an audit entry's "changes" read for one kind of object.
 */

/** How one field's values read: a code → label map (applied to each value of a list), or a function of the whole value. */
export type ValueFormat = Readonly<Record<string, string>> | ((value: unknown) => string | undefined);

export type EntityValues = {
  /** field → its value format. */
  fields: Readonly<Record<string, ValueFormat>>;
  /** Fields not shown: ids of what the entry's summary already names. */
  hidden?: readonly string[];
};

/** entity (audit_log.entity) → how its fields' values read. */
export type AuditValueMap = Readonly<Record<string, EntityValues>>;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id or hash shortened the way the audit log shows object ids. */
export const compactId = (id: string) => (id.length > 8 ? `${id.slice(0, 8)}…` : id);

/** The "8+N进" categories the server seeds into the creation_category dictionary; one added later shows as its code. */
export const CATEGORY_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  DEFAULT_CREATION_CATEGORIES.map(([code, label]) => [code, label]),
);

/** A region code of a review level: "盟市 1501". */
function reviewLevel(code: unknown): string {
  const s = String(code);
  const level = REVIEW_LEVEL_LABELS[s.length];
  return level ? `${level} ${s}` : s;
}

/** 推荐层级: one region code or the chain, lowest level first (旗县 150102 → 盟市 1501 → 自治区 15). */
export const reviewLevels: ValueFormat = (v) => (Array.isArray(v) ? v.map(reviewLevel).join(" → ") : reviewLevel(v));

/** Evidence stored as { id, title, fileName } objects: their titles. */
export const titles: ValueFormat = (v) => {
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => x && typeof x === "object" && "title" in x)) return undefined;
  return list.map((x) => `“${String((x as { title: unknown }).title)}”`).join("、");
};

/** A { category code: anything } map (e.g. per-category indicator sets): the categories it names. */
export const categoryKeys: ValueFormat = (v) =>
  v && typeof v === "object" && !Array.isArray(v)
    ? Object.keys(v)
        .map((c) => CATEGORY_LABELS[c] ?? c)
        .join("、")
    : undefined;

/** A content hash: its first characters. */
export const hash: ValueFormat = (v) => (typeof v === "string" ? compactId(v) : undefined);
