import { AUDIT_CATEGORY_LABELS } from "../../contracts/audit";
import { ADMIN_KIND_LABELS, DATA_SCOPE_LABELS, PERMISSIONS } from "../../contracts/identity";
import { formatTime } from "./format";
import { t } from "./i18n";
import { zhCN } from "./locales/zh-CN";

const auditZh = zhCN.audit;

/** Whether the zh-CN resource has this dotted key under audit (so unknown codes fall back to the code itself). */
function has(path: string[]): boolean {
  let node: unknown = auditZh;
  for (const part of path) {
    if (!node || typeof node !== "object" || !Object.hasOwn(node, part)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === "string";
}

/** "org.create" → 新增机构; an action code without a label shows as it is. */
export function actionLabel(code: string): string {
  const parts = code.split(".");
  return has(["actions", ...parts]) ? t(`audit.actions.${code}`) : code;
}

/** "org" → 组织机构. */
export function entityLabel(entity: string | null | undefined): string {
  if (!entity) return "—";
  return has(["entities", entity]) ? t(`audit.entities.${entity}`) : entity;
}

export function fieldLabel(field: string): string {
  return has(["fields", field]) ? t(`audit.fields.${field}`) : field;
}

/** The action codes that have a Chinese name, for the 操作 filter. */
export function knownActions(prefixes?: string[]): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  for (const [group, actions] of Object.entries(auditZh.actions)) {
    if (prefixes && !prefixes.includes(group)) continue;
    for (const name of Object.keys(actions)) {
      const code = `${group}.${name}`;
      out.push({ value: code, label: actionLabel(code) });
    }
  }
  return out;
}

export const ENTITY_OPTIONS = Object.keys(auditZh.entities).map((value) => ({ value, label: entityLabel(value) }));

/** Fields that only repeat what the entry already says (the object's id, derived counts). */
const HIDDEN_FIELDS = new Set(["id", "userCount"]);

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value of a changed field in words: codes become their Chinese labels, booleans 是/否, times Beijing time. */
export function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("audit.changes.empty");
  if (typeof value === "boolean") return value ? t("audit.values.yes") : t("audit.values.no");
  if (Array.isArray(value)) {
    if (value.length === 0) return t("audit.changes.empty");
    return value.map((v) => formatValue(field, v)).join("、");
  }
  if (typeof value === "object") {
    if (field === "filters" && Object.keys(value).length === 0) return t("audit.changes.noFilter");
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null && v !== "")
      .map(([k, v]) => `${fieldLabel(k)}=${formatValue(k, v)}`)
      .join("，");
  }
  const s = String(value);
  if (s === "***") return `***${t("audit.changes.masked")}`;
  switch (field) {
    case "permissions":
      return PERMISSIONS[s as keyof typeof PERMISSIONS]?.label ?? s;
    case "dataScope":
      return DATA_SCOPE_LABELS[s as keyof typeof DATA_SCOPE_LABELS] ?? s;
    case "adminKind":
      return ADMIN_KIND_LABELS[s as keyof typeof ADMIN_KIND_LABELS] ?? s;
    case "status":
      return has(["values", s]) ? t(`audit.values.${s}`) : s;
    case "category":
      return AUDIT_CATEGORY_LABELS[s as keyof typeof AUDIT_CATEGORY_LABELS] ?? s;
    case "action":
      return actionLabel(s);
    case "entity":
      return entityLabel(s);
    case "outcome":
      return s === "success" || s === "failure" ? t(`audit.outcome.${s}`) : s;
  }
  if (ISO_TIME.test(s)) return formatTime(s);
  return s;
}

/**
 * The "changes" of an entry as readable lines: "字段：旧 → 新" for { field: [before, after] }, list fields as
 * what was added and removed, anything else (export filters) as "字段：值".
 */
export function describeChanges(changes: unknown): string[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  const lines: string[] = [];
  const entries = Object.entries(changes as Record<string, unknown>).filter(([f]) => !HIDDEN_FIELDS.has(f));
  const isPair = (v: unknown): v is [unknown, unknown] => Array.isArray(v) && v.length === 2;
  const blank = (v: unknown) => v === null || v === undefined;
  // A record created (every "before" empty) or deleted (every "after" empty): list its values, no arrows.
  const pairs = entries.filter(([, v]) => isPair(v)) as [string, [unknown, unknown]][];
  const whole =
    pairs.length === entries.length && pairs.length > 1
      ? pairs.every(([, [b]]) => blank(b))
        ? 1
        : pairs.every(([, [, a]]) => blank(a))
          ? 0
          : -1
      : -1;
  if (whole >= 0)
    return pairs.map(([field, pair]) => `${fieldLabel(field)}：${formatValue(field, pair[whole as 0 | 1])}`);
  for (const [field, v] of entries) {
    const label = fieldLabel(field);
    if (isPair(v)) {
      const [before, after] = v;
      if (Array.isArray(before) && Array.isArray(after) && before.length > 0 && after.length > 0) {
        const added = after.filter((x) => !before.includes(x));
        const removed = before.filter((x) => !after.includes(x));
        const parts = [
          added.length ? `${t("audit.changes.added")} ${formatValue(field, added)}` : "",
          removed.length ? `${t("audit.changes.removed")} ${formatValue(field, removed)}` : "",
        ].filter(Boolean);
        if (parts.length) {
          lines.push(`${label}：${parts.join("；")}`);
          continue;
        }
      }
      lines.push(`${label}：${formatValue(field, before)} → ${formatValue(field, after)}`);
    } else {
      lines.push(`${label}：${formatValue(field, v)}`);
    }
  }
  return lines;
}
